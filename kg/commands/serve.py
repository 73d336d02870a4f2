"""`kg serve`: the GraphQL API under uvicorn; `kg export-schema`: print its SDL."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from config.settings import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default KG_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default KG_API_PORT).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Server processes (default: one per CPU core, at most 8)."),
    ] = None,
) -> None:
    """Serve the API (GraphQL at /graphql, /healthz, /readyz); starts the local Neo4j if needed."""
    import uvicorn

    from graph.schema import ensure_schema
    from kg.database import DatabaseUnavailable, connect

    settings = get_settings()
    try:
        with connect(settings) as driver:
            ensure_schema(driver, settings.neo4j_database)
    except DatabaseUnavailable as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    host = host or settings.kg_api_host
    port = port or settings.kg_api_port
    workers = workers or default_workers()
    typer.echo(f"GraphQL at http://{host}:{port}/graphql ({workers} worker processes)")
    # Each worker process builds its own app (and driver) from the same environment.
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers)


def default_workers() -> int:
    """One process per core: one Python process serves one request's Python at a time, and
    the compiled path leaves most of a request's time in Python (parse, validate, shape)."""
    return max(1, min(8, os.cpu_count() or 1))


def export_schema() -> None:
    """Print the GraphQL SDL (what schema.graphql holds; `make schema` writes it)."""
    from api.graphql import schema_sdl

    typer.echo(schema_sdl(), nl=False)


def register(app: typer.Typer) -> None:
    """Add `kg serve` and `kg export-schema` to the `kg` app."""
    app.command("serve")(serve)
    app.command("export-schema")(export_schema)
