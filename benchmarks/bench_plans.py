"""What a fresh server spends planning: batches of varied sizes, this writer vs another's.

A real load's batches differ: the last one is short, and the drugs and trials a batch
touches vary. Each batch statement is planned once per distinct shape of its parameters,
and the write statement is large (seconds of server CPU per plan). This benchmark starts a
fresh local Neo4j per run, lets the writer warm up, then writes the same synthetic
documents (bench_load's) in batches of the sizes given, and reports wall time and the
server's CPU seconds. With `--other-writer PATH` (another tree's graph/writer.py, e.g. an
older commit's) both run, alternating, `--rounds` times each.

`--plan-only` answers another question: would splitting the write statement into one
statement per label and type make a fresh server's first plan cheaper? It plans (EXPLAIN,
nothing written) the whole statement, or its parts one by one, on a fresh server, three
times over (a comment makes each pass a new cache entry): the first pass pays the JVM's
warm-up too, the later ones only the planning.

Run: .venv/bin/python benchmarks/bench_plans.py [--sizes 100,100,37,5,1,...]
     [--other-writer /tmp/old_writer.py] [--rounds 2]
     .venv/bin/python benchmarks/bench_plans.py --plan-only [--rounds 2]
The numbers go in docs/loading.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from types import ModuleType

from bench_load import load_writer, make_document
from bench_scale import process_cpu_seconds
from throwaway import throwaway_neo4j

import graph.writer
from graph import ontology
from graph.schema import ensure_schema
from graph.writer import entity_clause, relation_clause

DEFAULT_SIZES = "100,100,100,37,100,5,1,100,12,100,2,100,250,100,9"


def fresh_server_run(
    writer: ModuleType, documents: list[dict], sizes: list[int]
) -> tuple[float, float]:
    """(wall seconds, server CPU seconds) of warming up and writing `documents` in `sizes`."""
    with throwaway_neo4j("kg-bench-plans-") as (driver, server):
        ensure_schema(driver, "neo4j")
        cpu_before, started = process_cpu_seconds(server.pid()), time.perf_counter()
        writer.warm_up(driver, "neo4j")
        first = 0
        for size in sizes:
            batch = [writer.build_rows(d) for d in documents[first : first + size]]
            writer.write_batch(driver, "neo4j", batch)
            first += size
        return time.perf_counter() - started, process_cpu_seconds(server.pid()) - cpu_before


def write_statement_parts() -> list[str]:
    """The write statement's subqueries as statements of their own (each with the batch's
    Documents looked up first, as the whole statement does), and the highestPhase update."""
    documents = (
        "UNWIND $batch.docIds AS docId MATCH (d:Document {id: docId})\nWITH collect(d) AS docs\n"
    )
    parts = [
        f"{documents}CALL (docs) {{\n"
        + entity_clause(label).replace("$rows", f"$batch.entities.`{label}`")
        + "\n}\nRETURN ids"
        for label in ontology.ENTITY_LABELS
    ]
    parts += [
        f"{documents}CALL (docs) {{\n"
        + relation_clause(rel_type).replace("$rows", f"$batch.relations.`{rel_type}`")
        + "\n}\nRETURN count(*) AS facts"
        for rel_type in ontology.FACT_RELATIONSHIP_TYPES
    ]
    parts.append(graph.writer.highest_phase_statement())
    return [part.replace(graph.writer._REPLAN, "") for part in parts]


def planning_passes(statements: list[str], passes: int = 3) -> list[float]:
    """Server CPU seconds of planning `statements` on a fresh server, per pass."""
    cpu: list[float] = []
    with throwaway_neo4j("kg-bench-plans-") as (driver, server):
        ensure_schema(driver, "neo4j")
        for pass_ in range(passes):
            before = process_cpu_seconds(server.pid())
            for statement in statements:
                driver.execute_query(f"EXPLAIN {statement}\n// pass {pass_}", batch={})
            cpu.append(process_cpu_seconds(server.pid()) - before)
    return cpu


def plan_only(rounds: int) -> None:
    """The whole write statement against its parts: server CPU of the first and later plans."""
    shapes = {
        "whole statement": [graph.writer.write_documents_statement()],
        "one per part": write_statement_parts(),
    }
    print(f"planning only, a fresh server per run: 1 statement vs {len(shapes['one per part'])}")
    for round_ in range(rounds):
        for name, statements in list(shapes.items())[:: 1 if round_ % 2 == 0 else -1]:
            passes = ", ".join(f"{cpu:.1f}" for cpu in planning_passes(statements))
            print(f"  {name:<16} server CPU per pass (first = cold JVM): {passes} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="documents per batch, in order")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--other-writer", metavar="PATH", help="another tree's graph/writer.py")
    parser.add_argument(
        "--plan-only", action="store_true", help="plan the write statement whole vs split"
    )
    args = parser.parse_args()
    if args.plan_only:
        plan_only(args.rounds)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    documents = [make_document(i)[1] for i in range(sum(sizes))]
    writers = {"this writer": graph.writer}
    if args.other_writer:
        writers["other writer"] = load_writer(args.other_writer)
    print(f"{sum(sizes)} documents in {len(sizes)} batches of {sizes}, a fresh server per run")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in writers}
    for round_ in range(args.rounds):
        for name, writer in list(writers.items())[:: 1 if round_ % 2 == 0 else -1]:
            wall, cpu = fresh_server_run(writer, documents, sizes)
            results[name].append((wall, cpu))
            print(f"  {name:<12} wall {wall:6.1f} s   server CPU {cpu:6.1f} s", flush=True)
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:<12} median wall {wall:6.1f} s, server CPU {cpu:6.1f} s")


if __name__ == "__main__":
    main()
