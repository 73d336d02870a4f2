"""Opening the Neo4j driver: one place that knows where the database is and how to log in.

Why: NEO4J_URI set -> that server (Aura, a cluster, docker compose) with NEO4J_USER/PASSWORD;
unset -> the project's own local server with its generated password (read from its instance
folder; starting that server is the CLI's job, so this module never loads the JVM launcher).
Errors say what went wrong and carry a `reason` so that each front end (CLI, API) can add the
advice that fits its user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from config.settings import Settings
from graph import local_instance

ConnectionFailure = Literal["never_started", "auth", "unreachable"]


class Neo4jConnectionError(RuntimeError):
    """The database could not be reached or refused the credentials; the message says which."""

    def __init__(self, message: str, *, reason: ConnectionFailure, is_local: bool) -> None:
        super().__init__(message)
        self.reason = reason
        self.is_local = is_local


@dataclass(frozen=True)
class ConnectionTarget:
    """Where `open_driver` connects and as whom."""

    uri: str
    user: str
    password: str | None
    is_local: bool


def connection_target(settings: Settings) -> ConnectionTarget:
    """The server, user and password `open_driver` would use."""
    if settings.neo4j_uri:
        return ConnectionTarget(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, False
        )
    password = settings.neo4j_password
    if password is None:  # None before the first start: the driver opens, connecting fails
        password = local_instance.read_password(local_instance.instance_dir(settings))
    return ConnectionTarget(
        local_instance.bolt_uri(settings.kg_local_bolt_port),
        local_instance.ADMIN_USER,
        password,
        True,
    )


#: The project's own queries read properties the model declares but a young graph may not
#: have yet (a trial's dates, a curation decision's `active`): Neo4j then warns "property
#: does not exist" on every run, thousands of log lines per load or page view that say
#: nothing wrong. Those (UNRECOGNIZED) notifications are off unless a caller asks for them
#: (`kg cypher` does: there a misspelt property is the analyst's to see).
QUIET_NOTIFICATIONS: dict[str, Any] = {
    "notifications_disabled_classifications": [
        neo4j.NotificationDisabledClassification.UNRECOGNIZED
    ]
}


def open_driver(settings: Settings, *, verify: bool = True, **options: Any) -> neo4j.Driver:
    """A driver for the configured database; with `verify`, fail now with a clear message.

    verify=False never touches the network, so the API starts even while Neo4j is down
    (its /readyz then reports 503). `options` go to the driver (timeouts, retry time).
    """
    target = connection_target(settings)
    if verify and target.is_local and target.password is None:
        raise Neo4jConnectionError(
            f"The local Neo4j at {target.uri} has never been started, so it has no password yet.",
            reason="never_started",
            is_local=True,
        )
    auth = (target.user, target.password) if target.password is not None else None
    driver = neo4j.GraphDatabase.driver(target.uri, auth=auth, **{**QUIET_NOTIFICATIONS, **options})
    if verify:
        try:
            verify_driver(driver, settings, target)
        except BaseException:
            driver.close()
            raise
    return driver


def open_async_driver(settings: Settings, **options: Any) -> neo4j.AsyncDriver:
    """The async driver for the API's compiled reads: no thread hop per query.

    Never touches the network when opened, like `open_driver(verify=False)`.
    """
    target = connection_target(settings)
    auth = (target.user, target.password) if target.password is not None else None
    return neo4j.AsyncGraphDatabase.driver(
        target.uri, auth=auth, **{**QUIET_NOTIFICATIONS, **options}
    )


def verify_driver(driver: neo4j.Driver, settings: Settings, target: ConnectionTarget) -> None:
    """Check connectivity and run `RETURN 1`; raise Neo4jConnectionError on failure."""
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.neo4j_database)
    except AuthError as error:
        raise Neo4jConnectionError(
            f"Neo4j authentication failed for user {target.user!r} at {target.uri}: "
            f"{_one_line(error.message)}.",
            reason="auth",
            is_local=target.is_local,
        ) from error
    except (ServiceUnavailable, OSError) as error:
        raise Neo4jConnectionError(
            f"Neo4j is not reachable at {target.uri}: {_one_line(error)}.",
            reason="unreachable",
            is_local=target.is_local,
        ) from error


def _one_line(text: object) -> str:
    return " ".join(str(text).split())
