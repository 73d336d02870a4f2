"""Run one ad-hoc Cypher statement for an analyst and turn the answer into plain data.

`kg cypher` is an exploration tool, so it must be safe to point at a shared
database: statements run in a READ transaction unless the caller asks for a
write, and every failure becomes one readable line (`CypherRunError`) rather
than a driver traceback. Values come back as JSON-friendly Python (nodes,
relationships, paths and temporal values included) so that the same result
feeds a terminal table, JSON lines and CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from rich.markup import escape
from rich.table import Table

WRITE_HINT = "run it again with --write to allow writes"


class CypherRunError(Exception):
    """A failure worth one line to the user (syntax error, refused write, no server)."""


@dataclass(frozen=True)
class CypherResult:
    """Column names, rows of plain values and, for writes, what changed."""

    columns: list[str]
    rows: list[list[Any]]
    changes: dict[str, int] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        """Rows as column -> value mappings (one per row)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# --------------------------------------------------------------------------- parameters


def parse_param(pair: str) -> tuple[str, Any]:
    """`name=value` -> (name, value); the value is JSON when it parses, else the raw string.

    So `-p limit=5` is the integer 5, `-p ids='["a","b"]'` a list, and
    `-p company=Bio-Thera Solutions` a string without extra quoting.
    """
    name, sep, raw = pair.partition("=")
    name = name.strip()
    if not sep or not name:
        raise CypherRunError(f"parameter {pair!r} is not name=value")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """All `-p name=value` options as a parameter map (a later name wins)."""
    return dict(parse_param(pair) for pair in pairs)


# --------------------------------------------------------------------------- values


def plain(value: Any) -> Any:
    """A driver value as JSON-friendly Python: nodes/relationships/paths become dicts."""
    if isinstance(value, Node):
        return {
            "elementId": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "elementId": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return value


# --------------------------------------------------------------------------- running


def _error_message(error: Exception, uri: str | None) -> str:
    where = f" at {uri}" if uri else ""
    if isinstance(error, neo4j_errors.CypherSyntaxError):
        return f"Cypher syntax error: {_first_line(error.message)}"
    if isinstance(error, neo4j_errors.Neo4jError):
        code = error.code or ""
        if code.endswith("AccessMode") or "read access mode" in (error.message or ""):
            return f"this query writes to the database but runs read-only; {WRITE_HINT}"
        if code.endswith("ParameterMissing"):
            return f"{_first_line(error.message)} (pass it with -p name=value)"
        if isinstance(error, neo4j_errors.AuthError):
            return f"Neo4j{where} refused the user name or password: {_first_line(error.message)}"
        return f"Neo4j error {code}: {_first_line(error.message)}"
    if isinstance(error, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return f"cannot reach Neo4j{where}: {' '.join(str(error).split())}"
    if isinstance(error, neo4j_errors.DriverError):
        return f"Neo4j driver error: {_first_line(str(error))}"
    return _first_line(str(error))


def _first_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"


def _changes(summary: neo4j.ResultSummary) -> dict[str, int]:
    counters = summary.counters
    names = (
        "nodes_created",
        "nodes_deleted",
        "relationships_created",
        "relationships_deleted",
        "properties_set",
        "labels_added",
        "labels_removed",
        "indexes_added",
        "indexes_removed",
        "constraints_added",
        "constraints_removed",
    )
    return {name: getattr(counters, name) for name in names if getattr(counters, name)}


def run_cypher(
    driver: neo4j.Driver,
    query: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
    timeout: float | None = None,
    server: str | None = None,
) -> CypherResult:
    """Run `query` in a managed READ transaction (or WRITE when `write`) and collect it all.

    `server` only names the server in error messages.

    A READ transaction is what makes exploration safe: the server refuses any
    write in it, and we turn that refusal into a hint to use `--write`. With a
    cluster the read also goes to a reader. Raises CypherRunError with one line.
    """
    if not query.strip():
        raise CypherRunError("no Cypher statement given")

    def work(tx: neo4j.ManagedTransaction) -> CypherResult:
        result = tx.run(query, dict(parameters or {}))
        columns = list(result.keys())
        rows = [[plain(value) for value in record.values()] for record in result]
        return CypherResult(columns, rows, _changes(result.consume()))

    if timeout is not None:
        work = neo4j.unit_of_work(timeout=timeout)(work)
    uri = server
    try:
        with driver.session(database=database) as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
        raise CypherRunError(_error_message(error, uri)) from error
    except OSError as error:
        raise CypherRunError(f"cannot reach Neo4j{f' at {uri}' if uri else ''}: {error}") from error


# --------------------------------------------------------------------------- formatting


def cell_text(value: Any) -> str:
    """One value as text for a table cell or CSV field: strings bare, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def to_json_lines(result: CypherResult) -> str:
    """One JSON object per row, keyed by column name (JSON Lines, ready for `jq`)."""
    return "".join(
        json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
        for record in result.records()
    )


def to_csv(result: CypherResult) -> str:
    """A header row of column names, then one row per record; non-strings as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell_text(v) for v in row])
    return buffer.getvalue()


def to_table(result: CypherResult) -> Table:
    """A rich table for the terminal; cells never truncated, long ones wrap."""
    table = Table(show_lines=False, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(escape(cell_text(v)) for v in row))
    return table


def summary_line(result: CypherResult) -> str:
    """`3 rows` plus what a write changed, e.g. `0 rows; nodes_created=1, properties_set=2`."""
    count = len(result.rows)
    text = f"{count} row{'s' if count != 1 else ''}"
    if result.changes:
        text += "; " + ", ".join(f"{k}={v}" for k, v in result.changes.items())
    return text
