"""Helpers for the API tests: an HTTP client on create_app(settings) and a GraphQL caller."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from config.settings import Settings

GraphQL = Callable[..., dict[str, Any]]


def graphql_caller(client: TestClient) -> GraphQL:
    """POST a query to /graphql and return the decoded JSON body."""

    def call(query: str, variables: dict[str, Any] | None = None, key: str | None = None):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    return call


@pytest.fixture
def api_client(settings: Settings, driver) -> Iterator[TestClient]:  # noqa: ANN001
    """A client of the app on the test server; the database starts empty (driver fixture)."""
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def gql(api_client: TestClient) -> GraphQL:
    return graphql_caller(api_client)
