"""Deleting a document removes exactly the facts only it supported."""

from __future__ import annotations

import neo4j
import pytest
from graph_checks import support
from graph_factories import DEVELOPS_SENTENCE_B, ZENTRA, ZX101, doc_a, doc_b, extraction

from graph.documents import DocumentNotFound, delete_document
from graph.schema import ensure_schema
from graph.writer import write_extraction

DB = "neo4j"


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def ids(driver: neo4j.Driver, query: str) -> list[str]:
    return [r[0] for r in driver.execute_query(query).records]


def test_deleting_one_document_keeps_what_the_other_still_supports(graph):
    a, b = doc_a(), doc_b()
    write_extraction(graph, DB, a)
    write_extraction(graph, DB, b)

    result = delete_document(graph, DB, a["document"]["id"])
    assert result.document_ids == [a["document"]["id"]]
    assert result.facts_kept == 1  # DEVELOPS, still backed by B

    assert ids(graph, "MATCH (n:Entity) RETURN n.id ORDER BY n.id") == [
        "company:zentra-biologics",
        "disease:myositis",
        "drug:zx-101",
    ]  # CD19 and lupus nephritis were A's alone
    develops = support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])
    # B has no publication date: the aggregates are recounted, not left at A's date
    assert develops == {
        "count": 1,
        "first": None,
        "last": None,
        "evidence": [(b["document"]["id"], DEVELOPS_SENTENCE_B)],
    }
    assert ids(graph, "MATCH ()-[r:TARGETS|INDICATED_FOR]->(n) RETURN n.id") == ["disease:myositis"]


def test_deleting_by_source_and_then_the_last_document_empties_the_graph(graph):
    write_extraction(graph, DB, doc_a())
    write_extraction(graph, DB, doc_b())
    delete_document(graph, DB, "news/b.txt")
    delete_document(graph, DB, "news/a.txt")
    assert graph.execute_query("MATCH (n) RETURN count(n)").records[0][0] == 0


def test_an_unknown_document_is_reported_and_nothing_changes(graph):
    write_extraction(graph, DB, doc_a())
    with pytest.raises(DocumentNotFound, match="no document with id or source 'nope.txt'"):
        delete_document(graph, DB, "nope.txt")
    assert graph.execute_query("MATCH (n) WHERE NOT n:NameKey RETURN count(n)").records[0][0] == 5


def names_of(driver: neo4j.Driver, entity_id: str) -> dict:
    """An entity's names as a user finds them: display name, aliases, and the lookup keys
    linked to it (what `drug(name:)`-style lookups seek)."""
    record = driver.execute_query(
        "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases, n.keys AS keys, "
        "[(x:NameKey)-[:NAMES]->(n) | x.key] AS linked",
        id=entity_id,
    ).records[0]
    return {
        "name": record["name"],
        "aliases": sorted(record["aliases"]),
        "keys": sorted(record["keys"]),
        "linked": sorted(record["linked"]),
    }


def zentra_as_story_c_names_it() -> dict:
    """Story C names Zentra in ways no other story uses, the longest as its display name."""
    company = dict(
        ZENTRA, name="Zentra Biologics Group", aliases=["Zentra Biologics, Inc.", "Zentra Bio"]
    )
    return extraction("news/c.txt", "Story C: Zentra Bio grows.", [company], [], title="Story C")


@pytest.mark.parametrize("c_first", [True, False], ids=["c-loaded-first", "c-loaded-last"])
def test_deleting_a_document_takes_back_the_names_only_it_gave(graph, c_first: bool):
    write_extraction(graph, DB, doc_b())
    clean_b = names_of(graph, ZENTRA["id"])
    graph.execute_query("MATCH (n) DETACH DELETE n")

    c = zentra_as_story_c_names_it()
    for doc in [c, doc_b()] if c_first else [doc_b(), c]:
        write_extraction(graph, DB, doc)
    assert names_of(graph, ZENTRA["id"])["name"] == "Zentra Biologics Group"
    assert "zentra bio" in names_of(graph, ZENTRA["id"])["linked"]

    delete_document(graph, DB, "news/c.txt")
    # The name B also gave ("Zentra Biologics, Inc.") stays; C's own names and keys go,
    # so the node is what loading B alone gives, and "Zentra Bio" no longer finds it.
    assert names_of(graph, ZENTRA["id"]) == clean_b
    assert "Zentra Bio" not in clean_b["aliases"]
    orphan_keys = graph.execute_query(
        "MATCH (x:NameKey) WHERE NOT (x)-[:NAMES]->() RETURN count(x)"
    ).records[0][0]
    assert orphan_keys == 0
