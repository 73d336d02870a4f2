"""`kg load`, `kg delete` and `kg init`: put documents into the graph and take them out."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from config.settings import Settings, get_settings


def _open(settings: Settings):
    """Start the local server if needed, connect, and make sure the schema exists."""
    from graph.schema import ensure_schema
    from kg.database import DatabaseUnavailable, connect

    try:
        driver = connect(settings)
    except DatabaseUnavailable as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from error
    try:
        ensure_schema(driver, settings.neo4j_database)
    except BaseException:
        driver.close()
        raise
    return driver


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `kg` app."""

    @app.command("load")
    def load(
        paths: Annotated[list[str], typer.Argument(help="Files or folders of documents.")],
        workers: Annotated[
            int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")
        ] = 1,
        source_format: Annotated[
            str | None,
            typer.Option(
                "--format",
                help="Read every input as this format instead of detecting it: text, html, "
                "feed, pubmed-xml, medline, ctgov, pdf, jsonl.",
            ),
        ] = None,
    ) -> None:
        """Extract documents and load them into Neo4j, with provenance for every fact.

        Content already loaded is skipped ("unchanged"); a changed file replaces
        what its earlier version contributed. A failing document is reported and
        the rest still load; the exit status is 1 if any failed.
        """
        from loaders.pipeline import load_paths
        from loaders.progress import count_files, load_progress, summary_lines

        settings = get_settings()
        with _open(settings) as driver, load_progress(count_files(paths)) as progress:
            summary = load_paths(
                driver,
                settings,
                paths,
                workers=workers,
                progress=progress,
                source_format=source_format,
            )
        for line in summary_lines(summary):
            typer.echo(line)
        if not summary.ok:
            raise typer.Exit(1)

    @app.command("delete")
    def delete(
        document: Annotated[str, typer.Argument(help="A document's id or its source path.")],
    ) -> None:
        """Delete a document and exactly the facts that only it supported."""
        from graph.documents import DocumentNotFound, delete_document

        settings = get_settings()
        # loaded files are recorded by absolute path; ids and URLs are used as given
        keys = list(dict.fromkeys([document, os.path.abspath(document)]))
        with _open(settings) as driver:
            for key in keys:
                try:
                    result = delete_document(driver, settings.neo4j_database, key)
                    break
                except DocumentNotFound:
                    continue
            else:
                typer.echo(f"Error: no document with id or source {document!r}.", err=True)
                raise typer.Exit(1)
        typer.echo(
            f"Deleted document {', '.join(result.document_ids)}: "
            f"{result.nodes_deleted} nodes and {result.relationships_deleted} relationships "
            f"removed; {result.facts_kept} facts kept with support from other documents."
        )

    @app.command("init")
    def init() -> None:
        """Create the graph's constraints and indexes (safe to run again)."""
        from graph.schema import schema_statements

        settings = get_settings()
        with _open(settings):
            pass
        typer.echo(
            f"Schema ready in database {settings.neo4j_database!r}: "
            f"{len(schema_statements())} constraints and indexes in place."
        )
