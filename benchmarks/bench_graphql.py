"""GraphQL reads side by side: the compiled path against the resolver path, same Neo4j, same graph.

Writes a synthetic graph (N drugs; a company per 10 drugs sponsoring their trials; 50
targets, 40 diseases, 100 sites; evidence lists on every fact) into NEO4J_BENCH_URI (its
database is wiped) or a throwaway local Neo4j, then for the five query shapes of issue 10:

1. checks that both paths return the same JSON (and the shape returns rows);
2. times them one request at a time, interleaved (compiled, resolvers, compiled, ...): p50/p95;
3. measures requests/second at 1, 8 and 32 concurrent clients;
4. reports Cypher statements per request (`extensions.cypherStatements`).

Requests go through the whole FastAPI app in this process (ASGI, no socket), so the
numbers are one server process's; `kg serve --workers N` multiplies throughput by up to the
number of cores left free by Neo4j.

Run: .venv/bin/python benchmarks/bench_graphql.py [--drugs 1000] [--rounds 40]
The numbers go in docs/graphql.md (Performance).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import neo4j

from api.main import create_app
from config.settings import Settings
from graph.local_server import LocalNeo4j, free_ports
from graph.migrate import migrate_provenance
from graph.schema import ensure_schema

SHAPES: dict[str, tuple[str, dict[str, Any]]] = {
    "a: one drug by name with companies, targets, diseases": (
        """query($name: String!) { drug(name: $name) { name
            companies { node { name } } targets { node { name } } diseases { node { name } }
        } }""",
        {"name": "Benchmab-00042"},
    ),
    "b: 50 drugs with companies and targets": (
        """{ drugs(first: 50) { edges { node { name
            companies { node { name } } targets { node { name } } } } } }""",
        {},
    ),
    "c: 20 drugs -> companies -> trials -> sites": (
        """{ drugs(first: 20) { edges { node { name companies { node { name
            trials { node { name sites { node { name } } } } } } } } } }""",
        {},
    ),
    "d: drugs developed by one company": (
        """query($company: String!) { drugs(filter: {company: $company}, first: 100) {
            edges { node { name } } } }""",
        {"company": "Company 7"},
    ),
    "e: count of those drugs": (
        """query($company: String!) { drugs(filter: {company: $company}) { totalCount } }""",
        {"company": "Company 7"},
    ),
}

_WRITE = """
UNWIND range($start, $end - 1) AS i
WITH i, right('00000' + toString(i), 5) AS k, $doc AS doc
MERGE (d:Drug:Entity {id: 'drug:b' + k})
  SET d.name = 'Benchmab-' + k, d.aliases = ['BM' + k], d.modality = 'monoclonal antibody',
      d.highestPhase = ['PHASE_1', 'PHASE_2', 'PHASE_3'][i % 3]
MERGE (c:Company:Entity {id: 'company:c' + toString(i % $companies)})
  SET c.name = 'Company ' + toString(i % $companies), c.aliases = []
MERGE (t1:Target:Entity {id: 'target:t' + toString(i % 50)})
  SET t1.name = 'TGT' + toString(i % 50), t1.aliases = []
MERGE (t2:Target:Entity {id: 'target:t' + toString((i + 7) % 50)})
MERGE (dis:Disease:Entity {id: 'disease:d' + toString(i % 40)})
  SET dis.name = 'disease ' + toString(i % 40), dis.aliases = []
MERGE (tr:Trial:Entity {id: 'trial:tr' + k})
  SET tr.name = 'Study ' + k, tr.phase = ['PHASE_1', 'PHASE_2', 'PHASE_3'][i % 3], tr.aliases = []
MERGE (s:Site:Entity {id: 'site:s' + toString(i % 100)})
  SET s.name = 'Hospital ' + toString(i % 100), s.aliases = []
MERGE (inv:Investigator:Entity {id: 'investigator:i' + toString(i % 200)})
  SET inv.name = 'Dr Bench ' + toString(i % 200), inv.aliases = []
MERGE (d)-[a:TARGETS]->(t1) SET a.docIds = [doc], a.evidence = ['It binds.'], a.action = 'binder'
MERGE (d)-[b:TARGETS]->(t2) SET b.docIds = [doc], b.evidence = ['It also binds.']
MERGE (c)-[e:DEVELOPS]->(d) SET e.docIds = [doc], e.evidence = ['The company makes it.']
MERGE (d)-[f:INDICATED_FOR]->(dis) SET f.docIds = [doc], f.evidence = ['For the disease.']
MERGE (tr)-[g:EVALUATES]->(d) SET g.docIds = [doc], g.evidence = ['The study tests it.']
MERGE (tr)-[h:SPONSORED_BY]->(c) SET h.docIds = [doc], h.evidence = ['Sponsored.']
MERGE (tr)-[j:CONDUCTED_AT]->(s) SET j.docIds = [doc], j.evidence = ['Run there.']
MERGE (inv)-[l:LEADS]->(tr) SET l.docIds = [doc], l.evidence = ['Led by them.']
"""


def write_graph(driver: neo4j.Driver, drugs: int) -> None:
    with driver.session() as session:  # CALL IN TRANSACTIONS needs an auto-commit query
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    ensure_schema(driver, "neo4j")
    driver.execute_query(
        "MERGE (d:Document {id: $doc}) SET d.title = 'Bench news', d.source = 'bench://1'",
        {"doc": "doc:bench"},
    )
    for start in range(0, drugs, 500):
        driver.execute_query(
            _WRITE,
            {
                "start": start,
                "end": min(start + 500, drugs),
                "companies": max(drugs // 10, 1),
                "doc": "doc:bench",
            },
        )
    # the graph is written in the old list form; migrate it as `kg migrate` does (evidence
    # records, name keys), so name filters and evidence read it as they read a loaded graph
    migrate_provenance(driver, "neo4j")


@contextmanager
def neo4j_target() -> Iterator[tuple[str, str, str]]:
    """(uri, user, password) of NEO4J_BENCH_URI, or of a throwaway local server."""
    uri = os.environ.get("NEO4J_BENCH_URI")
    if uri:
        yield uri, os.environ.get("NEO4J_BENCH_USER", "neo4j"), os.environ["NEO4J_BENCH_PASSWORD"]
        return
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-graphql-"))
    bolt, http = free_ports(2)
    server = LocalNeo4j(Settings().kg_home, folder, bolt, http, die_with_parent=True, browser=False)
    try:
        server.start()
        yield server.uri, server.user, server.password
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


class Client:
    """One app (compiled or resolvers) with its lifespan, called over ASGI."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)

    async def __aenter__(self) -> Client:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.app)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://bench")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()
        await self._lifespan.__aexit__(None, None, None)

    async def call(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"request failed: {response.status_code} {body}")
        return body


async def timed(client: Client, query: str, variables: dict[str, Any]) -> float:
    start = time.perf_counter()
    await client.call(query, variables)
    return (time.perf_counter() - start) * 1000


async def throughput(
    client: Client, query: str, variables: dict[str, Any], clients: int, seconds: float
) -> float:
    """Requests/second with `clients` concurrent callers for about `seconds`."""
    done = 0
    stop = time.perf_counter() + seconds

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            await client.call(query, variables)
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(clients)))
    return done / (time.perf_counter() - start)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def bench(settings: Settings, rounds: int, seconds: float) -> list[dict[str, Any]]:
    results = []
    compiled_settings = settings.model_copy(update={"kg_graphql_compiled": True})
    resolver_settings = settings.model_copy(update={"kg_graphql_compiled": False})
    async with Client(compiled_settings) as fast, Client(resolver_settings) as slow:
        for shape, (query, variables) in SHAPES.items():
            a, b = await fast.call(query, variables), await slow.call(query, variables)
            if json.dumps(a["data"]) != json.dumps(b["data"]):
                raise SystemExit(f"{shape}: the two paths answer differently")
            if "null" in json.dumps(a["data"])[:30] or json.dumps(a["data"]).count("name") < 1:
                if "totalCount" not in query:
                    raise SystemExit(f"{shape}: no rows; the graph is not what the shape needs")
            for _ in range(3):  # warm plans and caches on both sides
                await fast.call(query, variables)
                await slow.call(query, variables)
            times: dict[str, list[float]] = {"compiled": [], "resolvers": []}
            for i in range(rounds):
                pair = [("compiled", fast), ("resolvers", slow)]
                for name, client in pair if i % 2 == 0 else pair[::-1]:
                    times[name].append(await timed(client, query, variables))
            row: dict[str, Any] = {
                "shape": shape,
                "statements": (
                    a["extensions"]["cypherStatements"],
                    b["extensions"]["cypherStatements"],
                ),
            }
            for name in times:
                row[f"{name}_p50"] = statistics.median(times[name])
                row[f"{name}_p95"] = pct(times[name], 0.95)
            for clients in (1, 8, 32):
                row[f"compiled_rps{clients}"] = await throughput(
                    fast, query, variables, clients, seconds
                )
                row[f"resolvers_rps{clients}"] = await throughput(
                    slow, query, variables, clients, seconds
                )
            results.append(row)
            print_row(row)
    return results


def print_row(row: dict[str, Any]) -> None:
    c50, r50 = row["compiled_p50"], row["resolvers_p50"]
    rps = " | ".join(
        f"{row[f'compiled_rps{n}']:.0f} / {row[f'resolvers_rps{n}']:.0f}" for n in (1, 8, 32)
    )
    print(
        f"| {row['shape']} | {c50:.1f} / {r50:.1f} ms ({c50 / r50:.2f}) | "
        f"{row['compiled_p95']:.1f} / {row['resolvers_p95']:.1f} ms | {rps} | "
        f"{row['statements'][0]} / {row['statements'][1]} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drugs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=40, help="timed requests per path")
    parser.add_argument("--seconds", type=float, default=3.0, help="per throughput run")
    args = parser.parse_args()
    with neo4j_target() as (uri, user, password):
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            started = time.perf_counter()
            write_graph(driver, args.drugs)
            print(f"graph of {args.drugs} drugs written in {time.perf_counter() - started:.0f} s")
        settings = Settings(_env_file=None, neo4j_uri=uri, neo4j_user=user, neo4j_password=password)
        print("Each cell: compiled / resolvers; ratio = compiled p50 / resolver p50.")
        print(
            "| shape | p50 (ratio) | p95 | rps, 1 client | rps, 8 clients | rps, 32 clients "
            "| statements |"
        )
        print("|---|---|---|---|---|---|---|")
        asyncio.run(bench(settings, args.rounds, args.seconds))


if __name__ == "__main__":
    main()
