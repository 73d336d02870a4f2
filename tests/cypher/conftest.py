"""Fixtures for the Cypher tests: the `kg` CLI pointed at the test server through env vars."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from config.settings import Settings, get_settings


@pytest.fixture
def cli_env(settings: Settings) -> Iterator[dict[str, str]]:
    """Environment that makes `kg` talk to the test server (and not to the local one)."""
    get_settings.cache_clear()
    yield {
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password or "",
        "NEO4J_DATABASE": settings.neo4j_database,
    }
    get_settings.cache_clear()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
