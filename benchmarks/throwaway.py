"""A fresh local Neo4j in a temporary folder, for one benchmark run, deleted afterwards."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j

from config.settings import Settings
from graph.local_server import LocalNeo4j, free_port


@contextmanager
def throwaway_neo4j(prefix: str = "kg-bench-") -> Iterator[tuple[neo4j.Driver, LocalNeo4j]]:
    """(driver, server) of a new local server (the project's jars, no browser) that dies with
    this process; stopped and its data folder deleted on exit."""
    with tempfile.TemporaryDirectory(prefix=prefix) as data:
        server = LocalNeo4j(
            cache_dir=Settings(_env_file=None).kg_home,
            data_dir=Path(data),
            bolt_port=free_port(),
            http_port=free_port(),
            die_with_parent=True,
            browser=False,
        )
        server.start()
        try:
            with neo4j.GraphDatabase.driver(
                server.uri, auth=(server.user, server.password)
            ) as driver:
                yield driver, server
        finally:
            server.stop()
