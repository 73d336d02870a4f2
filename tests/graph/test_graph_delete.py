"""Deleting a document removes exactly the facts only it supported."""

from __future__ import annotations

import neo4j
import pytest
from graph_checks import support
from graph_factories import DEVELOPS_SENTENCE_B, ZENTRA, ZX101, doc_a, doc_b

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
