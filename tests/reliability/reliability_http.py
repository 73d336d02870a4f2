"""A raw GraphQL caller for the reliability probes: they check status, body and headers."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient


def post(
    client: TestClient, query: str, variables: dict[str, Any] | None = None, key: str | None = None
) -> httpx.Response:
    """POST one GraphQL request; the caller checks status and body."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
