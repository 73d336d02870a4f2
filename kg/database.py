"""The CLI's way to the database: start the local server when needed, connect, explain failures.

Why here and not in graph/: starting a JVM and telling the user which command to run next are
the command line's business; graph/ only reports what went wrong (graph/driver.py's `reason`).
"""

from __future__ import annotations

import sys
from typing import Any

import neo4j

from config.settings import Settings
from graph.driver import Neo4jConnectionError, open_driver
from graph.local_server import LocalNeo4j, LocalNeo4jError

_HINTS = {
    ("never_started", True): "run `kg neo4j start`",
    ("unreachable", True): "run `kg neo4j start`",
    ("unreachable", False): "check NEO4J_URI and that the server runs",
    ("auth", False): "check NEO4J_USER / NEO4J_PASSWORD",
}


class DatabaseUnavailable(RuntimeError):
    """The database could not be started or reached; the message is one line with a hint."""


def ensure_local_server(settings: Settings) -> None:
    """Install and start the local server if NEO4J_URI is unset and it is not running yet.

    Why: `make run` must work from nothing; with NEO4J_URI set this is a no-op. Progress (the
    first run's Maven download takes a while) goes to stderr.
    """
    if settings.neo4j_uri:
        return
    LocalNeo4j.from_settings(settings).start(progress=_to_stderr)


def connect(settings: Settings, *, start_local: bool = True, **options: Any) -> neo4j.Driver:
    """A verified driver for the configured database, starting the local server if needed."""
    try:
        if start_local:
            ensure_local_server(settings)
        return open_driver(settings, **options)
    except Neo4jConnectionError as error:
        raise DatabaseUnavailable(with_hint(error, settings)) from error
    except LocalNeo4jError as error:
        raise DatabaseUnavailable(str(error)) from error


def with_hint(error: Neo4jConnectionError, settings: Settings) -> str:
    """The error's message plus the command or setting that fixes it."""
    if error.reason == "auth" and error.is_local:
        password_file = LocalNeo4j.from_settings(settings).password_file
        hint = f"the local server's password is in {password_file}"
    else:
        hint = _HINTS.get((error.reason, error.is_local), "")
    message = str(error).rstrip(".")
    return f"{message} (hint: {hint})." if hint else f"{message}."


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
