"""The curation mutations and `curationLog` over HTTP, against a real Neo4j: the key guards
them, inputs are bounded, errors are readable, and the log never leaks into entity reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.schema import ensure_schema
from loaders.pipeline import load_paths

STORY_A = (
    "Calderon Therapeutics Expands Velmotamab Program\n\n"
    "BOSTON, April 2, 2026 -- Calderon Therapeutics, Inc. said velmotamab, an anti-CD19 "
    "antibody, will also be studied in myasthenia gravis.\n"
)
STORY_B = (
    "Calderon Bio Starts Trial\n\n"
    "BOSTON, May 2, 2026 -- Calderon Bio said its drug trelimab, an anti-CD20 antibody, "
    "entered a phase 2 trial in lupus.\n"
)
DECISION = "decision { id action arguments who why active undoneBy nodes newId }"
MUTATIONS = {
    "curateMerge": 'curateMerge(label: "Drug", first: "drug:a", second: "drug:b")',
    "curateSplit": 'curateSplit(label: "Company", id: "company:a", names: ["A"])',
    "curateAddAlias": 'curateAddAlias(label: "Company", id: "company:a", alias: "A")',
    "curateRemoveAlias": 'curateRemoveAlias(label: "Company", id: "company:a", alias: "A")',
    "curateReject": 'curateReject(fact: "DEVELOPS|company:a|drug:b")',
    "curateUndo": 'curateUndo(decisionId: "c-00000000")',
}


@pytest.fixture
def loaded(gql, settings, driver, tmp_path: Path):
    """Stories A and B in the graph (one company node for both, as the extractor reads them)."""
    ensure_schema(driver, settings.neo4j_database)
    for name, text in (("a", STORY_A), ("b", STORY_B)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert load_paths(driver, settings, [str(tmp_path)]).loaded == 2
    return gql


@pytest.mark.parametrize("field", sorted(MUTATIONS))
def test_curation_mutations_need_the_api_key(gql, settings, driver, field):
    query = f"mutation {{ {MUTATIONS[field]} {{ summary }} }}"
    assert "unauthorized" in gql(query)["errors"][0]["message"]
    assert "wrong API key" in gql(query, key="not-the-key")["errors"][0]["message"]
    with_key = gql(query, key=settings.kg_api_key)["errors"][0]["message"]
    assert "unauthorized" not in with_key and "no " in with_key, "reaches the action"
    assert driver.execute_query("MATCH (c:Curation) RETURN count(c)").records[0][0] == 0


def test_each_mutation_decides_logs_as_api_and_undo_restores(loaded, settings, driver):
    key = settings.kg_api_key

    def mutate(call: str) -> dict:
        out = loaded(f"mutation {{ {call} {{ summary documentsRebuilt {DECISION} }} }}", key=key)
        assert "errors" not in out, out
        return next(iter(out["data"].values()))

    alias = mutate(
        'curateAddAlias(label: "Company", id: "company:calderon", alias: "CLDX Holdings", '
        'why: "annual report")'
    )
    assert alias["decision"]["who"] == "api" and alias["decision"]["why"] == "annual report"
    found = loaded('{ search(query: "CLDX Holdings") { node { ... on Company { id } } } }')
    assert found["data"]["search"][0]["node"] == {"id": "company:calderon"}

    rejected = mutate('curateReject(fact: "TARGETS|drug:trelimab|target:cd20")')
    assert rejected["decision"]["action"] == "REJECT"
    drug = loaded('{ drug(id: "drug:trelimab") { targets { node { id } } } }')
    assert drug["data"]["drug"]["targets"] == []

    split = mutate('curateSplit(label: "Company", id: "company:calderon", names: ["Calderon Bio"])')
    new_id = split["decision"]["newId"]
    assert split["documentsRebuilt"] == 2
    company = loaded(f'{{ company(id: "{new_id}") {{ name drugs {{ node {{ id }} }} }} }}')
    assert company["data"]["company"] == {
        "name": "Calderon Bio",
        "drugs": [{"node": {"id": "drug:trelimab"}}],
    }

    merged = mutate('curateMerge(label: "Drug", first: "velmotamab", second: "trelimab")')
    assert merged["decision"]["nodes"] == ["drug:trelimab", "drug:velmotamab"]
    assert loaded('{ drug(id: "drug:velmotamab") { id } }')["data"]["drug"] is None

    log = loaded("{ curationLog { id action who active } }")["data"]["curationLog"]
    assert [e["action"] for e in log] == ["MERGE", "SPLIT", "REJECT", "ALIAS_ADD"]
    assert {e["who"] for e in log} == {"api"} and all(e["active"] for e in log)

    undone = mutate(f'curateUndo(decisionId: "{merged["decision"]["id"]}")')
    assert undone["decision"]["active"] is False and undone["decision"]["undoneBy"] == "api"
    assert loaded('{ drug(id: "drug:velmotamab") { id } }')["data"]["drug"] is not None
    active = loaded("{ curationLog(activeOnly: true) { action } }")["data"]["curationLog"]
    assert [e["action"] for e in active] == ["SPLIT", "REJECT", "ALIAS_ADD"]


def test_curation_errors_are_readable_and_inputs_bounded(loaded, settings):
    key = settings.kg_api_key

    def error(call: str) -> str:
        out = loaded(f"mutation {{ {call} {{ summary }} }}", key=key)
        return out["errors"][0]["message"]

    assert "not an entity label" in error('curateMerge(label: "Rocket", first: "a", second: "b")')
    assert "same node" in error(
        'curateMerge(label: "Company", first: "Calderon", second: "company:calderon")'
    )
    assert "1 to 500 characters" in error(
        f'curateAddAlias(label: "Company", id: "company:calderon", alias: "{"x" * 501}")'
    )
    assert "1 to 20 names" in error(
        'curateSplit(label: "Company", id: "company:calderon", names: []) '
    )
    assert "already undone" not in error('curateUndo(decisionId: "c-nothing")')
    assert "not a fact key" in error('curateReject(fact: "LIKES|a|b")')
    assert "first must be" in loaded("{ curationLog(first: 0) { id } }")["errors"][0]["message"]


def test_the_log_is_not_an_entity_type_nor_a_search_hit(loaded, settings, driver):
    sdl = loaded("{ __schema { queryType { fields { name } } } }")["data"]["__schema"]
    roots = {f["name"] for f in sdl["queryType"]["fields"]}
    assert "curationLog" in roots and not {"curation", "curations"} & roots
    entity_types = loaded('{ __type(name: "EntityType") { enumValues { name } } }')
    assert "CURATION" not in {v["name"] for v in entity_types["data"]["__type"]["enumValues"]}
    implementers = loaded('{ __type(name: "Entity") { possibleTypes { name } } }')
    assert "Curation" not in {t["name"] for t in implementers["data"]["__type"]["possibleTypes"]}

    loaded(
        'mutation { curateAddAlias(label: "Company", id: "company:calderon", alias: "Zorblax", '
        'why: "Zorblax Zorblax") { summary } }',
        key=settings.kg_api_key,
    )
    hits = loaded('{ search(query: "Zorblax") { node { __typename id } } }')["data"]["search"]
    assert hits == [{"node": {"__typename": "Company", "id": "company:calderon"}}]
    labels = driver.execute_query("MATCH (c:Curation) RETURN labels(c) AS l").records
    assert [r["l"] for r in labels] == [["Curation"]], "no Entity label: no search, no lists"
