"""Probes of issue 13: `ingestDocument` runs in a worker with a time budget and refuses odd text.

Before: a 5 MB document occupied the API process for ~5 minutes with no way to stop it; NUL
characters were stored and a BOM-only text loaded as an empty document.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from browser_fixtures import serve_app
from fastapi.testclient import TestClient
from reliability_http import post

from api.main import create_app
from config.settings import PROJECT_ROOT

pytestmark = pytest.mark.reliability

INGEST = """mutation($text: String!, $source: String!) {
  ingestDocument(text: $text, source: $source) { status error document { id } }
}"""
NEWS = (
    "Velqorimab, an anti-IL-23 antibody developed by Northwind Bio, entered a Phase 2 trial "
    "in psoriasis at Lakeside General Hospital. "
)


def _documents(driver) -> int:  # noqa: ANN001
    return driver.execute_query("MATCH (d:Document) RETURN count(d) AS n").records[0]["n"]


def _error(response) -> str:  # noqa: ANN001
    body = response.json()
    assert body["data"] is None, body
    return body["errors"][0]["message"]


def test_an_ingest_over_its_budget_is_killed_and_stores_nothing(settings, driver):
    tight = settings.model_copy(update={"kg_ingest_timeout_seconds": 1.0})
    long_text = NEWS * 3000  # ~420 KB: seconds of extraction, far above one second
    with TestClient(create_app(tight)) as client:
        response = post(
            client, INGEST, {"text": long_text, "source": "t://long"}, key=tight.kg_api_key
        )
        message = _error(response)
        assert "took longer than the server's budget of 1 s" in message
        assert "nothing was stored" in message
        assert multiprocessing.active_children() == []  # the worker was killed and reaped
    assert _documents(driver) == 0


def test_after_a_killed_ingest_the_next_one_gets_a_fresh_worker(settings, driver):
    with TestClient(create_app(settings)) as client:
        app_worker = client.app.state.ingest_worker
        first = post(client, INGEST, {"text": NEWS, "source": "t://1"}, key=settings.kg_api_key)
        assert first.json()["data"]["ingestDocument"]["status"] == "LOADED", first.text
        app_worker.close()  # as after a timeout: the worker is gone
        second = post(
            client, INGEST, {"text": NEWS + "More.", "source": "t://2"}, key=settings.kg_api_key
        )
        assert second.json()["data"]["ingestDocument"]["status"] == "LOADED", second.text
    assert _documents(driver) == 2
    assert multiprocessing.active_children() == []  # the app's shutdown stopped its worker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Velqorimab\x00 news", "NUL characters"),
        ("\ufeff", "must not be empty"),
        ("\ufeff  \n", "must not be empty"),
    ],
)
def test_nul_and_bom_only_texts_are_refused(app_client, settings, driver, text, expected):
    response = post(
        app_client, INGEST, {"text": text, "source": "t://odd"}, key=settings.kg_api_key
    )
    assert expected in _error(response)
    assert _documents(driver) == 0


def test_a_leading_bom_is_dropped_like_kg_load_does(app_client, settings, driver):
    response = post(
        app_client, INGEST, {"text": "\ufeff" + NEWS, "source": "t://bom"}, key=settings.kg_api_key
    )
    assert response.json()["data"]["ingestDocument"]["status"] == "LOADED", response.text
    stored = driver.execute_query("MATCH (d:Document) RETURN d.text AS text").records[0]["text"]
    assert stored == NEWS


API_PROCESS = """
import time
from api.ingest_worker import IngestWorker
from config.settings import Settings

if __name__ == "__main__":
    worker = IngestWorker(Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:9"))
    worker._ensure_started()
    print(worker._process.pid, flush=True)
    time.sleep(600)
"""


def test_the_worker_dies_with_a_killed_api_process(tmp_path):
    script = tmp_path / "api_process.py"
    script.write_text(API_PROCESS)
    api = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT
    )
    try:
        worker_pid = int(api.stdout.readline())
        assert _alive(worker_pid)
    finally:
        api.kill()
        api.wait()
        api.stdout.close()
    deadline = time.monotonic() + 30
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker_pid)


def _alive(pid: int) -> bool:
    """Running and not a zombie (an exited child of init may linger as one for a moment)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_an_ingest_whose_client_left_is_killed(settings, driver):
    big = NEWS * 6500  # ~900 KB, under the body limit: seconds of extraction
    body = {"query": INGEST, "variables": {"text": big, "source": "t://left"}}
    headers = {"Authorization": f"Bearer {settings.kg_api_key}"}
    with serve_app(create_app(settings)) as base_url:
        with pytest.raises(httpx.TimeoutException):
            httpx.post(f"{base_url}/graphql", json=body, headers=headers, timeout=1.0)
        deadline = time.monotonic() + 20
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert multiprocessing.active_children() == []  # killed long before the 60 s budget
    assert _documents(driver) == 0


@pytest.mark.parametrize("field", ["text", "source"])
def test_a_lone_surrogate_in_an_ingest_is_refused_by_name(app_client, settings, driver, field):
    variables = {"text": NEWS, "source": "t://s", field: "bad \ud800 here"}
    body = json.dumps({"query": INGEST, "variables": variables})  # escapes the surrogate
    headers = {"content-type": "application/json", "Authorization": f"Bearer {settings.kg_api_key}"}
    message = _error(app_client.post("/graphql", content=body, headers=headers))
    assert message.startswith(f"{field} is not valid Unicode"), message
    assert _documents(driver) == 0
