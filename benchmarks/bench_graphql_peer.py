"""Our compiled GraphQL server against the Neo4j GraphQL Library, same Neo4j, same graph.

Both sides run as real HTTP servers on this machine: ours is `kg serve --workers 1`
(compiled path), the peer is @neo4j/graphql on Apollo Server (benchmarks/peer/, pinned
in its package-lock.json; `npm ci` there first) with type definitions equivalent to ours
(same labels, relationship types and directions). For each of the five shapes of issue 10
the two answers are compared (the same names, or the same count) before anything is
timed; then p50/p95 one request at a time, interleaved, and requests/second at 1, 8 and
32 concurrent clients, through the same httpx client.

Run: (cd benchmarks/peer && npm ci) && .venv/bin/python benchmarks/bench_graphql_peer.py
     [--drugs 1000] [--rounds 40] [--seconds 3]     (NEO4J_BENCH_URI as in bench_graphql.py)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import neo4j
from bench_graphql import SHAPES, neo4j_target, pct, write_graph

from graph.local_server import free_ports

PEER_DIR = Path(__file__).parent / "peer"

#: The peer's query for each of our shapes (same selection, the library's own dialect).
PEER_SHAPES: dict[str, tuple[str, dict[str, Any]]] = {
    "a": (
        """query($name: String!) { drugs(where: {name: {eq: $name}}) { name
            companies { name } targets { name } diseases { name } } }""",
        {"name": "Benchmab-00042"},
    ),
    "b": (
        """{ drugs(limit: 50, sort: [{name: ASC}]) { name
            companies { name } targets { name } } }""",
        {},
    ),
    "c": (
        """{ drugs(limit: 20, sort: [{name: ASC}]) { name companies { name
            trials { name sites { name } } } } }""",
        {},
    ),
    "d": (
        """query($company: String!) { drugs(where: {companies: {some: {name: {eq: $company}}}},
            limit: 100, sort: [{name: ASC}]) { name } }""",
        {"company": "Company 7"},
    ),
    "e": (
        """query($company: String!) {
            drugsConnection(where: {companies: {some: {name: {eq: $company}}}}) { totalCount } }""",
        {"company": "Company 7"},
    ),
}


def names(value: Any) -> list[str]:
    """Every `name` and count in an answer, sorted: what both sides must agree on."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "name" or key == "totalCount":
                found.append(str(item))
            else:
                found += names(item)
    elif isinstance(value, list):
        for item in value:
            found += names(item)
    return sorted(found)


@contextmanager
def server(command: list[str], env: dict[str, str], cwd: Path, ready: str) -> Iterator[None]:
    """A server process, until its log says `ready`; stopped (by its pid) on exit.

    The log goes to a file, not a pipe: a pipe nobody reads would fill with access logs
    and stall the server mid-benchmark.
    """
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        proc = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 120
            while ready not in Path(log.name).read_text(errors="replace"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{command[0]} did not start:\n{Path(log.name).read_text()}")
                time.sleep(0.2)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


async def call(client: httpx.AsyncClient, url: str, query: str, variables: dict[str, Any]) -> Any:
    response = await client.post(url, json={"query": query, "variables": variables})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{url}: {response.status_code} {body}")
    return body


async def rps(
    client: httpx.AsyncClient,
    url: str,
    query: str,
    variables: dict[str, Any],
    clients: int,
    seconds: float,
) -> float:
    done = 0
    stop = time.perf_counter() + seconds

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            await call(client, url, query, variables)
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(clients)))
    return done / (time.perf_counter() - start)


async def bench(ours: str, peer: str, rounds: int, seconds: float) -> None:
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for shape, (query, variables) in SHAPES.items():
            peer_query, peer_variables = PEER_SHAPES[shape[0]]
            mine = await call(client, ours, query, variables)
            theirs = await call(client, peer, peer_query, peer_variables)
            if names(mine["data"]) != names(theirs["data"]) or not names(mine["data"]):
                raise SystemExit(f"{shape}: the answers differ\n{mine}\n{theirs}")
            for _ in range(3):
                await call(client, ours, query, variables)
                await call(client, peer, peer_query, peer_variables)
            times: dict[str, list[float]] = {"ours": [], "peer": []}
            for i in range(rounds):
                pair = [
                    ("ours", ours, query, variables),
                    ("peer", peer, peer_query, peer_variables),
                ]
                for side, url, q, v in pair if i % 2 == 0 else pair[::-1]:
                    start = time.perf_counter()
                    await call(client, url, q, v)
                    times[side].append((time.perf_counter() - start) * 1000)
            cells = []
            for clients in (1, 8, 32):
                a = await rps(client, ours, query, variables, clients, seconds)
                b = await rps(client, peer, peer_query, peer_variables, clients, seconds)
                cells.append(f"{a:.0f} / {b:.0f} ({a / b:.2f})")
            p50 = statistics.median(times["ours"]), statistics.median(times["peer"])
            print(
                f"| {shape} | {p50[0]:.1f} / {p50[1]:.1f} ms ({p50[0] / p50[1]:.2f}) | "
                f"{pct(times['ours'], 0.95):.1f} / {pct(times['peer'], 0.95):.1f} ms | "
                + " | ".join(cells)
                + f" | {mine['extensions']['cypherStatements']} / 1 |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drugs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    if not (PEER_DIR / "node_modules").is_dir():
        raise SystemExit("run `npm ci` in benchmarks/peer first")
    with neo4j_target() as (uri, user, password):
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            write_graph(driver, args.drugs)
        our_port, peer_port = free_ports(2)
        db = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
        kg = str(Path(sys.executable).with_name("kg"))
        ours_cmd = [kg, "serve", "--port", str(our_port), "--workers", "1"]
        peer_cmd = ["node", "server.mjs"]
        with (
            server(ours_cmd, {**db, "KG_GRAPHQL_COMPILED": "true"}, Path.cwd(), "startup complete"),
            server(peer_cmd, {**db, "PORT": str(peer_port)}, PEER_DIR, "ready"),
        ):
            print(f"{args.drugs} drugs. Each cell: ours / peer (ratio = ours / peer).")
            print(
                "| shape | p50 | p95 | rps, 1 client | rps, 8 clients | rps, 32 clients "
                "| statements |"
            )
            print("|---|---|---|---|---|---|---|")
            asyncio.run(
                bench(
                    f"http://127.0.0.1:{our_port}/graphql",
                    f"http://127.0.0.1:{peer_port}/",
                    args.rounds,
                    args.seconds,
                )
            )


if __name__ == "__main__":
    main()
