"""The compiled path over HTTP: one Cypher statement per root field, and what it returns.

The differential test proves the compiled answers equal the resolvers'; these tests pin the
behaviours a client sees on top: statements per request in `extensions`, nested `first`
cutting each parent's own list, a count on its own, and the queries that still take the
resolvers (search, path, client errors) answering as before.
"""

from __future__ import annotations

from typing import Any

import neo4j
from api_fixture_graph import write_fixture_graph
from api_http import graphql_caller
from fastapi.testclient import TestClient
from graphql import parse

from api.graphql.compiler import compile_operation
from api.graphql.schema import build_schema
from api.main import create_app
from graph.schema import ensure_schema

THREE_LEVELS = """
query($first: Int) {
  drugs(first: $first) {
    totalCount
    pageInfo { hasNextPage }
    edges { node {
      name
      targets { action node { name drugs(first: 2) { node { name } } }
                evidence { sentence document { title publishedAt } } }
      trials { node { investigators { node { name sites { node { name } } } } } }
    } }
  }
  company(name: "company 1") { name drugs(first: 1) { node { name } } }
}
"""


def test_each_root_field_costs_one_statement_whatever_the_rows(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 30)
    small = gql(THREE_LEVELS, {"first": 5})
    large = gql(THREE_LEVELS, {"first": 30})
    assert "errors" not in small and "errors" not in large
    assert small["extensions"]["cypherStatements"] == 2  # two root fields
    assert large["extensions"]["cypherStatements"] == 2
    drugs = large["data"]["drugs"]
    assert drugs["totalCount"] == 30 and drugs["pageInfo"]["hasNextPage"] is False
    first = drugs["edges"][0]["node"]
    assert first["name"] == "Fixomab-001"
    (target,) = first["targets"]
    assert target["evidence"] == [
        {
            "sentence": "Fixomab-001 blocks TGT.",
            "document": {"title": "Fixture news", "publishedAt": "2024-05-01"},
        }
    ]
    # `first` cuts each target's own list of drugs, not the whole level.
    assert all(len(e["node"]["targets"][0]["node"]["drugs"]) == 2 for e in drugs["edges"])
    leads = first["trials"][0]["node"]["investigators"][0]["node"]
    # Ada Tester1 leads studies 1, 6, 11...: she works at both hospitals, ordered by name.
    assert [s["node"]["name"] for s in leads["sites"]] == [
        "General Hospital 0",
        "General Hospital 1",
    ]
    company = large["data"]["company"]
    assert company["name"] == "Company 1"  # found by name, case-insensitively
    assert company["drugs"] == [{"node": {"name": "Fixomab-001"}}]


def test_count_alone_is_one_statement(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 9)
    out = gql('{ drugs(filter: {target: "tgt1"}) { totalCount __typename } }')
    assert out["data"] == {"drugs": {"totalCount": 3, "__typename": "DrugConnection"}}
    assert out["extensions"]["cypherStatements"] == 1


def test_fragments_aliases_and_directives_shape_the_answer(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 3)
    query = """query($withId: Boolean!) {
      listed: drugs(first: 1, orderBy: NAME_DESC) { edges { node { ...Names } } }
      document(id: "doc:fixture-1") {
        mentions(first: 5) { node { __typename ... on Drug { name } ... on Company { id } } }
      }
    }
    fragment Names on Drug { label: name id @include(if: $withId) __typename }"""
    out = gql(query, {"withId": False})
    assert out["data"]["listed"] == {
        "edges": [{"node": {"label": "Fixomab-003", "__typename": "Drug"}}]
    }
    # Ordered by name: "Ada Tester1..3" (investigators), then "Company 1", "Company 2".
    assert out["data"]["document"]["mentions"] == [
        *[{"node": {"__typename": "Investigator"}}] * 3,
        {"node": {"__typename": "Company", "id": "company:c1"}},
        {"node": {"__typename": "Company", "id": "company:c2"}},
    ]
    assert out["extensions"]["cypherStatements"] == 2
    assert list(out["data"]) == ["listed", "document"]


def test_search_path_and_client_errors_still_take_the_resolvers(gql, driver, settings):
    ensure_schema(driver, settings.neo4j_database)  # the full-text index search needs
    write_fixture_graph(driver, settings.neo4j_database, 3)
    found = gql('{ search(query: "Fixomab-002") { node { name } } }')
    assert found["data"]["search"][0]["node"]["name"] == "Fixomab-002"
    too_large = gql("{ drugs(first: 1000) { edges { node { name } } } }")
    assert "page size too large" in too_large["errors"][0]["message"]
    bad_cursor = gql('{ drugs(after: "nope") { edges { node { name } } } }')
    assert "invalid cursor" in bad_cursor["errors"][0]["message"]
    nested = gql("{ drugs { edges { node { targets(first: -1) { action } } } } }")
    assert "page size too large" in nested["errors"][0]["message"]


def test_the_compiler_can_be_switched_off(settings, driver):
    write_fixture_graph(driver, settings.neo4j_database, 3)
    resolvers_only = settings.model_copy(update={"kg_graphql_compiled": False})
    with TestClient(create_app(resolvers_only)) as client:
        out = graphql_caller(client)("{ drugs { edges { node { name targets { action } } } } }")
    assert len(out["data"]["drugs"]["edges"]) == 3
    assert out["extensions"]["cypherStatements"] == 2  # one per field level


def test_repeated_documents_keep_their_verdict(gql, driver, settings):
    """Parsed and validated documents are cached: a repeat must be refused or answered alike."""
    write_fixture_graph(driver, settings.neo4j_database, 2)
    deep = "{ drugs { edges { node { " + "targets { node { drugs { node { " * 3 + "name"
    deep += " } } } }" * 3 + " } } } }"
    valid = "{ drugs { edges { node { name } } } }"
    for _ in range(2):
        assert "exceeds maximum operation depth" in gql(deep)["errors"][0]["message"]
        assert gql("{ drugs { nope } }")["errors"][0]["message"].startswith("Cannot query")
        assert len(gql(valid)["data"]["drugs"]["edges"]) == 2


def test_a_filter_value_naming_two_entities_lists_and_counts_each_node_once(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 3)
    # A second target whose alias is the first one's name, on the same drug.
    driver.execute_query(
        "MATCH (d:Drug {id: 'drug:fx001'}) "
        "CREATE (d)-[:TARGETS {docIds: ['doc:fixture-1'], evidence: ['Also.']}]->"
        "(:Target:Entity {id: 'target:copy', name: 'Copy', aliases: ['TGT1']})",
        database_=settings.neo4j_database,
    )
    out = gql('{ drugs(filter: {target: "tgt1"}) { totalCount edges { node { name } } } }')
    assert out["data"]["drugs"] == {"totalCount": 1, "edges": [{"node": {"name": "Fixomab-001"}}]}


def test_a_query_mixing_compiled_and_resolver_fields_answers_both(gql, driver, settings):
    ensure_schema(driver, settings.neo4j_database)
    write_fixture_graph(driver, settings.neo4j_database, 3)
    query = """{ drugs(first: 1) { edges { node { name } } }
                 hits: search(query: "Fixomab-002", first: 1) { node { name } }
                 company(name: "Company 1") { id } }"""
    out = gql(query)
    assert out["data"] == {
        "drugs": {"edges": [{"node": {"name": "Fixomab-001"}}]},
        "hits": [{"node": {"name": "Fixomab-002"}}],
        "company": {"id": "company:c1"},
    }
    assert list(out["data"]) == ["drugs", "hits", "company"]
    assert out["extensions"]["cypherStatements"] == 3  # two compiled + the search
    # A client error in a non-null root field nulls the whole data, as on the resolvers.
    failed = gql('{ drugs(first: 1000) { totalCount } company(name: "Company 1") { id } }')
    assert failed["data"] is None
    assert "page size too large" in failed["errors"][0]["message"]


def test_a_repeated_query_answers_as_the_first_time_with_the_data_of_now(
    api_client, driver, settings
):
    """A repeat is answered from the kept plan (no strawberry): same JSON, same headers,
    and the graph as it is now (plans are kept, never answers)."""
    write_fixture_graph(driver, settings.neo4j_database, 3)
    query = """query($name: String!) {
      drug(name: $name) { name targets { action node { name } } }
      drugs(first: 2) { totalCount pageInfo { endCursor } edges { cursor node { name } } }
    }"""

    def post(name: str):
        response = api_client.post("/graphql", json={"query": query, "variables": {"name": name}})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert len(response.headers["x-request-id"]) >= 8
        return response.json()

    first, again = post("fixomab-002"), post("fixomab-002")
    assert "errors" not in first
    assert again == first
    assert first["extensions"] == {"cypherRoundTrips": 2, "cypherStatements": 2}
    assert post("Fixomab-003")["data"]["drug"]["name"] == "Fixomab-003"
    driver.execute_query(
        "MATCH (d:Drug {id: 'drug:fx002'}) SET d.name = 'Renamed', d.aliases = ['fixomab-002']",
        database_=settings.neo4j_database,
    )
    now = post("fixomab-002")
    assert now["data"]["drug"]["name"] == "Renamed"
    assert now["data"]["drugs"]["totalCount"] == 3


def _operators(plan: dict) -> list[tuple[str, str]]:
    found = [(plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def _explain(driver: neo4j.Driver, db: str, field: Any) -> list[tuple[str, str]]:
    """The operators of the plan Neo4j picks for `field` on the graph as it is now.

    The plan is cost-based: the indexes are resampled first (a fresh index's statistics
    say it is empty until background sampling runs, which made the choice depend on
    timing) and the statement is planned anew, not taken from the plan cache where an
    earlier test on other data may have left it.
    """
    driver.execute_query("CALL db.resampleOutdatedIndexes()", database_=db)
    _, summary, _ = driver.execute_query(
        "EXPLAIN CYPHER replan=force " + field.cypher, field.params, database_=db
    )
    return _operators(summary.plan)


def test_a_page_of_drugs_by_name_reads_the_name_index_in_order(driver, settings):
    """`drugs(first:)` reads its page from the Drug name index, in order, and stops there:
    no scan of every drug (whose cost grows with the graph, issue 10's shape b)."""
    db = settings.neo4j_database
    ensure_schema(driver, db)
    write_fixture_graph(driver, db, 30)
    schema = build_schema(settings)._schema
    for order in ("NAME_ASC", "NAME_DESC"):
        query = (
            f"{{ drugs(first: 5, orderBy: {order}) {{ totalCount edges {{ node {{ name "
            "companies { node { name } } targets { node { name } } } } } }"
        )
        (field,) = compile_operation(schema, parse(query), None, None, 100).compiled
        ops = _explain(driver, db, field)
        scans = [d for op, d in ops if op == "NodeIndexScan" and ":Drug(name)" in d]
        assert scans, ops
        assert not [d for op, d in ops if op == "NodeByLabelScan" and ":Drug" in d], ops
        # the index gives the order: the page's first step sorts nothing itself
        assert not any(op == "Sort" for op, _ in ops), ops


def test_a_later_page_of_drugs_seeks_the_name_index_from_its_cursor(driver, settings):
    """`drugs(first:, after:)` starts reading the name index at the cursor's name (a range
    seek), not at the first drug, and gives the page after the cursor."""
    db = settings.neo4j_database
    ensure_schema(driver, db)
    write_fixture_graph(driver, db, 30)
    schema = build_schema(settings)._schema
    first = "{ drugs(first: 5) { edges { cursor node { name } } } }"
    (field,) = compile_operation(schema, parse(first), None, None, 100).compiled
    records, _, _ = driver.execute_query(field.cypher, field.params, database_=db)
    page = field.finish(records)["edges"]
    after = page[-1]["cursor"]
    later = f'{{ drugs(first: 5, after: "{after}") {{ edges {{ node {{ name }} }} }} }}'
    (field,) = compile_operation(schema, parse(later), None, None, 100).compiled
    ops = _explain(driver, db, field)
    assert [d for op, d in ops if op == "NodeIndexSeekByRange" and ":Drug(name)" in d], ops
    records, _, _ = driver.execute_query(field.cypher, field.params, database_=db)
    names = [e["node"]["name"] for e in field.finish(records)["edges"]]
    assert names == [f"Fixomab-{i:03d}" for i in range(6, 11)]
