"""The store at scale: evidence records of constant size, migration of list provenance,
derived highestPhase, load-order independent names, batches where one bad document fails alone.
"""

from __future__ import annotations

import copy

import neo4j
import pytest
from graph_checks import duplicates, snapshot, support
from graph_factories import ZENTRA, ZX101, doc_a, doc_b, entity, extraction, relation

from graph.documents import delete_document
from graph.migrate import migrate_provenance, needs_migration
from graph.schema import ensure_schema
from graph.writer import build_rows, write_batch, write_extraction

DB = "neo4j"


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def _supporting(index: int) -> dict:
    """Document `index`: one more source stating that Zentra develops ZX-101."""
    return extraction(
        f"news/{index:05d}.txt",
        f"Story {index}: Zentra Biologics develops ZX-101.",
        [ZENTRA, ZX101],
        [relation("DEVELOPS", ZENTRA, ZX101, f"Zentra develops ZX-101 (story {index}).")],
        published_at=f"20{10 + index % 15:02d}-01-{1 + index % 28:02d}",
    )


def test_the_5000th_supporting_document_writes_what_the_10th_did(graph):
    """Write cost per document is independent of how many documents support the fact."""
    for i in range(9):
        write_extraction(graph, DB, _supporting(i))
    tenth = write_extraction(graph, DB, _supporting(9))
    for start in range(10, 4999, 500):  # documents 10..4998 in batches, as the loader does
        batch = [build_rows(_supporting(i)) for i in range(start, min(start + 500, 4999))]
        write_batch(graph, DB, batch)
    five_thousandth = write_extraction(graph, DB, _supporting(4999))

    assert tenth.status == five_thousandth.status == "loaded"
    assert (tenth.nodes_created, tenth.relationships_created, tenth.properties_set) == (
        five_thousandth.nodes_created,
        five_thousandth.relationships_created,
        five_thousandth.properties_set,
    )
    fact = support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])
    assert fact["count"] == 5000 and len(fact["evidence"]) == 5000
    assert str(fact["first"]) == "2010-01-01" and str(fact["last"]) == "2024-01-28"


OLD_STYLE = """
CREATE (a:Document {id: 'doc:a', source: 'news/a.txt', publishedAt: date('2024-05-01')})
CREATE (b:Document {id: 'doc:b', source: 'news/b.txt', publishedAt: date('2025-02-01')})
CREATE (c:Company:Entity {id: 'company:zentra-biologics', name: 'Zentra Biologics'})
CREATE (g:Drug:Entity {id: 'drug:zx-101', name: 'ZX-101'})
CREATE (t:Target:Entity {id: 'target:cd19', name: 'CD19'})
CREATE (c)-[:DEVELOPS {docIds: ['doc:a', 'doc:b'], evidence: ['A says so.', 'B says so.']}]->(g)
CREATE (g)-[:TARGETS {docIds: ['doc:a'], evidence: ['ZX-101 binds CD19.'], action: 'binder'}]->(t)
CREATE (a)-[:MENTIONS {count: 1}]->(c), (a)-[:MENTIONS {count: 2}]->(g),
       (a)-[:MENTIONS {count: 1}]->(t), (b)-[:MENTIONS {count: 1}]->(c),
       (b)-[:MENTIONS {count: 1}]->(g)
"""


def test_a_graph_with_provenance_lists_migrates_to_evidence_records(graph):
    graph.execute_query(OLD_STYLE)
    graph.execute_query(
        "MATCH (c:Company) CREATE (x:Trial:Entity {id: 'trial:x', name: 'X'})"
        "-[:SPONSORED_BY {docIds: ['doc:gone'], evidence: ['Gone.']}]->(c)"
    )
    assert needs_migration(graph, DB)

    result = migrate_provenance(graph, DB)
    assert (result.facts, result.evidence) == (2, 3)
    assert not needs_migration(graph, DB)
    develops = support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])
    assert develops["count"] == 2
    assert develops["evidence"] == [
        ("doc:b", "B says so."),
        ("doc:a", "A says so."),
    ]  # newest first
    assert (str(develops["first"]), str(develops["last"])) == ("2024-05-01", "2025-02-01")
    targets = graph.execute_query("MATCH ()-[r:TARGETS]->() RETURN properties(r) AS p").records[0][
        "p"
    ]
    assert targets["action"] == "binder" and "docIds" not in targets and "evidence" not in targets
    # a fact whose only document no longer exists has nothing to stand on: it goes
    assert graph.execute_query("MATCH ()-[r:SPONSORED_BY]->() RETURN count(r)").records[0][0] == 0

    again = snapshot(graph)
    assert migrate_provenance(graph, DB).facts == 0 and snapshot(graph) == again
    # the migrated graph behaves like a loaded one: delete recounts
    delete_document(graph, DB, "doc:b")
    assert support(graph, "DEVELOPS", ZENTRA["id"], ZX101["id"])["count"] == 1
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def _trial_doc(source: str, text: str, phase: str, day: str) -> dict:
    trial = entity("Trial", f"ZX-101 {phase} study", phase=phase)
    return extraction(
        source,
        text,
        [ZX101, trial],
        [relation("EVALUATES", trial, ZX101, f"The {phase} study tests ZX-101.")],
        published_at=day,
    )


def _highest_phase(driver: neo4j.Driver) -> str | None:
    return driver.execute_query(
        "MATCH (g:Drug {id: $id}) RETURN g.highestPhase", id=ZX101["id"]
    ).records[0][0]


def test_highest_phase_follows_the_trials_and_drops_back_when_a_document_goes(graph):
    write_extraction(graph, DB, _trial_doc("p2.txt", "Phase 2 story", "PHASE_2", "2024-01-01"))
    assert _highest_phase(graph) == "PHASE_2"
    late = _trial_doc("p3.txt", "Phase 3 story", "PHASE_3", "2025-01-01")
    write_extraction(graph, DB, late)
    assert _highest_phase(graph) == "PHASE_3"
    delete_document(graph, DB, "p3.txt")
    assert _highest_phase(graph) == "PHASE_2"


def test_display_names_do_not_depend_on_load_order(graph):
    def named(source: str, name: str, aliases: tuple[str, ...]) -> dict:
        drug = entity("Drug", "ZX-101", aliases=aliases)
        drug["name"] = name
        return extraction(source, f"{source} text", [drug], [])

    docs = [
        named("1.txt", "ZX-101", ("ZX101",)),
        named("2.txt", "zx-101 (zentrumab)", ()),
        named("3.txt", "Zentrumab", ("ZX-101",)),
    ]

    def names_after(order: list[int]) -> tuple[str, list[str]]:
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for i in order:
            write_extraction(graph, DB, copy.deepcopy(docs[i]))
        row = graph.execute_query("MATCH (n:Drug) RETURN n.name AS name, n.aliases AS a").records
        return row[0]["name"], sorted(row[0]["a"])

    first = names_after([0, 1, 2])
    assert first == names_after([2, 1, 0]) == names_after([1, 2, 0])
    assert first[0] == "zx-101 (zentrumab)"  # the longest name given
    assert first[1] == ["ZX-101", "ZX101", "Zentrumab"]


def test_a_document_neo4j_refuses_fails_alone_in_its_batch(graph, settings):
    from loaders.pipeline import BatchWriter, LoadSummary

    # An entity id already taken by another label: Neo4j's Entity id constraint refuses it.
    graph.execute_query("CREATE (:Company:Entity {id: 'drug:zx-101', name: 'Squatter'})")
    good_a = doc_a()
    good_a["entities"] = [e for e in good_a["entities"] if e["id"] != ZX101["id"]]
    good_a["relations"] = []
    bad = doc_b(text="A story the constraint refuses.")
    bad["document"]["source"] = "news/bad.txt"
    good_b = extraction("news/c.txt", "Story C: Zentra only.", [ZENTRA], [])

    summary = LoadSummary()
    results = []
    writer = BatchWriter(graph, DB, 10, summary, results.append)
    for doc in (good_a, bad, good_b):
        writer.add(doc, 10)
    writer.flush()
    statuses = {r.source: r.status for r in results}
    assert statuses == {"news/a.txt": "loaded", "news/bad.txt": "failed", "news/c.txt": "loaded"}
    failure = next(r for r in results if r.status == "failed")
    assert "Neo4j refused the write" in failure.error
    sources = graph.execute_query("MATCH (d:Document) RETURN d.source ORDER BY d.source").records
    assert [r[0] for r in sources] == ["news/a.txt", "news/c.txt"]


def test_a_loader_planning_its_statements_at_start_writes_nothing(graph):
    """The loader runs its batch statements over no rows as it starts (so Neo4j plans them
    while the first batch is extracted): an existing graph is left exactly as it was."""
    from loaders.pipeline import BatchWriter, LoadSummary

    write_extraction(graph, DB, doc_a())
    before = snapshot(graph)
    results = []
    writer = BatchWriter(graph, DB, 10, LoadSummary(), results.append)
    writer.flush()
    assert results == []
    assert snapshot(graph) == before
