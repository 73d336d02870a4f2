"""A GraphQL caller for the API tests (a module of its own: test modules must not import
`conftest`, whose name several test folders share)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

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
