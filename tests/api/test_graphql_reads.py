"""GraphQL reads over HTTP on a small hand-written graph: pages, filters, cost, limits, errors."""

from __future__ import annotations

import pytest
from api_fixture_graph import DOC_ID, write_fixture_graph
from api_http import graphql_caller
from fastapi.testclient import TestClient

from api.graphql.errors import MASKED_MESSAGE
from api.main import create_app
from graph.schema import ensure_schema

THREE_LEVELS = """
query($first: Int) {
  drugs(first: $first) {
    edges { node {
      name
      targets { action node { name drugs { node { name } } }
                evidence { sentence document { title } } }
      companies { node { name drugs { node { name } } } }
      trials { node { phase investigators { node { name sites { node { name } } } }
                      sites { node { name } } } }
    } }
  }
}
"""


def test_nested_query_costs_the_same_round_trips_for_10_and_50_drugs(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 50)
    small = gql(THREE_LEVELS, {"first": 10})
    large = gql(THREE_LEVELS, {"first": 50})
    assert "errors" not in small and "errors" not in large
    assert len(small["data"]["drugs"]["edges"]) == 10
    assert len(large["data"]["drugs"]["edges"]) == 50
    # Every drug really came with its nested rows (so the count is not cheap by accident).
    for edge in large["data"]["drugs"]["edges"]:
        trial = edge["node"]["trials"][0]["node"]
        assert trial["investigators"][0]["node"]["sites"][0]["node"]["name"]
        assert edge["node"]["targets"][0]["evidence"][0]["document"]["title"] == "Fixture news"
    trips_small = small["extensions"]["cypherRoundTrips"]
    trips_large = large["extensions"]["cypherRoundTrips"]
    assert trips_small == trips_large
    assert trips_large <= 12  # one per field level, not one per row


def test_pages_follow_the_cursor_without_gaps_or_repeats(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 12)
    query = """query($after: String, $order: NodeOrder!) {
      drugs(first: 5, after: $after, orderBy: $order) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }"""
    for order in ("NAME_ASC", "NAME_DESC"):
        names, after, pages = [], None, 0
        while True:
            page = gql(query, {"after": after, "order": order})["data"]["drugs"]
            assert page["totalCount"] == 12
            names += [e["node"]["name"] for e in page["edges"]]
            pages += 1
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert pages == 3
        expected = sorted(f"Fixomab-{i:03d}" for i in range(1, 13))
        assert names == (expected if order == "NAME_ASC" else expected[::-1])


def test_total_count_is_only_computed_when_selected(driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 3)
    # On the resolvers (the compiled path folds the count into the page's one statement).
    resolvers_only = settings.model_copy(update={"kg_graphql_compiled": False})
    with TestClient(create_app(resolvers_only)) as client:
        gql = graphql_caller(client)
        without = gql("{ drugs { edges { node { name } } } }")
        with_count = gql("{ drugs { totalCount edges { node { name } } } }")
    assert with_count["data"]["drugs"]["totalCount"] == 3
    assert with_count["extensions"]["cypherRoundTrips"] == (
        without["extensions"]["cypherRoundTrips"] + 1
    )


def test_filters_by_related_entity_phase_and_name(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 9)
    query = """query($f: DrugFilter) { drugs(filter: $f, first: 50) {
      totalCount edges { node { name } } } }"""

    def names(filter_: dict) -> list[str]:
        out = gql(query, {"f": filter_})
        assert "errors" not in out, out
        return [e["node"]["name"] for e in out["data"]["drugs"]["edges"]]

    # TGT0 is the target of drugs 3, 6, 9; found by name, by alias and by id.
    by_target = ["Fixomab-003", "Fixomab-006", "Fixomab-009"]
    assert names({"target": "TGT0"}) == by_target
    assert names({"target": "Target 0"}) == by_target
    assert names({"target": "target:t0"}) == by_target
    assert names({"target": "TGT0", "company": "Company 1"}) == ["Fixomab-009"]
    assert names({"phase": "PHASE_2", "nameStartsWith": "fixomab-00"}) == [
        f"Fixomab-00{i}" for i in range(1, 10)
    ]
    assert names({"phase": "PHASE_3"}) == []
    assert names({"nameContains": "MAB-00"}) == [f"Fixomab-00{i}" for i in range(1, 10)]


def test_one_node_by_id_name_or_alias(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 2)
    query = """query($id: ID, $name: String) { drug(id: $id, name: $name) {
      id name aliases mentionedIn { count node { id title } } } }"""
    by_alias = gql(query, {"name": "fx002"})["data"]["drug"]
    assert by_alias["name"] == "Fixomab-002"
    assert by_alias["mentionedIn"] == [
        {"count": 1, "node": {"id": DOC_ID, "title": "Fixture news"}}
    ]
    assert gql(query, {"id": "drug:fx001"})["data"]["drug"]["name"] == "Fixomab-001"
    assert gql(query, {"name": "no such drug"})["data"]["drug"] is None
    both = gql(query, {"id": "drug:fx001", "name": "Fixomab-001"})
    assert "exactly one of" in both["errors"][0]["message"]


def test_page_size_above_the_cap_is_refused_with_a_clear_message(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 2)
    cap = settings.kg_max_page_size
    out = gql("query($n: Int) { drugs(first: $n) { edges { node { name } } } }", {"n": cap + 1})
    assert out["data"] is None
    message = out["errors"][0]["message"]
    assert "page size too large" in message and str(cap) in message
    nested = gql(
        "query($n: Int) { drugs { edges { node { targets(first: $n) { node { name } } } } } }",
        {"n": cap + 1},
    )
    assert "page size too large" in nested["errors"][0]["message"]
    assert gql('{ drugs(after: "garbage") { totalCount } }')["errors"][0]["message"].startswith(
        "invalid cursor"
    )


def test_too_deep_query_is_refused(gql, driver, settings):
    deep = "{ drugs { edges { node { targets { node { drugs { node { targets { node { drugs {"
    deep += " node { name } } } } } } } } } } } }"
    out = gql(deep)
    assert out.get("data") is None
    assert "exceeds maximum operation depth" in out["errors"][0]["message"]


def test_too_many_aliases_and_tokens_are_refused(gql, driver, settings):
    many = " ".join(f"a{i}: drugs {{ totalCount }}" for i in range(settings.kg_max_aliases + 1))
    out = gql("{ " + many + " }")
    assert out.get("data") is None
    assert "aliases found" in out["errors"][0]["message"]
    fields = " ".join("__typename" for _ in range(settings.kg_max_tokens))
    out = gql("{ " + fields + " }")
    assert "tokens" in out["errors"][0]["message"]


def test_internal_errors_are_masked(settings, driver):
    broken = settings.model_copy(update={"neo4j_database": "nosuchdatabase"})
    with TestClient(create_app(broken)) as client:
        out = graphql_caller(client)("{ drugs { edges { node { name } } } }")
    assert out["data"] is None
    error = out["errors"][0]
    assert error["message"] == MASKED_MESSAGE
    assert len(error["extensions"]["requestId"]) >= 8
    text = str(out["errors"]).lower()
    for leak in ("nosuchdatabase", "neo4j", "cypher", "traceback", "match"):
        assert leak not in text


def test_mutations_without_the_key_are_refused(gql, settings, driver):
    delete = 'mutation { deleteDocument(id: "doc:x") { nodesDeleted } }'
    assert "unauthorized" in gql(delete)["errors"][0]["message"]
    assert "wrong API key" in gql(delete, key="not-the-key")["errors"][0]["message"]
    # With the key, the same call reaches the delete and reports the unknown document.
    known = gql(delete, key=settings.kg_api_key)["errors"][0]["message"]
    assert "no document" in known


def test_mutations_are_disabled_without_a_configured_key(settings, driver):
    keyless = settings.model_copy(update={"kg_api_key": None})
    with TestClient(create_app(keyless)) as client:
        out = graphql_caller(client)(
            'mutation { deleteDocument(id: "doc:x") { nodesDeleted } }', key="anything"
        )
    assert "mutations are disabled" in out["errors"][0]["message"]


@pytest.mark.parametrize("max_hops", [0, 7])
def test_path_hops_are_bounded(gql, driver, max_hops):
    out = gql(
        'query($h: Int!) { path(from: "a", to: "b", maxHops: $h) { length } }', {"h": max_hops}
    )
    assert "maxHops must be between 1 and 6" in out["errors"][0]["message"]


SEARCH = """query($q: String!, $types: [EntityType!]) { search(query: $q, types: $types, first: 5) {
  match score node { __typename id name } } }"""


def test_search_ranks_exact_alias_then_prefix_then_fuzzy(gql, driver, settings):
    ensure_schema(driver, settings.neo4j_database)
    write_fixture_graph(driver, settings.neo4j_database, 12)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=settings.neo4j_database)
    hits = gql(SEARCH, {"q": "fx011"})["data"]["search"]
    assert hits[0]["node"]["name"] == "Fixomab-011" and hits[0]["match"] == "EXACT"
    assert hits[0]["node"]["__typename"] == "Drug"
    assert all(h["match"] != "EXACT" for h in hits[1:])
    prefix = gql(SEARCH, {"q": "fixomab"})["data"]["search"]
    assert [h["match"] for h in prefix] == ["PREFIX"] * 5
    fuzzy = gql(SEARCH, {"q": "Fixomeb-003"})["data"]["search"]
    assert fuzzy[0]["node"]["name"] == "Fixomab-003" and fuzzy[0]["match"] == "FUZZY"
    only_targets = gql(SEARCH, {"q": "tgt1", "types": ["TARGET"]})["data"]["search"]
    assert {h["node"]["__typename"] for h in only_targets} == {"Target"}
    assert only_targets[0]["node"]["name"] == "TGT1" and only_targets[0]["match"] == "EXACT"


def test_search_text_is_not_lucene_syntax(gql, driver, settings):
    ensure_schema(driver, settings.neo4j_database)
    write_fixture_graph(driver, settings.neo4j_database, 2)
    for text in ["name:*", "a AND (b", '"unbalanced', "fx001~ OR *:*", "\\"]:
        out = gql(SEARCH, {"q": text})
        assert "errors" not in out or "must not be empty" in out["errors"][0]["message"], out
        names = {h["node"]["name"] for h in (out.get("data") or {}).get("search") or []}
        assert names <= {"Fixomab-001"}  # never "everything"


def test_path_between_entities_of_the_fixture(gql, driver, settings):
    write_fixture_graph(driver, settings.neo4j_database, 3)
    query = """query($a: String!, $b: String!, $h: Int!) { path(from: $a, to: $b, maxHops: $h) {
      length nodes { __typename name } relationships { type action evidence { sentence } } } }"""
    path = gql(query, {"a": "Ada Tester1", "b": "TGT1", "h": 3})["data"]["path"]
    assert [n["name"] for n in path["nodes"]] == ["Ada Tester1", "Study 001", "Fixomab-001", "TGT1"]
    assert [r["type"] for r in path["relationships"]] == ["LEADS", "EVALUATES", "TARGETS"]
    assert path["relationships"][2]["action"] == "inhibitor"
    assert path["relationships"][2]["evidence"] == [{"sentence": "Fixomab-001 blocks TGT."}]
    assert gql(query, {"a": "Ada Tester1", "b": "TGT1", "h": 2})["data"]["path"] is None
    assert gql(query, {"a": "TGT1", "b": "tgt1", "h": 2})["data"]["path"] is None
    assert gql(query, {"a": "nobody", "b": "TGT1", "h": 2})["data"]["path"] is None
