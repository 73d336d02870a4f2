"""What replaying curation decisions costs a load: the writer with 0 vs D active decisions.

Every written batch reads the active decisions once and passes each document's rows through
graph/curation_rules.apply_decisions. This times `write_batch` over N synthetic documents
(benchmarks/bench_load.make_document) on an empty graph, alternating runs with no decision
and with D decisions (merges of the generated companies, alias additions, rejections: most
documents are touched), and the pure rule function alone per document.

Run: .venv/bin/python benchmarks/bench_curation.py [--documents 1000] [--decisions 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import COMPANIES, SUFFIXES, make_document, slug, wipe  # noqa: E402

from graph.curation import record_decision  # noqa: E402
from graph.curation_rules import Decision, apply_decisions  # noqa: E402
from graph.ontology import CurationAction  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.writer import build_rows, write_batch  # noqa: E402


def decisions(count: int) -> list[Decision]:
    """`count` decisions over the generated ids: company merges first, then aliases, rejects."""
    companies = [f"company:{slug(f'{c} {s}')}" for c in COMPANIES for s in SUFFIXES]
    out: list[Decision] = []
    for c in COMPANIES:  # each maker's four suffixed companies become one
        ids = [f"company:{slug(f'{c} {s}')}" for s in SUFFIXES]
        out.append(
            Decision(
                f"c-m{len(out)}",
                CurationAction.MERGE,
                "Company",
                tuple(ids),
                keep=ids[0],
                absorbed=tuple(ids[1:]),
            )
        )
    index = 0
    while len(out) < count:
        company = companies[index % len(companies)]
        if index % 2:
            out.append(
                Decision(
                    f"c-a{index}",
                    CurationAction.ALIAS_ADD,
                    "Company",
                    (company,),
                    names=(f"{company} alias {index}",),
                )
            )
        else:
            drug = f"drug:{slug(company.split(':')[1][:3].upper() + '-' + str(100 + index))}"
            out.append(
                Decision(
                    f"c-r{index}",
                    CurationAction.REJECT,
                    "Company",
                    (company, drug),
                    fact=f"DEVELOPS|{company}|{drug}",
                )
            )
        index += 1
    return out[:count]


def run(driver: neo4j.Driver, documents: int, count: int, rounds: int, batch: int) -> None:
    ensure_schema(driver, "neo4j")
    extractions = [make_document(i)[1] for i in range(documents)]
    rows = [build_rows(e) for e in extractions]
    chosen = decisions(count)

    def write(with_decisions: bool) -> float:
        wipe(driver)
        if with_decisions:
            with driver.session() as session:
                for decision in chosen:
                    session.execute_write(record_decision, decision, "bench", None)
        started = time.perf_counter()
        for i in range(0, len(rows), batch):
            write_batch(driver, "neo4j", rows[i : i + batch])
        return time.perf_counter() - started

    write(False)  # warm the server and the plans
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for flag in (False, True):
            times[flag].append(write(flag))
    started = time.perf_counter()
    touched = sum(apply_decisions(r, chosen) is not r for r in rows)
    pure = time.perf_counter() - started
    base, curated = statistics.median(times[False]), statistics.median(times[True])
    print(f"{documents} documents, {batch}/transaction, {count} active decisions")
    print(f"write_batch, no decisions:  {base:6.2f} s  {documents / base:7.1f} docs/s")
    print(f"write_batch, {count} decisions: {curated:6.2f} s  {documents / curated:7.1f} docs/s")
    print(f"apply_decisions alone: {pure * 1e6 / documents:.0f} us/document, {touched} touched")
    print(f"(median of {rounds} alternating rounds: {times})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()

    from throwaway import throwaway_neo4j

    with throwaway_neo4j() as (driver, _):
        run(driver, args.documents, args.decisions, args.rounds, args.batch_size)


if __name__ == "__main__":
    main()
