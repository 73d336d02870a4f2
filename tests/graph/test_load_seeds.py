"""The two seed documents load into the graph an analyst expects.

The seeds are read from the shared corpus (the `seed_dir` fixture) at test time, never
copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from graph_checks import duplicates, snapshot, support

from config.settings import Settings
from graph.documents import delete_document
from graph.ontology import FACT_RELATIONSHIP_TYPES
from graph.schema import ensure_schema
from loaders.pipeline import load_paths

DB = "neo4j"
BAT = "bat4406f-nmosd-trial-termination.txt"
BATO = "batoclimab-nmosd-add-on.txt"


@pytest.fixture
def seeds(seed_dir: Path) -> list[str]:
    """Absolute paths of the two seeds: BAT4406F's document first, batoclimab's second."""
    return [str((seed_dir / name).resolve()) for name in (BAT, BATO)]


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def find(driver: neo4j.Driver, label: str, name: str) -> list[dict]:
    """Nodes of `label` named `name` (or aliased so), with the documents that mention them."""
    records = driver.execute_query(
        f"MATCH (n:{label}) WHERE toLower(n.name) = toLower($name) "
        "OR any(a IN n.aliases WHERE toLower(a) = toLower($name)) "
        "OPTIONAL MATCH (d:Document)-[:MENTIONS]->(n) "
        "RETURN n.id AS id, n.name AS name, collect(d.source) AS sources",
        name=name,
    ).records
    return [r.data() for r in records]


def one(driver: neo4j.Driver, label: str, name: str) -> dict:
    found = find(driver, label, name)
    assert len(found) == 1, f"expected one {label} {name!r}, found {found}"
    return found[0]


def test_seeds_load_into_one_connected_graph(graph, settings: Settings, seeds):
    summary = load_paths(graph, settings, seeds)
    assert (summary.loaded, summary.failed) == (2, 0), summary.failures

    bat = one(graph, "Drug", "BAT4406F")
    assert bat["sources"] == [seeds[0]]
    one(graph, "Target", "CD20")
    one(graph, "Company", "Bio-Thera Solutions")
    one(graph, "Investigator", "Chen Xiangjun")
    nmosd = one(graph, "Disease", "NMOSD")
    assert sorted(nmosd["sources"]) == sorted(seeds), (
        "NMOSD must be one node both documents mention"
    )
    assert one(graph, "Disease", "neuromyelitis optica spectrum disorder")["id"] == nmosd["id"]

    part_of = graph.execute_query(
        "MATCH (h:Site)-[r:PART_OF]->(u:Site) WHERE h.name = 'Huashan Hospital' "
        "AND u.name = 'Fudan University' RETURN h.id AS h, u.id AS u"
    ).records
    assert len(part_of) == 1
    evidence = support(graph, "PART_OF", part_of[0]["h"], part_of[0]["u"])
    assert evidence["count"] == 1 and "Huashan" in evidence["evidence"][0][1]

    targets = graph.execute_query(
        "MATCH (:Drug {id: $drug})-[r:TARGETS]->(t:Target) RETURN t.name AS t, t.id AS id",
        drug=bat["id"],
    ).records
    assert [r["t"] for r in targets] == ["CD20"]
    assert "CD20" in support(graph, "TARGETS", bat["id"], targets[0]["id"])["evidence"][0][1]

    # every fact has evidence: a non-blank sentence per supporting document
    unsupported = graph.execute_query(
        "MATCH (a)-[r]->(b) WHERE type(r) IN $facts "
        "OPTIONAL MATCH (:Document)-[s:SUPPORTS {fact: type(r) + '|' + a.id + '|' + b.id}]->(a) "
        "WITH r, count(s) AS n, sum(CASE WHEN trim(s.sentence) = '' THEN 1 ELSE 0 END) AS blank "
        "WHERE n = 0 OR blank > 0 OR n <> r.supportCount RETURN count(r)",
        facts=list(FACT_RELATIONSHIP_TYPES),
    ).records[0][0]
    assert unsupported == 0
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_loading_the_seeds_twice_changes_nothing(graph, settings: Settings, seeds):
    load_paths(graph, settings, seeds)
    before = snapshot(graph)
    summary = load_paths(graph, settings, seeds)
    assert (summary.unchanged, summary.loaded, summary.nodes_created) == (2, 0, 0)
    assert snapshot(graph) == before


def test_deleting_one_seed_keeps_the_shared_disease(graph, settings: Settings, seeds):
    load_paths(graph, settings, seeds)
    result = delete_document(graph, DB, seeds[0])
    assert len(result.document_ids) == 1
    assert find(graph, "Drug", "BAT4406F") == []
    assert find(graph, "Investigator", "Chen Xiangjun") == []
    nmosd = one(graph, "Disease", "NMOSD")
    assert nmosd["sources"] == [seeds[1]]
    left = graph.execute_query(
        "MATCH (d:Document)-[:SUPPORTS]->() RETURN collect(DISTINCT d.id) AS ids"
    ).records[0]["ids"]
    remaining = graph.execute_query("MATCH (d:Document) RETURN d.id AS id").records
    assert left == [remaining[0]["id"]]
