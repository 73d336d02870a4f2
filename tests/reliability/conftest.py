"""Fixtures of the reliability probes: the app on the test server, with the project's schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_fixtures import browser  # noqa: F401  (the shared headless chromium fixture)
from fastapi.testclient import TestClient

from api.main import create_app
from config.settings import Settings
from graph.schema import ensure_schema


@pytest.fixture
def app_client(settings: Settings, driver) -> Iterator[TestClient]:  # noqa: ANN001
    """The app on the test server, on an empty database with the project's schema."""
    ensure_schema(driver, settings.neo4j_database)
    with TestClient(create_app(settings)) as client:
        yield client
