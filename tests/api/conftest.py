"""Helpers for the API tests: an HTTP client on create_app(settings) and a GraphQL caller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_http import GraphQL, graphql_caller
from fastapi.testclient import TestClient

from api.main import create_app
from config.settings import Settings


@pytest.fixture
def api_client(settings: Settings, driver) -> Iterator[TestClient]:  # noqa: ANN001
    """A client of the app on the test server; the database starts empty (driver fixture)."""
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def gql(api_client: TestClient) -> GraphQL:
    return graphql_caller(api_client)
