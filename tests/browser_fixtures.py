"""A real headless browser for the tests: Debian's chromium driven by Playwright.

Why the system browser: nothing may be downloaded at run time, so Playwright is pointed at
/usr/bin/chromium (`executable_path`) instead of fetching its own build. A fresh machine
without chromium gets it from Debian's packages (`make setup` does the same), so the
browser tests never skip. Shared by every browser test: import the fixtures from a
conftest (`from browser_fixtures import browser  # noqa: F401`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_executable() -> str:
    """The system chromium's path, installed with apt-get first when it is missing."""
    found = _which_chromium()
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=False, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"],
            check=False,
            env=env,
            capture_output=True,
        )
        found = _which_chromium()
        if found:
            return found
    pytest.fail(
        "chromium is not installed and could not be installed: run `apt-get install chromium`"
    )


def _which_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless chromium (Playwright `Browser`), one per test session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve an ASGI app on a free loopback port in a thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
