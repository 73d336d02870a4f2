"""What a fresh server spends planning: batches of varied sizes, this writer vs another's.

A real load's batches differ: the last one is short, and the drugs and trials a batch
touches vary. Each batch statement is planned once per distinct shape of its parameters,
and the write statement is large (seconds of server CPU per plan). This benchmark starts a
fresh local Neo4j per run, lets the writer warm up, then writes the same synthetic
documents (bench_load's) in batches of the sizes given, and reports wall time and the
server's CPU seconds. With `--other-writer PATH` (another tree's graph/writer.py, e.g. an
older commit's) both run, alternating, `--rounds` times each.

Run: .venv/bin/python benchmarks/bench_plans.py [--sizes 100,100,37,5,1,...]
     [--other-writer /tmp/old_writer.py] [--rounds 2]
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
from graph.schema import ensure_schema

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="documents per batch, in order")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--other-writer", metavar="PATH", help="another tree's graph/writer.py")
    args = parser.parse_args()
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
