"""How long each explorer view takes on the 10k-document benchmark graph, as a user sees it.

Writes N synthetic documents (bench_load's generator: entities recur, so targets, diseases
and companies become hubs with ~100 drugs and thousands of mentions) into a throwaway Neo4j
(or NEO4J_BENCH_URI, which it wipes), serves the API with uvicorn, and in Debian's chromium
times each view of the busiest entity of each type: from the navigation to the rendered
view (GraphQL round trips, layout and drawing included), as the page records it in
`main[data-ms]`; the evidence panel from the click to its rendered sentences. Each view is
opened `--repeat` times (after one warm-up) and the median and maximum are printed.

Run: .venv/bin/python benchmarks/bench_explorer.py [--documents 10000] [--repeat 5]
The numbers go in docs/explorer.md. Two versions side by side: write the graph once into
NEO4J_BENCH_URI, then alternate `PYTHONPATH=<checkout> ... --skip-load` (the served API's
code follows PYTHONPATH; the benchmark prints which checkout it is).
"""

from __future__ import annotations

import argparse
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
from urllib.parse import quote

import httpx
import neo4j
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from bench_load import make_document  # noqa: E402

from config.settings import Settings  # noqa: E402
from graph.local_server import LocalNeo4j, free_ports  # noqa: E402
from graph.ontology import FACT_RELATIONSHIP_TYPES  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.writer import build_rows, write_rows  # noqa: E402

DATABASE = "neo4j"
FACTS = "|".join(FACT_RELATIONSHIP_TYPES)


#: Documents per write transaction: the graph is what is measured, not how fast it was written.
WRITE_BATCH = 200


def _write_batch(tx: neo4j.ManagedTransaction, batch: list) -> None:
    for rows in batch:
        write_rows(tx, rows)


def load_graph(driver: neo4j.Driver, documents: int) -> None:
    """The loader's own validation and write statements, many documents per transaction."""
    with driver.session(database=DATABASE) as session:  # auto-commit: batches of deletes
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
    ensure_schema(driver, DATABASE)
    started = time.perf_counter()
    with driver.session(database=DATABASE) as session:
        for first in range(0, documents, WRITE_BATCH):
            batch = []
            for index in range(first, min(first + WRITE_BATCH, documents)):
                extraction = make_document(index)[1]
                batch.append(build_rows(extraction))  # checks it against the model first
            session.execute_write(_write_batch, batch)
            if (first + WRITE_BATCH) % 1000 == 0:
                print(f"  {first + WRITE_BATCH} documents ({time.perf_counter() - started:.0f} s)")


def busiest(driver: neo4j.Driver, label: str) -> tuple[str, str, int]:
    """The entity of `label` with the most fact relationships: the heaviest page of its type."""
    records = driver.execute_query(
        f"MATCH (n:{label})-[r:{FACTS}]-() RETURN n.id AS id, n.name AS name, count(r) AS degree "
        "ORDER BY degree DESC LIMIT 1",
        database_=DATABASE,
    ).records
    return records[0]["id"], records[0]["name"], records[0]["degree"]


@contextmanager
def api_server(uri: str, user: str, password: str) -> Iterator[str]:
    (port,) = free_ports(1)
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    with tempfile.TemporaryDirectory(prefix="kg-bench-api-") as cwd:
        where = subprocess.run(  # the code being measured: PYTHONPATH decides, say which
            [sys.executable, "-c", "import api; print(api.__file__)"],
            cwd=cwd, env=env, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        print(f"API code: {where}")
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            cwd=cwd,
            env=env,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def time_view(page: Page, route: str) -> tuple[int, int]:
    """Milliseconds from a navigation to `route` until the view is rendered, and of that
    the time spent waiting for the API."""
    page.evaluate("() => { document.querySelector('main').dataset.state = 'stale'; }")
    page.evaluate("(route) => { window.location.hash = route; }", route)
    page.wait_for_selector("main[data-state='ready']", timeout=60_000)
    return int(page.get_attribute("main", "data-ms")), int(
        page.get_attribute("main", "data-api-ms")
    )


def time_evidence(page: Page) -> int:
    """Milliseconds from an evidence button press until the sentences are shown."""
    page.locator("#relationships-table button").first.click()
    page.wait_for_selector("#evidence-panel[data-state='ready']", timeout=60_000)
    return int(page.get_attribute("#evidence-panel", "data-ms"))


def measure(url: str, driver: neo4j.Driver, repeat: int) -> None:
    views: list[tuple[str, str]] = []
    for label, extra in (
        ("Target", "landscape"),
        ("Disease", "landscape"),
        ("Company", "pipeline"),
        ("Drug", None),
        ("Site", None),
        ("Trial", None),
    ):
        entity_id, name, degree = busiest(driver, label)
        base = f"#/entity/{label}/{quote(entity_id, safe='')}"
        views.append((f"{label} page: {name} ({degree} relationships)", base))
        views.append((f"{label} timeline: {name}", f"{base}/timeline"))
        if extra:
            views.append((f"{label} {extra}: {name}", f"{base}/{extra}"))
    investigator = busiest(driver, "Investigator")[0]
    target = busiest(driver, "Target")[0]
    views.append(
        ("path: investigator -> target", f"#/path?from={quote(investigator)}&to={quote(target)}")
    )
    views.append(("overview", "#/"))
    chromium = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 860})
        page.goto(f"{url}/explore/#/")
        page.wait_for_selector("main[data-state='ready']")
        print(f"\n{'view':58} {'median ms':>9} {'max ms':>7} {'of it API':>9}")
        for title, route in views:
            times, api = [], []
            for attempt in range(repeat + 1):
                time_view(page, "#/path")  # leave the view (an empty form: no query)
                elapsed, waited = time_view(page, route)
                if attempt:  # the first opening warms the query plans
                    times.append(elapsed)
                    api.append(waited)
            print(
                f"{title[:58]:58} {statistics.median(times):9.0f} {max(times):7d} "
                f"{statistics.median(api):9.0f}"
            )
            if "/landscape" in route:
                news = []
                for _ in range(repeat):
                    time_view(page, "#/path")
                    time_view(page, route)
                    page.wait_for_selector("#landscape-table[data-news='ready']", timeout=60_000)
                    news.append(int(page.get_attribute("#landscape-table", "data-news-ms")))
                label = f"{title.split(':')[0]}: latest-news column, after"
                print(f"{label[:58]:58} {statistics.median(news):9.0f} {max(news):7d}")
            if title.startswith("Drug page"):
                evidence = []
                for _ in range(repeat):
                    time_view(page, "#/")
                    time_view(page, route)
                    evidence.append(time_evidence(page))
                print(f"{'Drug page: evidence panel':58} {statistics.median(evidence):9.0f} "
                      f"{max(evidence):7d}")  # fmt: skip
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--skip-load",
        action="store_true",
        help="measure the graph already at NEO4J_BENCH_URI (from an earlier run) instead of "
        "wiping and writing it: side-by-side runs of two versions of the API on one graph",
    )
    args = parser.parse_args()

    uri = os.environ.get("NEO4J_BENCH_URI")
    if uri:  # an existing, disposable server: the benchmark wipes it
        user = os.environ.get("NEO4J_BENCH_USER", "neo4j")
        password = os.environ["NEO4J_BENCH_PASSWORD"]
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            if not args.skip_load:
                load_graph(driver, args.documents)
            with api_server(uri, user, password) as url:
                measure(url, driver, args.repeat)
        return

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as data:
        bolt_port, http_port = free_ports(2)
        server = LocalNeo4j(
            cache_dir=Settings(_env_file=None).kg_home,
            data_dir=Path(data),
            bolt_port=bolt_port,
            http_port=http_port,
            die_with_parent=True,
            browser=False,
        )
        server.start()
        try:
            with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as drv:
                print(f"writing {args.documents} synthetic documents")
                load_graph(drv, args.documents)
                with api_server(server.uri, server.user, server.password) as url:
                    measure(url, drv, args.repeat)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
