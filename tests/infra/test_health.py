"""The API's probes follow the real database: ready, then 503 while it is down, then ready again."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app


def test_readyz_follows_the_database_and_healthz_stays_up(settings, neo4j_server):
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready"}

        neo4j_server.stop()
        try:
            down = client.get("/readyz")
            assert down.status_code == 503
            body = down.json()
            assert body["status"] == "unavailable"
            assert body["reason"] and "\n" not in body["reason"]
            alive = client.get("/healthz")
            assert alive.status_code == 200
            assert alive.json() == {"status": "ok"}
        finally:
            neo4j_server.start()

        back = client.get("/readyz")
        assert back.status_code == 200
        assert back.json() == {"status": "ready"}


def test_api_starts_while_the_database_is_unreachable(settings):
    nowhere = settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    with TestClient(create_app(nowhere)) as client:
        assert client.get("/healthz").status_code == 200
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.json()["status"] == "unavailable"
