"""The figures of docs/reliability.md: how the API answers abuse, odd input and an outage.

On one throwaway Neo4j (temporary data folder, deleted after), through the real app:
search with oversized input, a 1 MB body, an ingest over its budget, then Neo4j stopped
(time to 503, /readyz) and started again (first answer after recovery).

Run: .venv/bin/python benchmarks/probe_reliability.py
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
from fastapi.testclient import TestClient

from api.main import create_app
from config.settings import Settings
from graph.local_server import LocalNeo4j, free_ports
from graph.schema import ensure_schema

SEARCH = "query($q: String!) { search(query: $q) { node { name } } }"
INGEST = 'mutation($t: String!) { ingestDocument(text: $t, source: "probe://1") { status } }'
NEWS = (
    "Velqorimab, an anti-IL-23 antibody developed by Northwind Bio, entered a Phase 2 trial "
    "in psoriasis at Lakeside General Hospital. "
)


def timed(what: str, call: Callable[[], Any]) -> Any:
    """Run `call`, print its wall time and a short view of its answer."""
    started = time.perf_counter()
    response = call()
    ms = (time.perf_counter() - started) * 1000
    body = response.text[:110].replace("\n", " ")
    print(f"{what:<46} {ms:>9.0f} ms  HTTP {response.status_code}  {body}")
    return response


def caller(client: TestClient, key: str) -> Callable[..., Any]:
    """POST a GraphQL request, with the API key when `auth`."""

    def gql(query: str, variables: dict[str, Any], auth: bool = False) -> Any:
        headers = {"Authorization": f"Bearer {key}"} if auth else {}
        body = {"query": query, "variables": variables}
        return client.post("/graphql", json=body, headers=headers)

    return gql


def probe_input(gql: Callable[..., Any]) -> None:
    timed("search 'velqorimab' (first, cold server)", lambda: gql(SEARCH, {"q": "velqorimab"}))
    timed("search 'velqorimab' (warm)", lambda: gql(SEARCH, {"q": "velqorimab"}))
    timed("search, 1 MB body", lambda: gql(SEARCH, {"q": "lupus " * 175_000}))
    timed("search, 900 KB string", lambda: gql(SEARCH, {"q": "a" * 900_000}))
    timed("search, 512 words", lambda: gql(SEARCH, {"q": " ".join(["ab"] * 512)}))
    timed("search, 11 words", lambda: gql(SEARCH, {"q": " ".join(["ab"] * 11)}))
    timed("search, one 1,001-character word", lambda: gql(SEARCH, {"q": "x" * 1001}))
    timed("search, one 51-character word", lambda: gql(SEARCH, {"q": "x" * 51}))
    timed("ingest 420 KB, budget 1 s", lambda: gql(INGEST, {"t": NEWS * 3000}, auth=True))


def probe_outage(gql: Callable[..., Any], client: TestClient, server: LocalNeo4j) -> None:
    timed("ingest 1 short news (starts the worker)", lambda: gql(INGEST, {"t": NEWS}, auth=True))
    server.stop()
    try:
        timed("search while Neo4j is stopped", lambda: gql(SEARCH, {"q": "velqorimab"}))
        timed("/readyz while Neo4j is stopped", lambda: client.get("/readyz"))
        timed("ingest while Neo4j is stopped", lambda: gql(INGEST, {"t": NEWS}, auth=True))
    finally:
        server.start()
    timed("search after restart (same API process)", lambda: gql(SEARCH, {"q": "velqorimab"}))
    timed("search again", lambda: gql(SEARCH, {"q": "velqorimab"}))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kg-probe-") as data:
        bolt, http = free_ports(2)
        server = LocalNeo4j(
            cache_dir=Settings(_env_file=None).kg_home,
            data_dir=Path(data),
            bolt_port=bolt,
            http_port=http,
            die_with_parent=True,
            browser=False,
        )
        server.start()
        try:
            settings = Settings(
                _env_file=None,
                neo4j_uri=server.uri,
                neo4j_password=server.password,
                kg_api_key="probe",
            )
            with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
                ensure_schema(d, settings.neo4j_database)
                d.execute_query("CREATE (:Drug:Entity {id: 'drug:velq', name: 'Velqorimab'})")
            tight = settings.model_copy(update={"kg_ingest_timeout_seconds": 1.0})
            with TestClient(create_app(tight)) as client:
                probe_input(caller(client, "probe"))
            with TestClient(create_app(settings)) as client:
                probe_outage(caller(client, "probe"), client, server)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
