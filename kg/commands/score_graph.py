"""`kg score-graph`: load gold-annotated folders into a throwaway Neo4j, score the graph.

Why a throwaway server: the score must come from a graph holding exactly these documents, and
an evaluation must never touch the user's own graph. Loading goes through `kg load` itself, so
the score measures what users get.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from config.settings import get_settings


def score_graph(
    folders: Annotated[
        list[Path], typer.Argument(help="Folders of NN-name.txt documents with .gold.json beside.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    subtypes_apart: Annotated[
        bool,
        typer.Option(
            "--subtypes-apart/--subtypes-chained",
            help="Apart (the default): a gold alias that is a subtype or the parent of its "
            "entity's name, or a target's ligand or receptor, does not join things across "
            "documents (the SUBTYPE_OF rule; kg/graph_score.py). Chained: every alias joins, "
            "as the first version of this score did.",
        ),
    ] = True,
    every: Annotated[
        bool, typer.Option("--every", help="List every split, missing or over-merged thing.")
    ] = False,
) -> None:
    """Load the folders together and report, per type, how many real-world things are one node."""
    import neo4j

    from graph.local_server import LocalNeo4j, free_ports
    from kg import graph_score

    texts = sorted(p for folder in folders for p in Path(folder).glob("*.txt"))
    golds = sorted(p for folder in folders for p in Path(folder).glob("*.gold.json"))
    if not texts or not golds:
        typer.echo(
            "error: no .txt documents with .gold.json annotations in those folders", err=True
        )
        raise typer.Exit(1)
    gold = graph_score.merge_gold(golds, subtypes_apart=subtypes_apart)
    with tempfile.TemporaryDirectory(prefix="kg-score-") as data_dir:
        server = LocalNeo4j(
            get_settings().kg_home,
            Path(data_dir),
            *free_ports(2),
            browser=False,
            die_with_parent=True,
        )
        typer.echo(f"Starting a throwaway Neo4j and loading {len(texts)} documents...", err=True)
        server.start()
        try:
            env = {
                **os.environ,
                "NEO4J_URI": server.uri,
                "NEO4J_USER": server.user,
                "NEO4J_PASSWORD": server.password,
            }
            load = subprocess.run(
                [sys.executable, "-m", "kg.cli", "load", *map(str, texts)],
                env=env,
                capture_output=True,
                text=True,
            )
            if load.returncode != 0:
                typer.echo(load.stdout + load.stderr, err=True)
                raise typer.Exit(1)
            with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
                labels = list(graph_score.LABELS)
                nodes = [
                    graph_score.GraphNode(r["id"], r["label"], tuple(r["names"]))
                    for r in d.execute_query(graph_score.NODES_QUERY, labels=labels).records
                ]
                edges = [
                    (r["type"], r["source"], r["target"])
                    for r in d.execute_query(graph_score.EDGES_QUERY).records
                ]
        finally:
            server.stop()
    score = graph_score.score_graph(gold, nodes, edges, subtypes_apart=subtypes_apart)
    summary = score.summary(examples=None if every else 5)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(_table(summary))


def _table(summary: dict) -> str:
    header = [
        "label",
        "things",
        "one",
        "split",
        "missing",
        "over_merged",
        "subtype_over_merged",
        "optional_absent",
        "spurious",
        "one %",
    ]
    rows = [header]
    for label, row in [*summary["labels"].items(), ("all", summary["totals"])]:
        counts = [str(row.get(name, "")) for name in header[1:-1]]
        rows.append([label, *counts, f"{100 * row['one_share']:.1f}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    relations = summary["relations"]
    lines.append("")
    lines.append(f"relation recall over the graph: {summary['relation_recall']:.3f}")
    lines.extend(f"  {rel}: {v['found']}/{v['total']}" for rel, v in relations.items())
    for label, row in summary["labels"].items():
        for outcome, names in row["examples"].items():
            lines.append(f"{label} {outcome}: {', '.join(names)}")
        for name, node_names in row["split_nodes"].items():
            over = " | ".join(", ".join(names) for names in node_names)
            lines.append(f"  {label} {name!r} is split over nodes named: {over}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `kg score-graph` to the `kg` app."""
    app.command("score-graph")(score_graph)
