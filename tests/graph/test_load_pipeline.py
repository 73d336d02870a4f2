"""`load_paths` end to end on files: reload, change, failures, parallel loaders.

The texts are our own made-up press releases; assertions are about loading
behaviour (counts, statuses, duplicates, provenance), not about what exactly
the extractor finds in them.
"""

from __future__ import annotations

import threading
from pathlib import Path

import neo4j
import pytest
from graph_checks import duplicates, shared_strong_keys, snapshot
from graph_factories import entity, extraction, relation

from config.settings import Settings
from graph.schema import ensure_schema
from graph.writer import write_extraction
from loaders.pipeline import available_cores, content_id, ingest_text, load_paths

DB = "neo4j"

STORIES = {
    "calderon.txt": (
        "Calderon Therapeutics Starts Phase 2 Trial of Velmotamab in Lupus Nephritis\n\n"
        "BOSTON, March 3, 2026 -- Calderon Therapeutics, Inc. today announced that the first "
        "patient was dosed in a Phase 2 trial of velmotamab, an anti-CD19 monoclonal antibody, "
        "in patients with lupus nephritis. The study is led by Professor Maria Okafor of "
        "Riverside University Hospital.\n"
    ),
    "norvik.txt": (
        "Norvik Bio Reports Phase 1 Data for NVB-207 in Myasthenia Gravis\n\n"
        "OSLO, Norway, May 12, 2026 -- Norvik Bio AS said that NVB-207, an FcRn antagonist, "
        "lowered IgG levels in patients with generalized myasthenia gravis. Calderon "
        "Therapeutics co-develops NVB-207 with Norvik Bio.\n"
    ),
    "astrel.txt": (
        "Astrel Pharma Licenses Velmotamab Rights in Japan\n\n"
        "TOKYO, June 1, 2026 -- Astrel Pharma Co., Ltd. licensed rights to velmotamab, an "
        "anti-CD19 antibody developed by Calderon Therapeutics, for lupus nephritis in Japan.\n"
    ),
}


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_folder_loads_and_reloading_it_changes_nothing(graph, settings: Settings, folder):
    seen = []
    first = load_paths(graph, settings, [str(folder)], progress=seen.append)
    assert (first.loaded, first.failed) == (3, 0), first.failures
    assert [r.status for r in seen] == ["loaded"] * 3
    assert first.nodes_created > 3 and first.relationships_created > 3
    docs = graph.execute_query(
        "MATCH (d:Document) RETURN d.source AS s, d.id AS id, d.text AS t, "
        "d.extractorVersion AS v ORDER BY s"
    ).records
    assert [Path(r["s"]).name for r in docs] == sorted(STORIES)
    assert all(r["id"] == content_id(r["t"]) and r["v"] for r in docs)
    before = snapshot(graph)

    again = load_paths(graph, settings, [str(folder)])
    assert (again.unchanged, again.loaded, again.nodes_created) == (3, 0, 0)
    assert snapshot(graph) == before  # same counts, same properties (loadedAt too)


def test_a_document_an_older_extractor_read_is_read_again_and_replaced(
    graph, settings: Settings, folder
):
    """After an upgrade of the rules, reloading the same files re-reads what an older
    extractor read, and what only that reading said leaves the graph with it."""
    load_paths(graph, settings, [str(folder)])
    strip = lambda snap: (  # noqa: E731 - loadedAt differs between two loads by design
        [(labels, {k: v for k, v in p.items() if k != "loadedAt"}) for labels, p in snap[0]],
        snap[1],
    )
    clean = strip(snapshot(graph))
    text = STORIES["calderon.txt"]
    source = graph.execute_query(
        "MATCH (d:Document {id: $id}) RETURN d.source AS s", id=content_id(text)
    ).records[0]["s"]
    maker, drug = entity("Company", "Oldreading Pharma"), entity("Drug", "velmotamab")
    older = extraction(source, text, [maker, drug], [relation("DEVELOPS", maker, drug, text)])
    older["document"]["extractorVersion"] = "0.0.9+an-older-reading"
    assert write_extraction(graph, DB, older).status == "replaced"
    assert graph.execute_query("MATCH (c:Company {name: 'Oldreading Pharma'}) RETURN c").records

    again = load_paths(graph, settings, [str(folder)])
    assert (again.replaced, again.unchanged, again.loaded) == (1, 2, 0)
    assert strip(snapshot(graph)) == clean  # the older reading's company and fact are gone


def test_a_changed_file_replaces_its_earlier_version(graph, settings: Settings, folder):
    load_paths(graph, settings, [str(folder)])
    old_id = content_id(STORIES["astrel.txt"])
    edited = STORIES["astrel.txt"].replace("in Japan", "in Japan and Korea")
    (folder / "astrel.txt").write_text(edited, encoding="utf-8")

    summary = load_paths(graph, settings, [str(folder)])
    assert (summary.replaced, summary.unchanged) == (1, 2)
    ids = [r[0] for r in graph.execute_query("MATCH (d:Document) RETURN d.id").records]
    assert old_id not in ids and content_id(edited) in ids and len(ids) == 3
    stale = graph.execute_query(
        "MATCH (d:Document {id: $old})-[s:SUPPORTS]->() RETURN count(s)", old=old_id
    ).records[0][0]
    assert stale == 0
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_a_bad_file_is_reported_and_the_rest_still_load(graph, settings: Settings, folder):
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01binary")
    summary = load_paths(graph, settings, [str(folder), str(folder / "missing.txt")])
    assert (summary.loaded, summary.failed) == (3, 3)
    assert not summary.ok
    reasons = {Path(f.source).name: f.error for f in summary.failures}
    assert set(reasons) == {"empty.txt", "blob.txt", "missing.txt"}
    assert all(reasons.values())


def test_two_loaders_at_once_create_no_duplicates(graph, settings: Settings, folder):
    for index in range(6):  # more overlap: same entities in many documents
        (folder / f"extra-{index}.txt").write_text(
            STORIES["norvik.txt"] + f"\nUpdate {index}: enrollment continues.\n", encoding="utf-8"
        )
    results = []
    errors = []

    def run() -> None:
        try:
            results.append(load_paths(graph, settings, [str(folder)]))
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(r.failed == 0 for r in results), [r.failures for r in results]
    assert sum(r.loaded for r in results) == 9  # each document written by exactly one loader
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}
    assert shared_strong_keys(graph) == []  # resolution saw the other loader's nodes
    assert graph.execute_query("MATCH (d:Document) RETURN count(d)").records[0][0] == 9


def test_parallel_extraction_builds_the_same_graph(graph, settings: Settings, folder):
    load_paths(graph, settings, [str(folder)], workers=1)
    serial = snapshot(graph)
    graph.execute_query("MATCH (n) DETACH DELETE n")
    summary = load_paths(graph, settings, [str(folder)], workers=2)
    assert summary.loaded == 3
    strip = lambda snap: (  # noqa: E731 - loadedAt differs between two loads by design
        [(labels, {k: v for k, v in p.items() if k != "loadedAt"}) for labels, p in snap[0]],
        snap[1],
    )
    assert strip(snapshot(graph)) == strip(serial)


def test_by_default_a_small_load_extracts_in_process_and_a_large_one_on_every_core(
    graph, settings: Settings, folder
):
    """No `workers`: a few documents never start worker processes; past `pool_after`
    documents the rest are extracted by one process per core, into the same graph."""
    small = load_paths(graph, settings, [str(folder)])
    assert (small.loaded, small.workers) == (3, 1)
    serial = snapshot(graph)
    graph.execute_query("MATCH (n) DETACH DELETE n")
    large = load_paths(graph, settings, [str(folder)], pool_after=1)
    assert large.loaded == 3
    assert large.workers == available_cores()  # 1 on a one-core machine: no pool at all
    strip = lambda snap: (  # noqa: E731 - loadedAt differs between two loads by design
        [(labels, {k: v for k, v in p.items() if k != "loadedAt"}) for labels, p in snap[0]],
        snap[1],
    )
    assert strip(snapshot(graph)) == strip(serial)


def test_ingest_text_takes_title_and_date_from_the_caller(graph, settings: Settings):
    text = STORIES["norvik.txt"]
    result = ingest_text(
        graph, settings, text, "api:norvik", title="Norvik update", published_at="2026-05-12"
    )
    assert result.status == "loaded" and result.document_id == content_id(text)
    doc = graph.execute_query("MATCH (d:Document) RETURN d").records[0]["d"]
    assert (doc["title"], doc["source"]) == ("Norvik update", "api:norvik")
    assert doc["publishedAt"] == neo4j.time.Date(2026, 5, 12)
    assert ingest_text(graph, settings, text, "api:norvik").status == "unchanged"
    bad = ingest_text(graph, settings, text + " More.", "api:other", published_at="soon")
    assert bad.status == "failed" and "publishedAt" in bad.error


def test_one_batch_builds_the_graph_that_one_document_at_a_time_builds(
    graph, settings: Settings, folder
):
    # The writer folds a batch's rows per node and per fact (Calderon is named by all
    # three stories, velmotamab's developer by two, on different dates): the display
    # names, aliases, keys, support counts, first/last dates, MENTIONS and SUPPORTS must
    # be those of writing the documents one after the other.
    def graph_now() -> tuple[list, list]:
        nodes, rels = snapshot(graph)
        as_sets = lambda props: {  # noqa: E731 - list order is not part of the contract
            k: sorted(v) if k in ("aliases", "keys") else v
            for k, v in props.items()
            if k != "loadedAt"  # differs between two loads by design
        }
        return [(labels, as_sets(p)) for labels, p in nodes], rels

    assert load_paths(graph, settings, [str(folder)], batch_size=1).loaded == 3
    one_at_a_time = graph_now()
    graph.execute_query("MATCH (n) DETACH DELETE n")
    assert load_paths(graph, settings, [str(folder)], batch_size=100).loaded == 3
    assert graph_now() == one_at_a_time
    develops = graph.execute_query(
        "MATCH (:Company {id: $company})-[r:DEVELOPS]->(:Drug {id: $drug}) "
        "RETURN r.supportCount AS n, toString(r.firstSeen) AS first, toString(r.lastSeen) AS last",
        company="company:calderon",
        drug="drug:velmotamab",
    ).records
    assert [(r["n"], r["first"], r["last"]) for r in develops] == [(2, "2026-03-03", "2026-06-01")]
