"""The `kg` command: one sub-command module per job, registered here."""

from __future__ import annotations

import typer

from kg.commands import curate, cypher, extract, load, neo4j, score_graph, serve

app = typer.Typer(
    help="Pharma knowledge graph: extract, load, serve and query drug-development news.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(neo4j.app, name="neo4j", help="Start, stop and inspect the local Neo4j server.")
for module in (extract, load, serve, cypher, score_graph, curate):
    module.register(app)

if __name__ == "__main__":
    app()
