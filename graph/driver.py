"""Opening the Neo4j driver: one place that knows where the database is and how to log in.

Why: NEO4J_URI set -> that server (Aura, a cluster, docker compose) with NEO4J_USER/PASSWORD;
unset -> the project's own local server (graph/local_server.py) with its generated password.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from config.settings import Settings
from graph.local_server import LocalNeo4j, LocalNeo4jError


class Neo4jConnectionError(RuntimeError):
    """The database could not be reached or refused the credentials; the message says which."""


def connection_target(settings: Settings) -> tuple[str, str, str | None, bool]:
    """(uri, user, password, is_local) that `open_driver` would use."""
    if settings.neo4j_uri:
        return settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, False
    local = LocalNeo4j.from_settings(settings)
    password = settings.neo4j_password
    if password is None:
        try:
            password = local.password
        except LocalNeo4jError:
            password = None  # not started yet: the driver opens, connecting fails later
    return local.uri, local.user, password, True


def open_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured database; with `verify`, fail now with a clear message.

    verify=False never touches the network, so the API starts even while Neo4j is down
    (its /readyz then reports 503).
    """
    uri, user, password, is_local = connection_target(settings)
    if verify and is_local and password is None:
        raise Neo4jConnectionError(
            f"The local Neo4j at {uri} has never been started, so it has no password yet "
            "(hint: run `kg neo4j start`)."
        )
    auth = (user, password) if password is not None else None
    driver = neo4j.GraphDatabase.driver(uri, auth=auth)
    if verify:
        try:
            verify_driver(driver, settings, uri=uri, user=user, is_local=is_local)
        except BaseException:
            driver.close()
            raise
    return driver


def open_async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """The async driver for the API's compiled reads: no thread hop per query.

    Never touches the network when opened, like `open_driver(verify=False)`.
    """
    uri, user, password, _ = connection_target(settings)
    auth = (user, password) if password is not None else None
    return neo4j.AsyncGraphDatabase.driver(uri, auth=auth)


def verify_driver(
    driver: neo4j.Driver, settings: Settings, *, uri: str, user: str, is_local: bool
) -> None:
    """Check connectivity and run `RETURN 1`; raise Neo4jConnectionError with a hint on failure."""
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.neo4j_database)
    except AuthError as error:
        hint = (
            "the local server's password is in "
            + str(LocalNeo4j.from_settings(settings).password_file)
            if is_local
            else "check NEO4J_USER / NEO4J_PASSWORD"
        )
        raise Neo4jConnectionError(
            f"Neo4j authentication failed for user {user!r} at {uri}: "
            f"{_one_line(error.message)} ({hint})."
        ) from error
    except (ServiceUnavailable, OSError) as error:
        hint = "run `kg neo4j start`" if is_local else "check NEO4J_URI and that the server runs"
        raise Neo4jConnectionError(
            f"Neo4j is not reachable at {uri}: {_one_line(error)} (hint: {hint})."
        ) from error


def ensure_local_server(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Install and start the local server if NEO4J_URI is unset and it is not running yet.

    Why: `make run` must work from nothing; with NEO4J_URI set this is a no-op. Progress (the
    first run's Maven download takes a while) goes to stderr unless `progress` says otherwise.
    """
    if settings.neo4j_uri:
        return
    LocalNeo4j.from_settings(settings).start(progress=progress or _to_stderr)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
