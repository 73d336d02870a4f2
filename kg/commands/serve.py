"""`kg serve`: the GraphQL API under uvicorn; `kg export-schema`: print its SDL."""

from __future__ import annotations

from typing import Annotated

import typer

from config.settings import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default KG_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default KG_API_PORT).")] = None,
) -> None:
    """Serve the API (GraphQL at /graphql, /healthz, /readyz); starts the local Neo4j if needed."""
    import uvicorn

    from api.main import create_app
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
    typer.echo(f"GraphQL at http://{host}:{port}/graphql")
    uvicorn.run(create_app(settings), host=host, port=port)


def export_schema() -> None:
    """Print the GraphQL SDL (what schema.graphql holds; `make schema` writes it)."""
    from api.graphql import schema_sdl

    typer.echo(schema_sdl(), nl=False)


def register(app: typer.Typer) -> None:
    """Add `kg serve` and `kg export-schema` to the `kg` app."""
    app.command("serve")(serve)
    app.command("export-schema")(export_schema)
