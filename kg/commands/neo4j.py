"""`kg neo4j start | stop | status | password`: the project's own local Neo4j server."""

from __future__ import annotations

import typer

from config.settings import get_settings
from graph.local_server import LocalNeo4j, LocalNeo4jError

app = typer.Typer(no_args_is_help=True)


def _server() -> LocalNeo4j:
    settings = get_settings()
    if settings.neo4j_uri:
        typer.echo(
            f"Note: NEO4J_URI is set ({settings.neo4j_uri}); the app uses that server, "
            "not this local one.",
            err=True,
        )
    return LocalNeo4j.from_settings(settings)


def _progress(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def start(
    timeout: float = typer.Option(120.0, help="Seconds to wait until Bolt answers."),
) -> None:
    """Install (first run: Maven download) and start the local Neo4j in the background."""
    server = _server()
    try:
        started = server.start(timeout=timeout, progress=_progress)
    except LocalNeo4jError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from error
    if started:
        typer.echo(f"Neo4j {server.version} started: {server.uri} (user {server.user}).")
    else:
        typer.echo(f"Neo4j is already running: {server.uri} (pid {server.pid()}); nothing to do.")


@app.command()
def stop() -> None:
    """Stop the local Neo4j (SIGTERM, then SIGKILL after 30 s)."""
    server = _server()
    if server.stop():
        typer.echo("Neo4j stopped.")
    else:
        typer.echo("Neo4j was not running; nothing to do.")


@app.command()
def status() -> None:
    """Say whether the local Neo4j runs; exit status 1 if it does not answer."""
    state = _server().status()
    typer.echo(state.message)
    if not state.ready:
        raise typer.Exit(1)


@app.command()
def password() -> None:
    """Print the generated password of the local Neo4j (user `neo4j`)."""
    try:
        typer.echo(_server().password)
    except LocalNeo4jError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from error
