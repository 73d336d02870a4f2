"""The GraphQL schema matches the ontology, and schema.graphql matches the code."""

from __future__ import annotations

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from api.graphql import build_schema, schema_sdl
from api.graphql.naming import relationship_fields
from config.settings import PROJECT_ROOT
from graph.ontology import ENTITY_LABEL, ENTITY_LABELS, NODE_TYPES, RELATIONSHIP_TYPES

SCHEMA = build_schema()._schema


def _type(name: str) -> GraphQLObjectType:
    graphql_type = SCHEMA.type_map.get(name)
    assert graphql_type is not None, f"no GraphQL type {name}"
    return graphql_type


def test_schema_graphql_file_is_up_to_date():
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema_sdl(), (
        "schema.graphql differs from the code: run `make schema` and commit the file"
    )


def test_every_label_is_a_type_with_every_property():
    for node in NODE_TYPES:
        fields = _type(node.label).fields
        for prop in node.properties:
            assert prop.name in fields, f"{node.label}.{prop.name} missing"
            if prop.required:
                assert isinstance(fields[prop.name].type, GraphQLNonNull)
            if prop.type.endswith("[]"):
                assert isinstance(fields[prop.name].type.of_type, GraphQLList)
        if node.is_entity:
            assert [i.name for i in _type(node.label).interfaces] == [ENTITY_LABEL]


def test_every_relationship_is_a_field_on_both_ends_with_its_properties_and_evidence():
    fields = relationship_fields()
    for rel in RELATIONSHIP_TYPES:
        for owner, direction, other in ((rel.start, "out", rel.end), (rel.end, "in", rel.start)):
            owners = ENTITY_LABELS if owner == ENTITY_LABEL else (owner,)
            (field,) = [
                f
                for f in fields
                if f.rel_type == rel.type and f.direction == direction and f.owner == owner
            ]
            for label in owners:
                graphql_field = _type(label).fields[field.name]
                edge = get_named_type(graphql_field.type)
                assert get_named_type(edge.fields["node"].type).name == other
                for prop in rel.properties:
                    if prop.name in ("docIds", "evidence"):
                        continue
                    assert prop.name in edge.fields, f"{edge.name}.{prop.name} missing"
                assert ("evidence" in edge.fields) == rel.has_provenance
                evidence = (
                    get_named_type(edge.fields["evidence"].type) if rel.has_provenance else None
                )
                if evidence is not None:
                    assert {"sentence", "document"} <= set(evidence.fields)


def test_every_label_has_root_fields():
    query = SCHEMA.query_type.fields
    for node in NODE_TYPES:
        single = node.label[0].lower() + node.label[1:]
        assert single in query
        connection = get_named_type(
            [
                f
                for name, f in query.items()
                if name != single and get_named_type(f.type).name == f"{node.label}Connection"
            ][0].type
        )
        assert {"edges", "pageInfo", "totalCount"} <= set(connection.fields)
    assert {"search", "path"} <= set(query)
    assert {"ingestDocument", "deleteDocument"} <= set(SCHEMA.mutation_type.fields)


def test_kg_export_schema_prints_the_sdl():
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["export-schema"])
    assert result.exit_code == 0, result.output
    assert result.output == schema_sdl()
    assert "type Drug implements Entity" in result.output
