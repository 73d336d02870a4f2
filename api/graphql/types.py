"""GraphQL object types generated from graph/ontology.py.

Why generated: the ontology is the one source of truth, so each label becomes a type with
its properties, and each relationship type becomes a field on both of its end types whose
edges carry the relationship's properties and its evidence (document + sentence),
read on demand and paginated. A test
checks the exported schema against the ontology as well.

Type mapping of ontology property types: string -> String, string[] -> [String!]! (empty
when absent), int -> Int, float -> Float, date -> Date, datetime -> DateTime; required
properties are non-null; the key `id` is an ID.
"""

# No `from __future__ import annotations`: strawberry reads the real type objects we put
# into the generated annotations.

import datetime
import enum
from collections.abc import Iterator
from typing import Any, Optional

import strawberry
from strawberry import Info
from strawberry.types.nodes import SelectedField

from api.graphql.errors import UserError
from api.graphql.naming import RelationshipField, fields_of, relationship_fields
from api.graphql.pagination import decode_cursor, encode_cursor
from graph.ontology import (
    DOC_IDS,
    ENTITY_LABEL,
    ENTITY_LABELS,
    EVIDENCE,
    KEY,
    NODE_TYPES,
    NODE_TYPES_BY_LABEL,
    SUPPORT_COUNT,
    Phase,
    Property,
    fact_key,
    relationship_type,
)
from graph.reads import BY_NAME, EVIDENCE_ROWS, NEWEST, EvidenceAfter, Row, labels_of

PhaseEnum = strawberry.enum(Phase, description="Clinical stage vocabulary (Open Targets).")

EntityType = strawberry.enum(
    enum.Enum("EntityType", {label.upper(): label for label in ENTITY_LABELS}),
    description="An entity label of the graph model.",
)

_SCALARS: dict[str, Any] = {
    "string": str,
    "int": int,
    "float": float,
    "date": datetime.date,
    "datetime": datetime.datetime,
}


def python_type(prop: Property) -> Any:
    """The Python/GraphQL type of an ontology property."""
    if prop.type.endswith("[]"):
        return list[_SCALARS[prop.type[:-2]]]
    scalar = strawberry.ID if prop.name == KEY else _SCALARS[prop.type]
    return scalar if prop.required else Optional[scalar]  # noqa: UP045 (runtime annotation)


def convert_value(prop: Property, value: Any) -> Any:
    """A stored Neo4j value as the GraphQL layer wants it (native dates, lists never null)."""
    if prop.type.endswith("[]"):
        return list(value or [])
    if value is None:
        return None
    if prop.type == "date":
        if hasattr(value, "to_native"):
            value = value.to_native()
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value[:10])
            except ValueError:
                return None
        return value
    if prop.type == "datetime":
        if hasattr(value, "to_native"):
            return value.to_native()
        if isinstance(value, str):
            try:
                return datetime.datetime.fromisoformat(value)
            except ValueError:
                return None
        return value
    if prop.type in ("int", "float"):
        return _SCALARS[prop.type](value)
    return str(value)


# -- the generated classes -------------------------------------------------------------------


def _entity_common_properties() -> tuple[Property, ...]:
    """Properties every entity type has: they go on the `Entity` interface."""
    entity_types = [n for n in NODE_TYPES if n.is_entity]
    common = set.intersection(*(set(n.property_names) for n in entity_types))
    return tuple(p for p in entity_types[0].properties if p.name in common)


ENTITY_PROPERTIES = _entity_common_properties()

#: label (and ENTITY_LABEL) -> generated strawberry class
NODE_CLASSES: dict[str, type] = {}
#: edge type name -> generated strawberry class
EDGE_CLASSES: dict[str, type] = {}


def _scalar_namespace(properties: tuple[Property, ...]) -> dict[str, Any]:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    for prop in properties:
        annotations[prop.name] = python_type(prop)
        if prop.type.endswith("[]"):
            field = strawberry.field(default_factory=list, description=prop.description)
        else:
            field = strawberry.field(default=None, description=prop.description)
        namespace[prop.name] = field
    return namespace


def _make_evidence(document_cls: type) -> type:
    """The Evidence type; built once the (still empty) Document class exists."""

    async def document(self: Any, info: Info) -> Any:
        row = await info.context.nodes("Document").load(str(self.document_id))
        return build_node(row, "Document") if row else None

    document.__annotations__ = {"info": Info, "return": Optional[document_cls]}  # noqa: UP045

    class Evidence:
        document_id: strawberry.ID = strawberry.field(description="Id of the supporting Document.")
        sentence: Optional[str] = strawberry.field(  # noqa: UP045
            default=None, description="The sentence that says so."
        )
        published_at: Optional[datetime.date] = strawberry.field(  # noqa: UP045
            default=None, description="Publication date of the Document (evidence: newest first)."
        )
        rule: Optional[str] = strawberry.field(  # noqa: UP045
            default=None, description="Name of the extraction rule that found the fact, if known."
        )
        cursor: Optional[str] = strawberry.field(  # noqa: UP045
            default=None,
            description="Pass as `after` to get the evidence after this item (null for paths).",
        )
        document_field = strawberry.field(
            resolver=document,
            name="document",
            description="The supporting Document (null if it has been deleted).",
        )

    return strawberry.type(Evidence, description="The sentence of one document that states a fact.")


Evidence: type = type("Evidence", (), {})  # replaced by _generate()


def _evidence_item(row: Row, with_cursor: bool = False) -> Any:
    """An Evidence object from a reads.evidence row (or a path's evidence row)."""
    day = row.get("day")
    return Evidence(
        document_id=row["documentId"],
        sentence=row.get("sentence"),
        published_at=convert_value(Property("publishedAt", "date", ""), row.get("publishedAt")),
        rule=row.get("rule"),
        cursor=encode_cursor(day, row["documentId"]) if with_cursor and day is not None else None,
    )


def _legacy_evidence(rel_props: dict[str, Any]) -> list[Any]:
    """Evidence of a not yet migrated fact: its index-aligned docIds/evidence lists."""
    doc_ids = list(rel_props.get(DOC_IDS) or [])
    sentences = list(rel_props.get(EVIDENCE) or [])
    return [
        Evidence(document_id=doc_id, sentence=sentences[i] if i < len(sentences) else None)
        for i, doc_id in enumerate(doc_ids)
    ]


def evidence_of(rel_props: dict[str, Any]) -> list[Evidence]:
    """The evidence a read already fetched with a relationship (paths), or its legacy lists."""
    if EVIDENCE_ROWS in rel_props:
        return [_evidence_item(row) for row in rel_props[EVIDENCE_ROWS]]
    return _legacy_evidence(rel_props)


def _evidence_resolver() -> Any:
    """`evidence(first, after)` of a fact edge: read only when asked, newest first, paged."""

    async def evidence(
        self: Any,
        info: Info,
        first: Optional[int] = None,  # noqa: UP045
        after: Optional[str] = None,  # noqa: UP045
    ) -> list[Evidence]:
        cap = info.context.settings.kg_max_page_size
        if first is not None and (first < 0 or first > cap):
            raise UserError(f"page size too large: first={first} on evidence must be 0..{cap}")
        limit = cap if first is None else first
        if self._legacy is not None:
            return self._legacy[:limit]
        position = EvidenceAfter(*decode_cursor(after)) if after is not None else None

        async def batch(facts: list[str]) -> list[list[Row]]:
            found = await info.context.read(info.context.reader.evidence, facts, limit, position)
            return [found.get(fact, []) for fact in facts]

        loader = info.context._loader(("evidence", limit, position), batch)
        rows = await loader.load(self._fact)
        return [_evidence_item(row, with_cursor=True) for row in rows]

    evidence.__annotations__ = {
        "info": Info,
        "first": Optional[int],  # noqa: UP045
        "after": Optional[str],  # noqa: UP045
        "return": list[Evidence],
    }
    return evidence


def build_node(row: Row, label: str | None = None) -> Any:
    """A generated GraphQL object from a node row ({"props", "labels"})."""
    if label is None or label == ENTITY_LABEL:
        found = labels_of(row)
        if not found:
            raise ValueError(f"node without a model label: {row.get('labels')}")
        label = found[0]
    node = NODE_TYPES_BY_LABEL[label]
    props = row.get("props") or {}
    values = {p.name: convert_value(p, props.get(p.name)) for p in node.properties}
    return NODE_CLASSES[label](**values)


def _edge_class(field: RelationshipField) -> type:
    """The edge type of a relationship field: node, relationship properties, evidence."""
    name = field.edge_type_name
    if name in EDGE_CLASSES:
        return EDGE_CLASSES[name]
    rel = relationship_type(field.rel_type)
    namespace = _scalar_namespace(rel.properties)
    namespace["__annotations__"]["node"] = NODE_CLASSES[field.other]
    namespace["node"] = strawberry.field(description=f"The {field.other} at the other end.")
    # Evidence is read only when asked for: the edge keeps the fact's key (and, for a
    # not yet migrated graph, its legacy lists) as private fields.
    if rel.has_provenance:
        namespace["__annotations__"]["_fact"] = strawberry.Private[str]
        namespace["_fact"] = ""
        namespace["__annotations__"]["_legacy"] = strawberry.Private[Optional[list]]  # noqa: UP045
        namespace["_legacy"] = None
        namespace["evidence"] = strawberry.field(
            resolver=_evidence_resolver(),
            description=(
                "Documents and sentences that state this fact, newest first; `first` at most "
                "the server's page size cap (default: the cap), `after` an item's cursor."
            ),
        )
    # Dataclass ordering: `node` has no default, so put it first.
    annotations = namespace["__annotations__"]
    namespace["__annotations__"] = {"node": annotations.pop("node"), **annotations}
    cls = type(name, (), namespace)
    cls = strawberry.type(cls, description=f"{rel.type}: {rel.description}")
    EDGE_CLASSES[name] = cls
    return cls


def build_edge(field: RelationshipField, row: Row) -> Any:
    """An edge object from a neighbours row ({"rel", "props", "labels"})."""
    cls = EDGE_CLASSES[field.edge_type_name]
    rel = relationship_type(field.rel_type)
    rel_props = row.get("rel") or {}
    values: dict[str, Any] = {"node": build_node(row, field.other)}
    for prop in rel.properties:
        values[prop.name] = convert_value(prop, rel_props.get(prop.name))
    if rel.has_provenance:
        values["_fact"] = fact_key(field.rel_type, str(row.get("start")), str(row.get("end")))
        if DOC_IDS in rel_props:  # not yet migrated: serve the lists, count them
            values["_legacy"] = _legacy_evidence(rel_props)
            values[SUPPORT_COUNT] = len(values["_legacy"])
    return cls(**values)


def _selections(selections: list[Any]) -> Iterator[SelectedField]:
    """The fields of a selection set, fragments (named or inline) opened."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _selections(selection.selections)


def selected_node_properties(info: Info, other: str) -> tuple[str, ...]:
    """Properties of `other` that a relationship field's `node` selects (under any alias or
    fragment): all a neighbours read needs to project. The id always comes along."""
    names = {
        field.name
        for edge in _selections(info.selected_fields)
        for edge_field in _selections(edge.selections)
        if edge_field.name == "node"
        for field in _selections(edge_field.selections)
    }
    labels = ENTITY_LABELS if other == ENTITY_LABEL else (other,)
    known = {p.name for label in labels for p in NODE_TYPES_BY_LABEL[label].properties}
    return tuple(sorted(names & known))


#: The order argument of relationship fields whose other end is a Document.
DocumentOrder = strawberry.enum(
    enum.Enum("DocumentOrder", {"TITLE": BY_NAME, "NEWEST": NEWEST}),
    description=(
        "Order of a relationship field's documents: TITLE (then source), or NEWEST "
        "publication date first (undated last); ties by id."
    ),
)


def _relationship_resolver(field: RelationshipField, edge_cls: type) -> Any:
    query_label = field.owner  # ENTITY_LABEL matches any entity node

    async def load(self: Any, info: Info, first: int | None, order: str) -> Any:
        cap = info.context.settings.kg_max_page_size
        if first is not None and (first < 0 or first > cap):
            raise UserError(
                f"page size too large: first={first} on {field.name} must be between 0 and {cap}"
            )
        limit = cap if first is None else first
        loader = info.context.neighbours(
            query_label,
            field.rel_type,
            field.direction,
            limit,
            order,
            selected_node_properties(info, field.other),
        )
        rows = await loader.load(str(getattr(self, KEY)))
        return [build_edge(field, row) for row in rows]

    # strawberry reads the arguments from the signature: fields to documents also get an order.
    async def by_name(self: Any, info: Info, first: Optional[int] = None) -> Any:  # noqa: UP045
        return await load(self, info, first, BY_NAME)

    async def documents(
        self: Any,
        info: Info,
        first: Optional[int] = None,  # noqa: UP045
        orderBy: Any = DocumentOrder.TITLE,  # noqa: N803
    ) -> Any:
        return await load(self, info, first, orderBy.value)

    resolve = documents if field.other == "Document" else by_name
    resolve.__annotations__ = {
        "info": Info,
        "first": Optional[int],  # noqa: UP045
        **({"orderBy": DocumentOrder} if resolve is documents else {}),
        "return": list[edge_cls],
    }
    resolve.__name__ = field.name
    return resolve


def _add_relationship_fields(namespace: dict[str, Any], fields: tuple[RelationshipField, ...]):
    for field in fields:
        edge_cls = _edge_class(field)
        rel = relationship_type(field.rel_type)
        arrow = "->" if field.direction == "out" else "<-"
        order = "Ordered by `orderBy`" if field.other == "Document" else "Ordered by name"
        namespace[field.name] = strawberry.field(
            resolver=_relationship_resolver(field, edge_cls),
            description=(
                f"{arrow}{rel.type}{arrow}: {rel.description} {order}; `first` at most the "
                "server's page size cap (default: the cap)."
            ),
        )


def _generate() -> None:
    """Create the Entity interface, one type per label and one edge type per relationship end."""
    # 1. Empty classes first: edges and nodes refer to each other.
    NODE_CLASSES[ENTITY_LABEL] = type(ENTITY_LABEL, (), {})
    for node in NODE_TYPES:
        base = (NODE_CLASSES[ENTITY_LABEL],) if node.is_entity else ()
        NODE_CLASSES[node.label] = type(node.label, base, {})
    global Evidence
    Evidence = _make_evidence(NODE_CLASSES["Document"])
    # 2. The edges (they only need the classes to exist).
    for field in relationship_fields():
        _edge_class(field)
    # 3. Fill and decorate the interface, then each type.
    entity_fields = tuple(f for f in relationship_fields() if f.owner == ENTITY_LABEL)
    _fill(NODE_CLASSES[ENTITY_LABEL], ENTITY_PROPERTIES, entity_fields)
    NODE_CLASSES[ENTITY_LABEL] = strawberry.interface(
        NODE_CLASSES[ENTITY_LABEL],
        description="Anything with a name that the graph knows: every type but Document.",
    )
    for node in NODE_TYPES:
        own = tuple(f for f in fields_of(node.label) if f.owner == node.label)
        inherited = {p.name for p in ENTITY_PROPERTIES} if node.is_entity else set()
        props = tuple(p for p in node.properties if p.name not in inherited)
        _fill(NODE_CLASSES[node.label], props, own)
        NODE_CLASSES[node.label] = strawberry.type(
            NODE_CLASSES[node.label], description=node.description
        )


def _fill(cls: type, props: tuple[Property, ...], fields: tuple[RelationshipField, ...]) -> None:
    namespace = _scalar_namespace(props)
    _add_relationship_fields(namespace, fields)
    for key, value in namespace.items():
        if key != "__annotations__":
            setattr(cls, key, value)
    cls.__annotations__ = namespace["__annotations__"]


_generate()

EntityInterface = NODE_CLASSES[ENTITY_LABEL]
