"""The explorer in a real browser: examples/ loaded into the test Neo4j, the API under uvicorn
on a free port, Debian's chromium driven by Playwright's Python client.

No browser is downloaded at run time: Playwright launches the system chromium (`make setup`
installs it with apt-get when missing). The server is a separate process, as in production,
so the page talks to it over real HTTP; it is stopped by its own PID.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import neo4j
import pytest
from explorer_helpers import PageLog
from playwright.sync_api import Browser, Page, sync_playwright

from config.settings import PROJECT_ROOT, Settings
from graph.driver import open_driver
from graph.local_server import free_ports
from graph.schema import ensure_schema
from loaders.pipeline import load_paths

EXAMPLES = PROJECT_ROOT / "examples"
SERVER_START_SECONDS = 60
#: A laptop screen.
VIEWPORT = {"width": 1366, "height": 860}


def chromium_path() -> str:
    """Debian's chromium; its absence is a setup error, not a reason to skip the feature."""
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("chromium is not installed: run `make setup` (it apt-get installs it)")
    return path


@pytest.fixture(scope="module")
def examples_settings(neo4j_server) -> Iterator[Settings]:  # noqa: ANN001
    """Settings on the test server whose database holds exactly the example documents."""
    settings = Settings(
        _env_file=None,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
    )
    with open_driver(settings) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
        ensure_schema(driver, settings.neo4j_database)
        paths = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
        summary = load_paths(driver, settings, paths)
        assert summary.failed == 0, summary.failures
        assert summary.loaded == len(paths) == 3
    yield settings


@pytest.fixture(scope="module")
def cypher(examples_settings: Settings) -> Iterator:
    """Run read Cypher against the same database the page shows: the tests' ground truth."""
    with neo4j.GraphDatabase.driver(
        examples_settings.neo4j_uri,
        auth=(examples_settings.neo4j_user, examples_settings.neo4j_password),
    ) as driver:

        def run(query: str, **params) -> list[dict]:
            records = driver.execute_query(
                query, params, database_=examples_settings.neo4j_database
            )
            return [record.data() for record in records.records]

        yield run


@pytest.fixture(scope="module")
def server_url(
    examples_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`uvicorn api.main:create_app` on a free port, configured by environment like `kg serve`."""
    (port,) = free_ports(1)
    env = {
        **os.environ,
        "NEO4J_URI": examples_settings.neo4j_uri,
        "NEO4J_USER": examples_settings.neo4j_user,
        "NEO4J_PASSWORD": examples_settings.neo4j_password or "",
        "NEO4J_DATABASE": examples_settings.neo4j_database,
    }
    env.pop("KG_API_KEY", None)
    log = tmp_path_factory.mktemp("uvicorn") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=log.parent,  # no developer .env is read
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not become ready in {SERVER_START_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            # Root in CI containers cannot use chromium's sandbox; the page is our own.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Browser, server_url: str, page_log: PageLog) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, base_url=server_url)
    page = context.new_page()
    page.on(
        "console", lambda msg: page_log.errors.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: page_log.errors.append(str(exc)))
    page.on("request", lambda request: page_log.hosts.add(urlsplit(request.url).netloc))
    try:
        yield page
    finally:
        context.close()
