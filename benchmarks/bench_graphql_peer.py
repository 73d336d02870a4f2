"""Our compiled GraphQL server against the Neo4j GraphQL Library, same Neo4j, same graph.

Both sides run as real HTTP servers on this machine: ours is `kg serve --workers 1`
(compiled path), the peer is @neo4j/graphql on Apollo Server (benchmarks/peer/, pinned
in its package-lock.json; `npm ci` there first) with type definitions equivalent to ours
(same labels, relationship types and directions). For each of the five shapes of issue 10
the two answers are compared (the same names, or the same count) before anything is
timed; then p50/p95 one request at a time, interleaved, and requests/second at 1, 8 and
32 concurrent clients, through the same httpx client.

Data: `--drugs N` writes bench_graphql.py's synthetic graph; `--documents N` loads the first N
documents of benchmarks/gen_corpus.py with our loader (their extractions are cached under
--corpus, in blocks of 10k and 90k, so a 100k run reuses a 10k run's; a 100k corpus takes
about half an hour to generate on 2 cores), into a throwaway local Neo4j with bounded
transaction logs, deleted afterwards, or into NEO4J_BENCH_URI (wiped; `--skip-load` reuses
what a previous run loaded there). Shape a asks for the most mentioned drug, d and e for
the company developing the most drugs.

Run: (cd benchmarks/peer && npm ci) && .venv/bin/python benchmarks/bench_graphql_peer.py
     [--drugs 1000 | --documents 10000] [--rounds 40] [--seconds 2] [--rps-rounds 3]
     [--workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
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
from graph.schema import ensure_schema
from kg.commands.serve import default_workers

ROOT = Path(__file__).resolve().parents[1]
PEER_DIR = Path(__file__).parent / "peer"

#: The peer's query for each of our shapes (same selection, the library's own dialect).
#: Our nested lists are ordered by name and cut at the page size cap (100); the peer's are
#: asked the same (`limit: 100, sort: name`), so on a corpus whose hubs have more than 100
#: neighbours both sides still return the same names.
NESTED = "(limit: 100, sort: [{name: ASC}])"
PEER_SHAPES: dict[str, tuple[str, dict[str, Any]]] = {
    "a": (
        f"""query($name: String!) {{ drugs(where: {{name: {{eq: $name}}}}) {{ name
            companies{NESTED} {{ name }} targets{NESTED} {{ name }}
            diseases{NESTED} {{ name }} }} }}""",
        {"name": "Benchmab-00042"},
    ),
    "b": (
        f"""{{ drugs(limit: 50, sort: [{{name: ASC}}]) {{ name
            companies{NESTED} {{ name }} targets{NESTED} {{ name }} }} }}""",
        {},
    ),
    "c": (
        f"""{{ drugs(limit: 20, sort: [{{name: ASC}}]) {{ name companies{NESTED} {{ name
            trials{NESTED} {{ name sites{NESTED} {{ name }} }} }} }} }}""",
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
def server(command: list[str], env: dict[str, str], cwd: Path, ready: str) -> Iterator[Path]:
    """A server process, until its log says `ready`; stopped (by its pid) on exit.

    The log goes to a file, not a pipe: a pipe nobody reads would fill with access logs
    and stall the server mid-benchmark. Yields the log's path.
    """
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        proc = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 180
            while ready not in Path(log.name).read_text(errors="replace"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{command[0]} did not start:\n{Path(log.name).read_text()}")
                time.sleep(0.2)
            yield Path(log.name)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


#: Requests sent again because a kept-alive connection had been closed by the server
#: (either side closes idle connections after ~5 s); reported after the table.
reconnects = {"ours": 0, "peer": 0}


async def call(client: httpx.AsyncClient, url: str, query: str, variables: dict[str, Any]) -> Any:
    try:
        response = await client.post(url, json={"query": query, "variables": variables})
    except (httpx.ReadError, httpx.RemoteProtocolError):  # a stale connection: once more
        reconnects["ours" if url.endswith("/graphql") else "peer"] += 1
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


#: What the peer's debug log prints before every statement it runs (@neo4j/graphql:execution).
PEER_STATEMENT_MARK = "executing cypher"


async def peer_statements(
    client: httpx.AsyncClient, url: str, log: Path, query: str, variables: dict[str, Any]
) -> tuple[int, str]:
    """Statements one request runs on the peer (counted in its debug log), and their text.

    Asked once before counting: the library's first request also reads the server's version.
    """
    await call(client, url, query, variables)
    await asyncio.sleep(0.2)
    before = log.read_text(errors="replace")
    await call(client, url, query, variables)
    await asyncio.sleep(0.2)  # the log is written by another process
    added = log.read_text(errors="replace")[len(before) :]
    return added.count(PEER_STATEMENT_MARK), added


def with_values(variables: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The shape's variables with those the data decides (a drug's, a company's name)."""
    return {k: values.get(k, v) for k, v in variables.items()}


async def bench(
    ours: str,
    peer: str,
    peer_debug: tuple[str, Path] | None,
    values: dict[str, Any],
    rounds: int,
    seconds: float,
    rps_rounds: int,
    show_cypher: bool,
) -> None:
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for shape, (query, our_variables) in SHAPES.items():
            peer_query, peer_variables = PEER_SHAPES[shape[0]]
            variables = with_values(our_variables, values)
            peer_variables = with_values(peer_variables, values)
            mine = await call(client, ours, query, variables)
            theirs = await call(client, peer, peer_query, peer_variables)
            if names(mine["data"]) != names(theirs["data"]) or not names(mine["data"]):
                raise SystemExit(f"{shape}: the answers differ\n{mine}\n{theirs}")
            statements = "?"
            if peer_debug is not None:
                count, text = await peer_statements(client, *peer_debug, peer_query, peer_variables)
                statements = str(count)
                if show_cypher:
                    print(f"peer, shape {shape[0]}:\n{text}", file=sys.stderr)
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
                # alternating windows (ours first, then the peer first, ...): a busy machine's
                # slow moments fall on both sides alike
                done = {"ours": 0.0, "peer": 0.0}
                for i in range(rps_rounds):
                    pair = [
                        ("ours", ours, query, variables),
                        ("peer", peer, peer_query, peer_variables),
                    ]
                    for side, url, q, v in pair if i % 2 == 0 else pair[::-1]:
                        done[side] += await rps(client, url, q, v, clients, seconds)
                a, b = done["ours"] / rps_rounds, done["peer"] / rps_rounds
                cells.append(f"{a:.0f} / {b:.0f} ({a / b:.2f})")
            p50 = statistics.median(times["ours"]), statistics.median(times["peer"])
            print(
                f"| {shape} | {p50[0]:.1f} / {p50[1]:.1f} ms ({p50[0] / p50[1]:.2f}) | "
                f"{pct(times['ours'], 0.95):.1f} / {pct(times['peer'], 0.95):.1f} ms | "
                + " | ".join(cells)
                + f" | {mine['extensions']['cypherStatements']} / {statements} |",
                flush=True,
            )


# ----------------------------------------------------------------------------- the corpus
#: Block ends of the cached corpus: 100k documents are blocks 0-9,999 and 10,000-99,999,
#: so a 10k run's extractions serve the 100k run too.
BLOCK_ENDS = (10_000, 100_000, 1_000_000)


def corpus_blocks(documents: int, folder: Path, seed: int, workers: int) -> list[Path]:
    """`kg extract` lines of documents 0..N-1 of benchmarks/gen_corpus.py, cached per block."""
    import gen_corpus

    folder.mkdir(parents=True, exist_ok=True)
    ends = [e for e in BLOCK_ENDS if e < documents] + [documents]
    files = []
    for first, last in zip([0, *ends], ends, strict=False):
        path = folder / f"seed{seed}-docs-{first}-{last}.jsonl"
        files.append(path)
        if path.is_file():
            continue
        partial = path.with_suffix(".part")
        started = time.perf_counter()
        with open(partial, "w", encoding="utf-8") as out:
            gen_corpus.write_extractions(seed, first, last - first, out, workers)
        partial.rename(path)
        print(f"generated documents {first}-{last - 1}: {time.perf_counter() - started:.0f} s")
    return files


def load_corpus(driver: neo4j.Driver, files: list[Path]) -> None:
    """Wipe the database, then load the extractions with our loader (`kg load --extractions`)."""
    from config.settings import Settings
    from loaders.pipeline import load_extractions

    with driver.session() as session:  # CALL IN TRANSACTIONS needs an auto-commit query
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    ensure_schema(driver, "neo4j")
    settings = Settings(_env_file=None, neo4j_database="neo4j")
    for path in files:
        started = time.perf_counter()
        with open(path, encoding="utf-8") as lines:
            summary = load_extractions(driver, settings, lines, name=path.name)
        if summary.failed:
            raise SystemExit(f"{summary.failed} documents failed: {summary.failures[:3]}")
        print(f"loaded {path.name}: {time.perf_counter() - started:.0f} s", flush=True)


#: The shapes' variables on a loaded corpus: the most mentioned drug that has a developer,
#: a target and an indication, and the company developing the most drugs (each by a name
#: no other node of its label carries).
_PICK_DRUG = """
MATCH (d:Drug)
WHERE EXISTS { (d)<-[:DEVELOPS]-(:Company) } AND EXISTS { (d)-[:TARGETS]->(:Target) }
  AND EXISTS { (d)-[:INDICATED_FOR]->(:Disease) }
WITH d ORDER BY COUNT { (d)<-[:MENTIONS]-() } DESC, d.id LIMIT 20
WHERE COUNT { MATCH (o:Drug) WHERE o.name = d.name } = 1
RETURN d.name AS name LIMIT 1
"""
_PICK_COMPANY = """
MATCH (c:Company)
WITH c ORDER BY COUNT { (c)-[:DEVELOPS]->(:Drug) } DESC, c.id LIMIT 20
WHERE COUNT { MATCH (o:Company) WHERE o.name = c.name } = 1
RETURN c.name AS company LIMIT 1
"""


def corpus_values(driver: neo4j.Driver) -> dict[str, Any]:
    drug = driver.execute_query(_PICK_DRUG).records[0]
    company = driver.execute_query(_PICK_COMPANY).records[0]
    counts = driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, COUNT { MATCH (:Document) } AS documents, "
        "COUNT { MATCH (:Drug) } AS drugs"
    ).records[0]
    print(
        f"{counts['documents']} documents, {counts['nodes']} nodes, {counts['drugs']} drugs; "
        f"shape a: drug {drug['name']!r}, shapes d and e: company {company['company']!r}"
    )
    return {"name": drug["name"], "company": company["company"]}


@contextmanager
def corpus_target() -> Iterator[tuple[str, str, str]]:
    """(uri, user, password) of NEO4J_BENCH_URI, or of a throwaway local server with the
    scale benchmark's settings (bounded transaction logs); its folder is deleted after."""
    if os.environ.get("NEO4J_BENCH_URI"):
        with neo4j_target() as target:
            yield target
        return
    from bench_scale import start_server

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-peer-"))
    db = start_server(folder)
    try:
        yield db.uri, db.user, db.password
    finally:
        db.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drugs", type=int, default=1000, help="the synthetic graph's size")
    parser.add_argument(
        "--documents",
        type=int,
        default=0,
        help="instead: load this many documents of benchmarks/gen_corpus.py with our loader",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kg-bench-corpus",
        help="where the corpus's extractions are cached (delete it when done)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extract-workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=2.0, help="one requests/s window")
    parser.add_argument(
        "--rps-rounds", type=int, default=3, help="windows per side and client count, alternated"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="our server processes (default: kg serve's)"
    )
    parser.add_argument("--show-cypher", action="store_true", help="print the peer's statements")
    parser.add_argument(
        "--skip-load",
        action="store_true",
        help="with --documents and NEO4J_BENCH_URI: time the corpus already loaded there",
    )
    args = parser.parse_args()
    if not (PEER_DIR / "node_modules").is_dir():
        raise SystemExit("run `npm ci` in benchmarks/peer first")
    files = []
    if args.skip_load and not (args.documents and os.environ.get("NEO4J_BENCH_URI")):
        raise SystemExit("--skip-load needs --documents and NEO4J_BENCH_URI")
    if args.documents and not args.skip_load:
        files = corpus_blocks(args.documents, args.corpus, args.seed, args.extract_workers)
    values: dict[str, Any] = {}
    with corpus_target() if args.documents else neo4j_target() as (uri, user, password):
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            if args.documents:
                if not args.skip_load:
                    load_corpus(driver, files)
                values = corpus_values(driver)
            else:
                write_graph(driver, args.drugs)
        our_port, peer_port, debug_port = free_ports(3)
        db = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
        # our code as this process imports it (PYTHONPATH decides which checkout)
        ours_cmd = [sys.executable, "-m", "kg.cli", "serve", "--port", str(our_port)]
        if args.workers:
            ours_cmd += ["--workers", str(args.workers)]
        peer_cmd = ["node", "server.mjs"]
        debug_env = {**db, "PORT": str(debug_port), "DEBUG": "@neo4j/graphql:execution"}
        with (
            server(ours_cmd, {**db, "KG_GRAPHQL_COMPILED": "true"}, ROOT, "startup complete"),
            server(peer_cmd, {**db, "PORT": str(peer_port)}, PEER_DIR, "ready"),
            server(peer_cmd, debug_env, PEER_DIR, "ready") as debug_log,
        ):
            size = f"{args.documents} documents" if args.documents else f"{args.drugs} drugs"
            print(
                f"{size}, ours: kg serve --workers {args.workers or default_workers()}, "
                "peer: one Node process. Each cell: ours / peer (ratio = ours / peer)."
            )
            print(
                "| shape | p50 | p95 | rps, 1 client | rps, 8 clients | rps, 32 clients "
                "| statements |"
            )
            print("|---|---|---|---|---|---|---|")
            asyncio.run(
                bench(
                    f"http://127.0.0.1:{our_port}/graphql",
                    f"http://127.0.0.1:{peer_port}/",
                    (f"http://127.0.0.1:{debug_port}/", debug_log),
                    values,
                    args.rounds,
                    args.seconds,
                    args.rps_rounds,
                    args.show_cypher,
                )
            )
            print(f"requests sent again on a closed keep-alive connection: {reconnects}")


if __name__ == "__main__":
    main()
