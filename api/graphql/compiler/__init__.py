"""Compiled GraphQL reads: one Cypher statement per root field (see plan.py and run.py)."""

from api.graphql.compiler.plan import CompiledOperation, NotCompiled, compile_operation
from api.graphql.compiler.run import CompiledQueries

__all__ = ["CompiledOperation", "CompiledQueries", "NotCompiled", "compile_operation"]
