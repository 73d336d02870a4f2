"""`kg cypher`: ad-hoc Cypher for analysts, and `kg docs`: regenerate the model docs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import neo4j
import typer
from rich.console import Console

from config.settings import PROJECT_ROOT, Settings, get_settings
from kg import cypher_runner

QUERIES_DIR = PROJECT_ROOT / "queries"


def _fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit to raise (status 1)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def _read_statement(statement: str | None, file: Path | None) -> str:
    if file is not None and statement is not None:
        raise _fail("give a statement or -f FILE, not both")
    if file is not None:
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except OSError as error:
            raise _fail(f"cannot read {file}: {error.strerror or error}") from None
    elif statement == "-":
        text = sys.stdin.read()
    elif statement is not None:
        text = statement
    else:
        raise _fail("no Cypher given: pass a statement, -f FILE, or - to read stdin")
    text = text.strip().rstrip(";").strip()
    if not text:
        raise _fail("the Cypher statement is empty")
    return text


def _server_label(settings: Settings) -> str:
    return settings.neo4j_uri or f"bolt://127.0.0.1:{settings.kg_local_bolt_port} (local server)"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _open_driver(settings: Settings) -> neo4j.Driver:
    """The configured server, or the project's local one (started on demand) without NEO4J_URI."""
    from kg.database import DatabaseUnavailable, connect

    try:
        # An analyst's query should hear "property does not exist": it is usually a typo.
        return connect(settings, notifications_disabled_classifications=None)
    except DatabaseUnavailable as error:
        raise _fail(_one_line(str(error))) from None
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as error:
        detail = _one_line(str(error)) or type(error).__name__
        raise _fail(f"cannot reach Neo4j at {_server_label(settings)}: {detail}") from None


def cypher(
    statement: Annotated[
        str | None,
        typer.Argument(help="The Cypher statement; '-' reads it from stdin.", show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read the statement from a .cypher file ('-' = stdin)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Parameter name=value (repeatable); value parsed as JSON when it parses, "
            "else taken as a string.",
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Run in a WRITE transaction (default: read-only).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON Lines: one object per row, keyed by column.")
    ] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV with a header row; non-strings as JSON.")
    ] = False,
    database: Annotated[
        str | None, typer.Option("--database", "-d", help="Database (default: NEO4J_DATABASE).")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Transaction timeout in seconds.")
    ] = None,
) -> None:
    """Run one Cypher statement read-only (unless --write) and print the rows.

    Output is a table on a terminal, or --json / --csv for scripts. Example:
    kg cypher -f queries/company_pipeline.cypher -p company="Bio-Thera Solutions"
    """
    if as_json and as_csv:
        raise _fail("choose one of --json and --csv")
    text = _read_statement(statement, file)
    try:
        parameters = cypher_runner.parse_params(param or [])
    except cypher_runner.CypherRunError as error:
        raise _fail(str(error)) from None
    settings = get_settings()
    driver = _open_driver(settings)
    try:
        result = cypher_runner.run_cypher(
            driver,
            text,
            parameters,
            database=database or settings.neo4j_database,
            write=write,
            timeout=timeout,
            server=_server_label(settings),
        )
    except cypher_runner.CypherRunError as error:
        raise _fail(str(error)) from None
    finally:
        driver.close()
    if as_json:
        sys.stdout.write(cypher_runner.to_json_lines(result))
    elif as_csv:
        sys.stdout.write(cypher_runner.to_csv(result))
    else:
        if result.columns:
            Console(soft_wrap=False).print(cypher_runner.to_table(result))
        typer.echo(cypher_runner.summary_line(result), err=True)


def docs(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write model.md and model.svg into.")
    ] = PROJECT_ROOT / "docs",
    check: Annotated[
        bool, typer.Option("--check", help="Only check: exit 1 if the files are out of date.")
    ] = False,
) -> None:
    """Regenerate docs/model.md and docs/model.svg from graph/ontology.py."""
    from graph import model_docs

    if check:
        stale = model_docs.stale_docs(out)
        if stale:
            names = ", ".join(str(p) for p in stale)
            raise _fail(f"out of date with graph/ontology.py: {names}; run `kg docs`")
        typer.echo("model docs are up to date")
        return
    for path in model_docs.write_docs(out):
        typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add `kg cypher` and `kg docs` to the `kg` app."""
    app.command("cypher")(cypher)
    app.command("docs")(docs)
