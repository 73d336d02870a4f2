"""Writing extractions to the real Neo4j: merging, provenance, idempotency, replacement."""

from __future__ import annotations

import copy

import neo4j
import pytest
from graph_checks import snapshot, support
from graph_factories import (
    DEVELOPS_SENTENCE_A,
    DEVELOPS_SENTENCE_B,
    MYO,
    ZENTRA,
    ZX101,
    doc_a,
    doc_b,
    entity,
    relation,
)

from graph import ontology
from graph.extraction_model import ExtractionError
from graph.schema import ensure_schema
from graph.writer import warm_up, write_extraction

DB = "neo4j"


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def fact(driver: neo4j.Driver, rel_type: str, start: dict, end: dict) -> dict | None:
    records = driver.execute_query(
        f"MATCH (a {{id: $a}})-[r:{rel_type}]->(b {{id: $b}}) RETURN properties(r) AS p",
        a=start["id"],
        b=end["id"],
    ).records
    assert len(records) <= 1, "a fact must be one relationship"
    return records[0]["p"] if records else None


def count(driver: neo4j.Driver, query: str, **params) -> int:
    return driver.execute_query(query, params).records[0][0]


def test_schema_has_a_unique_id_per_label_and_the_fulltext_index(graph):
    ensure_schema(graph, DB)  # idempotent: a second run changes nothing and does not fail
    constraints = graph.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' "
        "RETURN labelsOrTypes[0] AS label, properties AS props"
    ).records
    unique = {(r["label"], tuple(r["props"])) for r in constraints}
    for node in ontology.NODE_TYPES:
        assert (node.label, ("id",)) in unique
    assert (ontology.ENTITY_LABEL, ("id",)) in unique
    fulltext = graph.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state "
        "WHERE name = $name RETURN labelsOrTypes, properties, state",
        name=ontology.FULLTEXT_INDEX,
    ).records
    assert fulltext and fulltext[0]["labelsOrTypes"] == [ontology.ENTITY_LABEL]
    assert set(fulltext[0]["properties"]) == {"name", "aliases"}
    assert fulltext[0]["state"] == "ONLINE"
    ranges = graph.execute_query(
        "SHOW RANGE INDEXES YIELD labelsOrTypes, properties, state, entityType "
        "WHERE entityType = 'NODE' RETURN labelsOrTypes[0] AS label, properties AS props, state"
    ).records
    by_name = {r["label"]: r["state"] for r in ranges if r["props"] == ["name"]}
    # lists by name read each entity label's name index in order
    assert by_name == {label: "ONLINE" for label in ontology.ENTITY_LABELS}


def test_a_document_becomes_entities_with_mentions_and_facts_with_evidence(graph):
    counts = write_extraction(graph, DB, doc_a())
    assert counts.status == "loaded"
    # the document, four entities and their 7 distinct folded names and aliases
    assert counts.nodes_created == 5 + 7
    assert counts.relationships_created == 4 + 3 + 3 + 7  # MENTIONS, facts, SUPPORTS, NAMES

    labels = graph.execute_query(
        "MATCH (n {id: $id}) RETURN labels(n) AS l, n.name AS name, n.aliases AS aliases",
        id=ZX101["id"],
    ).records[0]
    assert set(labels["l"]) == {"Drug", "Entity"}
    assert labels["aliases"] == ["ZX101"]

    doc = graph.execute_query("MATCH (d:Document) RETURN d").records[0]["d"]
    assert doc["source"] == "news/a.txt" and doc["title"] == "Story A"
    assert doc["publishedAt"] == neo4j.time.Date(2025, 3, 4)
    assert doc["loadedAt"] is not None and "loadToken" not in doc

    develops = fact(graph, "DEVELOPS", ZENTRA, ZX101)
    day = neo4j.time.Date(2025, 3, 4)
    assert develops == {"supportCount": 1, "firstSeen": day, "lastSeen": day}
    assert support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])["evidence"] == [
        (doc["id"], DEVELOPS_SENTENCE_A)
    ]
    assert fact(graph, "TARGETS", ZX101, entity("Target", "CD19"))["action"] == "antagonist"
    assert count(graph, "MATCH (:Document)-[m:MENTIONS {count: 1}]->(:Entity) RETURN count(m)") == 4


def test_the_same_document_twice_changes_nothing(graph):
    write_extraction(graph, DB, doc_a())
    write_extraction(graph, DB, doc_b())
    before = snapshot(graph)
    again = write_extraction(graph, DB, doc_a())
    assert again.status == "unchanged"
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert snapshot(graph) == before


def test_two_documents_share_entities_and_both_support_a_common_fact(graph):
    a, b = doc_a(), doc_b()
    write_extraction(graph, DB, a)
    write_extraction(graph, DB, b)
    assert count(graph, "MATCH (n:Drug) RETURN count(n)") == 1
    assert count(graph, "MATCH (:Document)-[:MENTIONS]->(n:Drug) RETURN count(*)") == 2
    develops = support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])
    assert develops["count"] == 2
    # B has no date: the dated A is newest, undated evidence comes last
    assert develops["evidence"] == [
        (a["document"]["id"], DEVELOPS_SENTENCE_A),
        (b["document"]["id"], DEVELOPS_SENTENCE_B),
    ]
    day = neo4j.time.Date(2025, 3, 4)
    assert (develops["first"], develops["last"]) == (day, day)


def test_aliases_are_unioned_and_properties_merged_without_losing_values(graph):
    write_extraction(graph, DB, doc_a())
    later = doc_b()
    later["entities"][1] = entity(
        "Drug", "ZX-101", aliases=("ZX101", "Zentrumab"), mechanism="B-cell depletion"
    )  # no modality this time: the stored one must stay
    later["entities"][0] = entity("Company", "Zentra Biologics", headquarters="Oslo")
    write_extraction(graph, DB, later)
    drug = graph.execute_query("MATCH (n:Drug) RETURN n").records[0]["n"]
    assert drug["aliases"] == ["ZX101", "Zentrumab"]
    assert drug["modality"] == "monoclonal antibody"
    assert drug["mechanism"] == "B-cell depletion"
    company = graph.execute_query("MATCH (n:Company) RETURN n").records[0]["n"]
    assert company["aliases"] == ["Zentra Biologics, Inc."] and company["headquarters"] == "Oslo"


def test_an_invalid_document_writes_nothing(graph):
    write_extraction(graph, DB, doc_a())
    before = snapshot(graph)
    bad = doc_b()
    bad["relations"].append(relation("DEVELOPS", ZX101, MYO, "ZX-101 develops myositis."))
    with pytest.raises(ExtractionError, match="news/b.txt.*may not connect Drug -> Disease"):
        write_extraction(graph, DB, bad)
    assert snapshot(graph) == before
    assert count(graph, "MATCH (d:Document {source: 'news/b.txt'}) RETURN count(d)") == 0


def test_a_changed_document_at_the_same_source_replaces_its_contributions(graph):
    a, b = doc_a(), doc_b()
    write_extraction(graph, DB, a)
    write_extraction(graph, DB, b)
    edited = copy.deepcopy(b)
    edited["document"]["id"] = "f" * 64  # new content, same source
    edited["relations"] = [r for r in edited["relations"] if r["type"] == "DEVELOPS"]
    edited["entities"] = [e for e in edited["entities"] if e["type"] != "Disease"]
    counts = write_extraction(graph, DB, edited)
    assert counts.status == "replaced" and counts.replaced_ids == [b["document"]["id"]]

    sources = graph.execute_query("MATCH (d:Document) RETURN d.id AS id ORDER BY d.source").records
    assert [r["id"] for r in sources] == [a["document"]["id"], "f" * 64]
    # myositis was only in the old version: gone, with its fact
    assert count(graph, "MATCH (n {id: 'disease:myositis'}) RETURN count(n)") == 0
    # DEVELOPS now backed by A and by the new version, each exactly once
    develops = support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])
    assert develops["count"] == 2
    assert sorted(doc for doc, _ in develops["evidence"]) == sorted([a["document"]["id"], "f" * 64])


def test_counts_of_a_replacement_and_reload_are_stable(graph):
    write_extraction(graph, DB, doc_a())
    first = snapshot(graph)
    edited = doc_a(text="Story A, corrected: Zentra Biologics and ZX-101 in lupus nephritis.")
    write_extraction(graph, DB, edited)
    write_extraction(graph, DB, doc_a())  # back to the first version
    nodes, rels = snapshot(graph)
    assert [n[0] for n in nodes] == [n[0] for n in first[0]]
    assert [(r["a"], r["t"], r["b"]) for r in rels] == [(r["a"], r["t"], r["b"]) for r in first[1]]


def test_warming_the_server_up_leaves_the_graph_as_it_was(graph):
    """The loader's warm-up writes a made-up batch of every label and fact type to have
    Neo4j plan its statements, and rolls it back: nothing of it may stay."""
    write_extraction(graph, DB, doc_a())
    before = snapshot(graph)
    warm_up(graph, DB)
    assert snapshot(graph) == before
    graph.execute_query("MATCH (n) DETACH DELETE n")
    warm_up(graph, DB)  # on an empty graph too
    assert count(graph, "MATCH (n) RETURN count(n)") == 0
