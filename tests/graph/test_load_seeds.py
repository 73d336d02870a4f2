"""The two seed documents load into the graph an analyst expects.

The seeds are read from the shared corpus (the `seed_dir` fixture) at test time, never
copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from graph_checks import duplicates, snapshot

from config.settings import Settings
from graph.documents import delete_document
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
        "AND u.name = 'Fudan University' RETURN r.docIds AS ids, r.evidence AS evidence"
    ).records
    assert len(part_of) == 1
    assert len(part_of[0]["ids"]) == 1 and "Huashan" in part_of[0]["evidence"][0]

    targets = graph.execute_query(
        "MATCH (:Drug {id: $drug})-[r:TARGETS]->(t:Target) RETURN t.name AS t, r.evidence AS e",
        drug=bat["id"],
    ).records
    assert [r["t"] for r in targets] == ["CD20"]
    assert "CD20" in targets[0]["e"][0]

    # every fact has evidence: a sentence per supporting document
    unsupported = graph.execute_query(
        "MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' AND (size(r.docIds) = 0 OR "
        "size(r.evidence) <> size(r.docIds) OR any(s IN r.evidence WHERE trim(s) = '')) "
        "RETURN count(r)"
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
        "MATCH ()-[r]->() WHERE r.docIds IS NOT NULL UNWIND r.docIds AS id "
        "RETURN collect(DISTINCT id) AS ids"
    ).records[0]["ids"]
    remaining = graph.execute_query("MATCH (d:Document) RETURN d.id AS id").records
    assert left == [remaining[0]["id"]]
