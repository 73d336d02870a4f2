"""How fast the loader writes, next to a bare `UNWIND $rows MERGE` of the same rows.

Generates N synthetic documents (made-up companies, drugs, sites... in varying
combinations, so entities repeat across documents as in real news) and their
extraction dicts, then on one throwaway Neo4j (or NEO4J_BENCH_URI):

1. loader:  validate + build_rows + write_batch, `--batch-size` documents per
            transaction (evidence records, support aggregates, names, content-hash
            skip), one batch after the other;
   kg load --extractions: the same extractions as JSON lines through
            `load_extractions`, the path users run (parsing, the batch's "already
            loaded?" query, the next batch built while the writer thread writes);
2. bare:    the same precomputed rows, the same documents per transaction, one
            plain `UNWIND $docs ... MERGE` query with no validation or provenance;
3. reload:  the loader again on the same documents (all "unchanged");
4. pipeline: optionally (--pipeline) `load_paths` on the texts written to files,
            with the real extractor, for end-to-end documents/second;
5. other:   optionally (--other-writer PATH) another tree's graph/writer.py, e.g.
            main's, in the same alternating rounds (its time / ours per round).

Run: .venv/bin/python benchmarks/bench_load.py [--documents 1000] [--rounds 3] [--pipeline]
     [--other-writer /path/to/main/graph/writer.py]
The numbers go in docs/loading.md.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import neo4j
from bench_scale import process_cpu_seconds

from graph import ontology
from graph.schema import ensure_schema
from graph.writer import build_rows, write_batch, write_extraction

COMPANIES = ["Aldmoor", "Brenvik", "Corvane", "Dunmere", "Elstrand", "Fenlow", "Garrick", "Holm"]
SUFFIXES = ["Therapeutics", "Biologics", "Pharma", "Bio"]
TARGETS = ["CD19", "CD20", "FcRn", "IL-17A", "IL-23", "C5", "BTK", "JAK1", "TYK2", "KRAS"]
DISEASES = [
    "lupus nephritis",
    "myasthenia gravis",
    "psoriasis",
    "rheumatoid arthritis",
    "multiple sclerosis",
    "ulcerative colitis",
    "atopic dermatitis",
    "Crohn's disease",
]
CITIES = ["Oslo", "Leeds", "Porto", "Graz", "Turku", "Lyon", "Gdansk", "Basel"]
PEOPLE = ["Anna Berg", "Tomas Novak", "Lena Fischer", "Omar Haddad", "Mei Tanaka", "Ruth Cole"]

TEMPLATE = (
    "{company} Reports Phase {phase} Results for {drug} in {disease}\n\n"
    "{city}, {day} March 2026 -- {company} today announced results from {trial}, a Phase "
    "{phase} study of {drug}, an anti-{target} antibody, in patients with {disease}. "
    "{company} develops {drug} with a focus on immune-mediated diseases. "
    "The trial enrolled {enrollment} patients at {site} and was led by {person} of {site}. "
    '"These data support further study of {drug} in {disease}," said {person}. '
    "{site} is part of the University of {city}. Full results will be presented at a "
    "medical meeting later this year. Document number {index}.\n"
)


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def make_document(index: int) -> tuple[str, dict]:
    """One synthetic text and its extraction; entities recur across documents."""
    company = f"{COMPANIES[index % 8]} {SUFFIXES[(index // 8) % 4]}"
    drug = f"{company[:3].upper()}-{100 + index % 150}"
    target, disease = TARGETS[index % 10], DISEASES[index % 8]
    city, person = CITIES[index % 8], PEOPLE[index % 6]
    site, university = f"{city} General Hospital", f"University of {city}"
    trial = f"{drug}-{index % 3 + 1:02d} study"
    values = dict(
        company=company,
        drug=drug,
        target=target,
        disease=disease,
        city=city,
        person=person,
        site=site,
        trial=trial,
        phase=index % 3 + 1,
        day=index % 28 + 1,
        enrollment=40 + index % 200,
        index=index,
    )
    text = TEMPLATE.format(**values)
    sentences = text.split(". ")

    def ent(label: str, name: str, **props):
        prefix = ontology.node_type(label).id_prefix
        return {
            "id": f"{prefix}:{slug(name)}",
            "type": label,
            "name": name,
            "aliases": [],
            "properties": props,
            "mentions": [{"start": 0, "end": len(name), "text": name}] * 2,
        }

    e = {
        "company": ent("Company", company, headquarters=city),
        "drug": ent("Drug", drug, modality="monoclonal antibody"),
        "target": ent("Target", target),
        "disease": ent("Disease", disease),
        "site": ent("Site", site, kind="hospital", city=city),
        "university": ent("Site", university, kind="university", city=city),
        "person": ent("Investigator", person),
        "trial": ent(
            "Trial", trial, phase=f"PHASE_{index % 3 + 1}", enrollment=values["enrollment"]
        ),
    }

    def rel(rel_type: str, start: str, end: str, sentence: int, **props):
        return {
            "type": rel_type,
            "from": {"type": e[start]["type"], "id": e[start]["id"]},
            "to": {"type": e[end]["type"], "id": e[end]["id"]},
            "properties": props,
            "evidence": {"sentence": sentences[sentence % len(sentences)], "start": 0, "end": 1},
        }

    relations = [
        rel("DEVELOPS", "company", "drug", 2),
        rel("TARGETS", "drug", "target", 1, action="antagonist"),
        rel("INDICATED_FOR", "drug", "disease", 4),
        rel("EVALUATES", "trial", "drug", 1),
        rel("STUDIES", "trial", "disease", 1),
        rel("SPONSORED_BY", "trial", "company", 1),
        rel("CONDUCTED_AT", "trial", "site", 3),
        rel("LEADS", "person", "trial", 3),
        rel("AFFILIATED_WITH", "person", "site", 3),
        rel("PART_OF", "site", "university", 5),
    ]
    extraction = {
        "document": {
            "id": hashlib.sha256(text.encode()).hexdigest(),
            "source": f"bench/{index:05d}.txt",
            "title": text.splitlines()[0],
            "publishedAt": f"2026-03-{index % 28 + 1:02d}",
            "doi": None,
            "text": text,
            "extractorVersion": "bench",
        },
        "entities": list(e.values()),
        "relations": relations,
    }
    return text, extraction


def bare_single_statement(evidence: bool = False) -> str:
    """The same floor folded into one query, the shape the loader uses (one round trip).

    With `evidence`, each fact row also CREATEs its evidence record as the loader does
    (`(d)-[:SUPPORTS {fact, sentence}]->(a)`), with no aggregates, names or keys.
    """
    parts = ["MERGE (d:Document {id: $doc.id}) SET d += $doc WITH d"]
    for label in ontology.ENTITY_LABELS:
        parts.append(
            f"CALL (d) {{ UNWIND $entities.`{label}` AS row MERGE (n:`{label}` {{id: row.id}}) "
            "SET n:Entity, n.name = row.name, n += row.scalars "
            "MERGE (d)-[m:MENTIONS]->(n) SET m.count = row.count }"
        )
    for rel_type in ontology.FACT_RELATIONSHIP_TYPES:
        spec = ontology.relationship_type(rel_type)
        parts.append(
            f"CALL ({'d' if evidence else ''}) {{ UNWIND $relations.`{rel_type}` AS row "
            f"MATCH (a:`{spec.start}` {{id: row.from}}) MATCH (b:`{spec.end}` {{id: row.to}}) "
            f"MERGE (a)-[r:`{rel_type}`]->(b) SET r += row.props"
            + (
                " CREATE (d)-[:SUPPORTS {fact: row.fact, sentence: row.sentence}]->(a) }"
                if evidence
                else " }"
            )
        )
    return "\n".join(parts)


def bare_batched_statement(evidence: bool = False) -> str:
    """The floor for batches: the one-statement floor, once per document of `$docs`."""
    body = (
        bare_single_statement(evidence)
        .replace("$doc", "doc.doc")
        .replace("$entities", "doc.entities")
        .replace("$relations", "doc.relations")
        .replace("CALL (d) {", "CALL (d, doc) {")
        .replace("CALL () {", "CALL (doc) {")
    )
    return f"UNWIND $docs AS doc CALL (doc) {{\n{body.replace('WITH d', 'WITH d, doc', 1)}\n}}"


def bare_batched(tx: neo4j.ManagedTransaction, batch, evidence: bool = False) -> None:
    docs = [
        {
            "doc": {k: v for k, v in rows.document.items() if k != "publishedAt"},
            "entities": rows.entities,
            "relations": rows.relations,
        }
        for rows in batch
    ]
    tx.run(bare_batched_statement(evidence), docs=docs).consume()


def wipe(driver: neo4j.Driver) -> None:
    with driver.session() as session:  # CALL IN TRANSACTIONS needs an auto-commit query
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def count(driver: neo4j.Driver) -> tuple[int, int]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n)").records[0][0]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r)").records[0][0]
    return nodes, rels


def rate(label: str, documents: int, megabytes: float, seconds: float) -> dict:
    line = {
        "run": label,
        "documents": documents,
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
    }
    print(
        f"{label:<26} {documents:>6} docs  {seconds:7.2f} s  "
        f"{line['docs_per_s']:8.1f} docs/s  {line['mb_per_s']:7.3f} MB/s"
    )
    return line


def load_writer(path: str):
    """Another tree's graph/writer.py as a module (its imports resolve to this tree's graph
    package), to time two writers side by side on one server: `--other-writer`."""
    spec = importlib.util.spec_from_file_location("other_writer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"not a Python file: {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_writer"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def run(
    driver: neo4j.Driver,
    documents: int,
    pipeline: bool,
    rounds: int = 3,
    batch_size: int = 100,
    other_writer: str | None = None,
    server_pid: int | None = None,
) -> None:
    """`server_pid`: the Neo4j process, whose CPU time is then reported per writer too (the
    steadier measure on a shared machine, where wall time follows the other processes)."""
    database = "neo4j"
    ensure_schema(driver, database)
    wipe(driver)
    generated = [make_document(i) for i in range(documents)]
    megabytes = sum(len(t.encode()) for t, _ in generated) / 1e6
    print(f"{documents} synthetic documents, {megabytes:.2f} MB of text, {batch_size}/tx\n")

    def batches(items: list) -> list[list]:
        return [items[i : i + batch_size] for i in range(0, len(items), batch_size)]

    def loader_write(extractions: list[dict], writer=None) -> None:
        build, write = (
            (build_rows, write_batch) if writer is None else (writer.build_rows, writer.write_batch)
        )
        for chunk in batches(extractions):
            rows = []
            for extraction in chunk:
                rows.append(build(extraction))  # checks it against the model first
            write(driver, database, rows)

    # Warm the server (JIT, page cache, query plans) with other documents first, so the
    # first timed run is not penalised for going first.
    warmup = [make_document(documents + i)[1] for i in range(min(documents, 300))]
    loader_write(warmup)
    other = load_writer(other_writer) if other_writer else None
    if other is not None:
        wipe(driver)
        loader_write(warmup, other)
    with driver.session(database=database) as session:
        for chunk in batches([build_rows(e) for e in warmup]):
            session.execute_write(bare_batched, chunk)
    wipe(driver)

    # The machine may be shared: run each writer `rounds` times, alternating, on an
    # empty graph each time, and keep the median.
    all_rows = [build_rows(extraction) for _, extraction in generated]  # bare: precomputed
    extractions = [extraction for _, extraction in generated]

    def bare_run(evidence: bool) -> None:
        with driver.session(database=database) as session:
            for chunk in batches(all_rows):
                session.execute_write(bare_batched, chunk, evidence)

    lines_in = [json.dumps(extraction) for extraction in extractions]

    def kg_load_extractions() -> None:
        from config.settings import Settings
        from loaders.pipeline import load_extractions

        settings = Settings(_env_file=None, neo4j_uri="bolt://unused")
        summary = load_extractions(driver, settings, lines_in, batch_size=batch_size)
        assert summary.failed == 0, summary.failures[:3]

    # The generated documents, their extraction dicts, JSON lines and the bare writer's rows
    # live for the whole run: moved out of the garbage collector's sight, so that the
    # loader's allocations do not make every collection walk them (that cost the loader ~0.9 s
    # of CPU per 5,000 documents, half its Python time, and is the benchmark's, not a loader's:
    # `kg load` streams its input).
    gc.collect()
    gc.freeze()
    runs = {
        "loader (write_batch)": lambda: loader_write(extractions),
        "kg load --extractions": kg_load_extractions,
        "bare batched UNWIND": lambda: bare_run(False),
        "bare + evidence rows": lambda: bare_run(True),
    }
    if other is not None:
        runs["other writer (write_batch)"] = lambda: loader_write(extractions, other)
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}  # (ours, server)
    for round_ in range(rounds):
        # Reversed every other round, so that no writer always follows the same one.
        for name, work in list(runs.items())[:: 1 if round_ % 2 == 0 else -1]:
            wipe(driver)
            server_before, client_before = process_cpu_seconds(server_pid), time.process_time()
            started = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - started)
            cpu[name].append(
                (
                    time.process_time() - client_before,
                    process_cpu_seconds(server_pid) - server_before,
                )
            )
    lines = {
        name: rate(name, documents, megabytes, statistics.median(seconds))
        for name, seconds in times.items()
    }
    wipe(driver)
    loader_write(extractions)
    loader_counts = count(driver)
    started = time.perf_counter()
    for _, extraction in generated[:200]:
        assert write_extraction(driver, database, extraction).status == "unchanged"
    rate("reload 200 (unchanged)", 200, megabytes * 200 / documents, time.perf_counter() - started)
    assert count(driver) == loader_counts
    for ours in ("loader (write_batch)", "kg load --extractions"):
        for name in ("bare batched UNWIND", "bare + evidence rows"):
            # Also the median of each round's own ratio: the two ran seconds apart, so on a
            # shared machine that ratio moves less than the ratio of the two medians.
            paired = statistics.median(b / a for a, b in zip(times[ours], times[name], strict=True))
            print(
                f"{ours} / {name} = "
                f"{lines[ours]['docs_per_s'] / lines[name]['docs_per_s']:.2f}"
                f" (median of per-round ratios {paired:.2f})"
            )
    if server_pid is not None:
        print("\nCPU seconds (median over rounds): this process / the Neo4j server / both")
        both = {name: statistics.median(c + s for c, s in pairs) for name, pairs in cpu.items()}
        for name, pairs in cpu.items():
            client = statistics.median(c for c, _ in pairs)
            server = statistics.median(s for _, s in pairs)
            print(f"  {name:<26} {client:6.2f} / {server:6.2f} / {both[name]:6.2f}")
        for ours in ("loader (write_batch)", "kg load --extractions"):
            for name in ("bare batched UNWIND", "bare + evidence rows"):
                print(f"CPU, {ours} / {name}: {both[ours] / both[name]:.2f}")
    if other is not None:
        ours, theirs = times["loader (write_batch)"], times["other writer (write_batch)"]
        paired = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
        print(f"loader time / other writer's time: median of per-round ratios {paired:.2f}")
        for name in ("bare batched UNWIND", "bare + evidence rows"):
            paired = statistics.median(b / a for a, b in zip(theirs, times[name], strict=True))
            print(f"other writer / {name}: median of per-round ratios {paired:.2f}")
    print(f"graph: {loader_counts[0]} nodes, {loader_counts[1]} relationships")
    print(f"(median of {rounds} alternating rounds; all runs: ", end="")
    print(", ".join(f"{n}: {[round(t, 1) for t in ts]} s" for n, ts in times.items()) + ")")

    if pipeline:
        from config.settings import Settings
        from loaders.pipeline import load_paths

        with tempfile.TemporaryDirectory() as folder:
            for index, (text, _) in enumerate(generated):
                Path(folder, f"{index:05d}.txt").write_text(text, encoding="utf-8")
            for workers in (1, 2):
                wipe(driver)
                settings = Settings(_env_file=None, neo4j_uri="bolt://unused")
                started = time.perf_counter()
                summary = load_paths(driver, settings, [folder], workers=workers)
                assert summary.failed == 0, summary.failures[:3]
                rate(
                    f"load_paths, {workers} worker(s)",
                    documents,
                    megabytes,
                    time.perf_counter() - started,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pipeline", action="store_true", help="also time load_paths + extractor")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per writer")
    parser.add_argument("--batch-size", type=int, default=100, help="documents per transaction")
    parser.add_argument(
        "--other-writer",
        metavar="PATH",
        help="also time another tree's graph/writer.py, interleaved (e.g. main's)",
    )
    args = parser.parse_args()

    def bench(driver: neo4j.Driver, server_pid: int | None = None) -> None:
        run(
            driver,
            args.documents,
            args.pipeline,
            args.rounds,
            args.batch_size,
            args.other_writer,
            server_pid,
        )

    uri = os.environ.get("NEO4J_BENCH_URI")
    if uri:  # an existing, disposable server: the benchmark wipes it
        auth = (os.environ.get("NEO4J_BENCH_USER", "neo4j"), os.environ["NEO4J_BENCH_PASSWORD"])
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            bench(driver)
        return

    from throwaway import throwaway_neo4j

    with throwaway_neo4j() as (driver, server):
        bench(driver, server.pid())


if __name__ == "__main__":
    main()
