"""Fixtures every test uses: a real, throwaway Neo4j server and an empty database per test.

The session starts its own server on free ports with a temporary data folder (only the jar
cache under KG_HOME is shared), so several pytest runs and `make run` coexist. Set
NEO4J_TEST_URI (+ NEO4J_TEST_USER / NEO4J_TEST_PASSWORD) to use an existing server instead:
its database is EMPTIED before every test, so never point it at data you want to keep.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from config.settings import PROJECT_ROOT, Settings
from graph.local_server import LocalNeo4j, free_ports


class ExternalNeo4j:
    """A server given by NEO4J_TEST_URI: used as is, never started or stopped by the tests."""

    def __init__(self, uri: str, user: str, password: str) -> None:
        self.uri, self.user, self.password = uri, user, password

    def stop(self) -> None:
        pytest.skip("NEO4J_TEST_URI is an external server; the tests do not stop it")

    def start(self) -> None:
        pytest.skip("NEO4J_TEST_URI is an external server; the tests do not start it")


def _cache_home() -> os.PathLike[str]:
    """The jar cache `make run` uses too (KG_HOME, default <repo>/.kg): downloaded once."""
    return Settings().kg_home


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The two seed documents, read where they live (never copied into the repo).

    KG_SEED_CORPUS, else ../shared/corpus/seeds beside the clone, as on CI. Missing seeds
    fail the tests that need them instead of skipping them.
    """
    default = PROJECT_ROOT.parent / "shared" / "corpus" / "seeds"
    folder = Path(os.environ.get("KG_SEED_CORPUS", default))
    if len(list(folder.glob("*.txt"))) < 2:
        pytest.fail(f"the seed documents are not at {folder}; set KG_SEED_CORPUS")
    return folder


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j | ExternalNeo4j]:
    """The Neo4j every test talks to: exposes uri, user, password, stop(), start()."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield ExternalNeo4j(
            uri,
            os.environ.get("NEO4J_TEST_USER", "neo4j"),
            os.environ.get("NEO4J_TEST_PASSWORD", ""),
        )
        return
    bolt_port, http_port = free_ports(2)
    server = LocalNeo4j(
        cache_dir=_cache_home(),
        data_dir=tmp_path_factory.mktemp("neo4j"),
        bolt_port=bolt_port,
        http_port=http_port,
        die_with_parent=True,
        browser=False,
        quick_jit=True,
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def settings(neo4j_server: LocalNeo4j | ExternalNeo4j) -> Settings:
    """Settings pointing at the test server (explicit URI: nothing falls back to the local one)."""
    return Settings(
        _env_file=None,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
        kg_api_key="test-api-key",
        kg_home=_cache_home(),
    )


@pytest.fixture
def driver(neo4j_server: LocalNeo4j | ExternalNeo4j) -> Iterator[neo4j.Driver]:
    """A driver on an EMPTY database: no nodes, relationships, or user-made indexes/constraints."""
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    ) as drv:
        _wipe(drv)
        yield drv


@pytest.fixture(scope="module")
def module_driver(neo4j_server: LocalNeo4j | ExternalNeo4j) -> Iterator[neo4j.Driver]:
    """Like `driver`, emptied once per module: for modules that build one graph and only read."""
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    ) as drv:
        _wipe(drv)
        yield drv


def _wipe(drv: neo4j.Driver) -> None:
    drv.execute_query("MATCH (n) DETACH DELETE n")
    for record in drv.execute_query("SHOW CONSTRAINTS YIELD name").records:
        drv.execute_query(f"DROP CONSTRAINT {_quote(record['name'])} IF EXISTS")
    indexes = drv.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").records
    for record in indexes:
        drv.execute_query(f"DROP INDEX {_quote(record['name'])} IF EXISTS")


def _quote(name: str) -> str:
    """A schema name from the database itself, as a backtick-quoted Cypher identifier."""
    return "`" + name.replace("`", "``") + "`"
