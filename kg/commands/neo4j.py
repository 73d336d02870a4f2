"""`kg neo4j start | stop | status`: the project's own local Neo4j server."""

import typer

app = typer.Typer(no_args_is_help=True)
