"""`kg curate`: merge, split, alias, reject, undo, log — decisions that later loads respect.

Each action writes a decision to the curation log in the graph (who, when, why), changes the
graph now, and is replayed whenever documents are written, so a reload never undoes it.
See docs/curation.md.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from typing import Annotated, Any

import typer

from config.settings import get_settings
from kg.commands.load import _open

app = typer.Typer(no_args_is_help=True)
alias_app = typer.Typer(no_args_is_help=True)
app.add_typer(alias_app, name="alias", help="Add or remove a name of an entity.")

Label = Annotated[str, typer.Argument(help="Entity label: Company, Drug, Disease, ...")]
Why = Annotated[str | None, typer.Option("--why", help="Your reason, kept in the log.")]
Who = Annotated[str | None, typer.Option("--who", help="Who decides (default: your OS user name).")]
Sources = Annotated[
    list[str] | None,
    typer.Option(
        "--sources",
        help="Files or folders holding the source records of documents to rebuild "
        "(needed for ClinicalTrials.gov / PubMed records).",
    ),
]


def _who(who: str | None) -> str:
    return who or getpass.getuser()


def _run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Open the database, run the action, print its summary; a refused decision exits 1."""
    from loaders.curation import CurationError

    settings = get_settings()
    with _open(settings) as driver:
        try:
            outcome = action(driver, settings, *args, **kwargs)
        except CurationError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from error
    typer.echo(f"{outcome.decision.id}: {outcome.summary}")


@app.command("merge")
def merge(
    label: Label,
    first: Annotated[str, typer.Argument(help="Id or name of one node.")],
    second: Annotated[str, typer.Argument(help="Id or name of the other node.")],
    why: Why = None,
    who: Who = None,
) -> None:
    """Merge two nodes of LABEL into one: names, facts, evidence and mentions move."""
    from loaders.curation import merge as do

    _run(do, label, first, second, who=_who(who), why=why)


@app.command("split")
def split(
    label: Label,
    node: Annotated[str, typer.Argument(help="Id or name of the node to split.")],
    names: Annotated[
        list[str], typer.Option("--names", help="Names that belong to a different thing.")
    ],
    more_names: Annotated[list[str] | None, typer.Argument(help="More names.", hidden=True)] = None,
    why: Why = None,
    who: Who = None,
    sources: Sources = None,
) -> None:
    """Move NAMES (and what the documents using them say) from a node to a new node.

    The documents that mention the node are extracted again and rewritten.
    """
    from loaders.curation import split as do

    all_names = [*names, *(more_names or [])]
    _run(do, label, node, all_names, who=_who(who), why=why, sources=sources or [])


@alias_app.command("add")
def alias_add(
    label: Label,
    node: Annotated[str, typer.Argument(help="Id or name of the node.")],
    alias: Annotated[str, typer.Argument(help="The name to add.")],
    why: Why = None,
    who: Who = None,
) -> None:
    """Give a node one more name (found by search and name filters from now on)."""
    from loaders.curation import alias_add as do

    _run(do, label, node, alias, who=_who(who), why=why)


@alias_app.command("remove")
def alias_remove(
    label: Label,
    node: Annotated[str, typer.Argument(help="Id or name of the node.")],
    alias: Annotated[str, typer.Argument(help="The name to remove.")],
    why: Why = None,
    who: Who = None,
) -> None:
    """Take a name from a node; later documents using it no longer give it to this node."""
    from loaders.curation import alias_remove as do

    _run(do, label, node, alias, who=_who(who), why=why)


@app.command("reject")
def reject(
    fact: Annotated[str, typer.Argument(help="Fact key TYPE|startId|endId.")],
    why: Why = None,
    who: Who = None,
) -> None:
    """Delete a wrong fact and its evidence; no document can state it again."""
    from loaders.curation import reject as do

    _run(do, fact, who=_who(who), why=why)


@app.command("undo")
def undo(
    decision_id: Annotated[str, typer.Argument(help="Decision id from `kg curate log`.")],
    who: Who = None,
    sources: Sources = None,
) -> None:
    """Undo a decision: the documents naming the nodes it touched are rebuilt without it."""
    from loaders.curation import undo as do

    _run(do, decision_id, who=_who(who), sources=sources or [])


@app.command("apply")
def apply() -> None:
    """Redo what active decisions changed in the graph where it no longer shows.

    Loads never undo a decision, but a load that was already writing when the decision
    was taken wrote with the decisions it had read; run this after such loads.
    """
    from loaders.curation import enforce_all

    settings = get_settings()
    with _open(settings) as driver:
        done = enforce_all(driver, settings)
    for decision_id, message in done:
        typer.echo(f"{decision_id}: {message}")
    typer.echo(f"{len(done)} decisions re-applied; the others hold.")


@app.command("log")
def log(
    active: Annotated[bool, typer.Option("--active", help="Only decisions in force.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Newest N decisions.")] = 1000,
) -> None:
    """List curation decisions, newest first: id, action, arguments, who, when, why, state."""
    from loaders.curation import curation_log, describe
    from loaders.display import printable

    settings = get_settings()
    with _open(settings) as driver:
        entries = curation_log(driver, settings, limit, active)
    if not entries:
        typer.echo("No curation decisions.")
        return
    for entry in entries:
        decision = entry.decision
        state = "active" if entry.active else f"undone by {entry.undone_by} at {entry.undone_at}"
        if as_json:
            row = {
                "id": decision.id,
                "action": decision.action.value,
                "args": describe(decision),
                "who": entry.who,
                "at": entry.at,
                "why": entry.why,
                "active": entry.active,
                "undoneBy": entry.undone_by,
                "undoneAt": entry.undone_at,
            }
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        why = f"  why: {printable(entry.why)}" if entry.why else ""
        typer.echo(
            f"{decision.id}  {decision.action.value:<12} {printable(describe(decision))}  "
            f"by {printable(entry.who)} at {entry.at}  [{state}]{why}"
        )


def register(root: typer.Typer) -> None:
    """Add `kg curate ...` to the `kg` app."""
    root.add_typer(app, name="curate", help="Curate the graph: decisions that loads respect.")
