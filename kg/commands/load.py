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
        _migrate_if_needed(driver, settings)
    except BaseException:
        driver.close()
        raise
    return driver


def _migrate_if_needed(driver, settings: Settings) -> None:
    """Bring an older graph to the current model before anything else: list provenance to
    SUPPORTS records, and entities keyed under older name rules to today's keys."""
    from graph.migrate import migrate_provenance, names_outdated, needs_migration

    database = settings.neo4j_database
    if needs_migration(driver, database):
        typer.echo("Migrating provenance lists to evidence records (once)...", err=True)
        result = migrate_provenance(driver, database)
        typer.echo(
            f"Migrated {result.facts} facts and {result.evidence} evidence records.", err=True
        )
    if names_outdated(driver, database):
        typer.echo(
            "The name rules changed since this graph was written: giving every entity "
            "today's lookup keys (once)...",
            err=True,
        )
        merged = _rekey(driver, database)
        typer.echo(f"Re-keyed; {merged} nodes merged into the node of the same thing.", err=True)


def _rekey(driver, database: str) -> int:
    """Re-key and resolve the whole graph with progress on stderr; then record the rules."""
    from graph.migrate import record_names_current
    from graph.resolution import resolve_graph

    shown = 0

    def progress(done: int) -> None:
        nonlocal shown
        if done - shown >= 5_000:  # a line per 5,000 entities, not per page
            typer.echo(f"  {done:,} entities re-keyed...", err=True)
            shown = done

    merged = resolve_graph(driver, database, progress=progress)
    record_names_current(driver, database)
    return merged


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `kg` app."""

    @app.command("load")
    def load(
        paths: Annotated[
            list[str] | None, typer.Argument(help="Files or folders of documents.")
        ] = None,
        workers: Annotated[
            int | None,
            typer.Option(
                "--workers",
                "-w",
                min=1,
                help="Extraction processes (default: the load's own process for a few "
                "hundred documents, then one per core).",
            ),
        ] = None,
        source_format: Annotated[
            str | None,
            typer.Option(
                "--format",
                help="Read every input as this format instead of detecting it: text, html, "
                "feed, pubmed-xml, medline, ctgov, pdf, jsonl.",
            ),
        ] = None,
        batch_size: Annotated[
            int,
            typer.Option("--batch-size", min=1, max=10_000, help="Documents per transaction."),
        ] = 100,
        extractions: Annotated[
            str | None,
            typer.Option(
                "--extractions",
                help="Write precomputed `kg extract` output (JSON lines; '-' for stdin) "
                "instead of extracting files.",
            ),
        ] = None,
    ) -> None:
        """Extract documents and load them into Neo4j, with provenance for every fact.

        Content already loaded is skipped ("unchanged"); a changed file replaces
        what its earlier version contributed. A failing document is reported and
        the rest still load; the exit status is 1 if any failed or if the database
        stayed unreachable (the load then stops with its summary).
        """
        import sys

        from loaders.pipeline import load_extractions, load_paths
        from loaders.progress import count_files, load_progress, summary_lines

        if bool(paths) == bool(extractions):
            typer.echo("Error: give files or folders, or --extractions FILE, not both.", err=True)
            raise typer.Exit(2)
        settings = get_settings()
        if extractions is not None:
            try:
                stream = sys.stdin if extractions == "-" else open(extractions, encoding="utf-8")  # noqa: SIM115
            except OSError as error:
                typer.echo(f"Error: cannot read {extractions}: {error.strerror}", err=True)
                raise typer.Exit(2) from error
            with stream, _open(settings) as driver, load_progress(0) as progress:
                summary = load_extractions(
                    driver,
                    settings,
                    stream,
                    batch_size=batch_size,
                    progress=progress,
                    name=extractions,
                )
        else:
            assert paths is not None
            with _open(settings) as driver, load_progress(count_files(paths)) as progress:
                summary = load_paths(
                    driver,
                    settings,
                    paths,
                    workers=workers,
                    batch_size=batch_size,
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

    @app.command("migrate")
    def migrate() -> None:
        """Bring an existing graph to the current model (safe to run again).

        Moves provenance lists (docIds/evidence on each fact) to one SUPPORTS
        evidence record per document and fact (`kg load`, `kg delete` and `kg init`
        do this automatically when needed), then gives every entity today's lookup
        keys and merges the nodes that name one thing (resolution against the graph,
        which loads do for the documents they write).
        """
        from graph.migrate import migrate_provenance

        settings = get_settings()
        with _open(settings) as driver:
            result = migrate_provenance(driver, settings.neo4j_database)
            merged = _rekey(driver, settings.neo4j_database)
        typer.echo(
            f"Graph is current: {result.facts} facts and {result.evidence} evidence records "
            f"migrated, {merged} nodes merged into the node of the same thing in this run."
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
