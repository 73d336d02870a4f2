"""Run compiled queries instead of the resolvers: a schema extension around execution.

Why an extension: strawberry skips graphql-core's execution when an `on_execute` hook has
already set the result, so a fully compiled query never enters per-field completion, while
parsing, validation, the limits and error masking run exactly as before. Any operation the
compiler does not cover (search, path, introspection, mutations, client errors) runs the
resolvers unchanged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any, LiteralString, cast

from graphql import ExecutionResult, GraphQLError
from neo4j import Query, RoutingControl
from strawberry.extensions import SchemaExtension

from api.graphql.compiler.plan import CompiledField, NotCompiled, compile_operation

log = logging.getLogger(__name__)


class CompiledQueries(SchemaExtension):
    """Answers a query with one Cypher statement per root field when it compiles (and
    `enabled`), and reports `extensions.cypherStatements` on either path."""

    def __init__(self, *, enabled: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.enabled = enabled

    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        ctx = self.execution_context
        context = ctx.context
        reader = getattr(context, "reader", None)
        if self.enabled and reader is not None and ctx.graphql_document is not None:
            try:
                compiled = compile_operation(
                    ctx.schema._schema,
                    ctx.graphql_document,
                    ctx.variables,
                    ctx.operation_name,
                    context.settings.kg_max_page_size,
                )
            except NotCompiled as why:
                log.debug("resolver path: %s", why)
            else:
                results = await asyncio.gather(*(_run(f, context) for f in compiled.fields))
                ctx.result = _execution_result(compiled.fields, results)
        yield

    def get_results(self) -> dict[str, Any]:
        reader = getattr(self.execution_context.context, "reader", None)
        return {"cypherStatements": reader.round_trips} if reader is not None else {}


async def _run(compiled: CompiledField, context: Any) -> Any:
    """The field's response value, or the exception its statement raised."""
    if compiled.cypher is None:
        return compiled.finish([])
    reader = context.reader
    reader.round_trips += 1
    try:
        if context.async_driver is not None:
            records = await _read_async(
                context.async_driver, reader.database, reader.timeout_seconds, compiled
            )
        else:
            records = await asyncio.to_thread(
                _read, reader.driver, reader.database, reader.timeout_seconds, compiled
            )
        return compiled.finish(records)
    except Exception as error:  # noqa: BLE001 - reported as a (masked) field error
        return error


def _read(driver: Any, database: str, timeout: float, compiled: CompiledField) -> list[Any]:
    records, _, _ = driver.execute_query(
        Query(cast(LiteralString, compiled.cypher), timeout=timeout),
        compiled.params,
        routing_=RoutingControl.READ,
        database_=database,
    )
    return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]


async def _read_async(
    driver: Any, database: str, timeout: float, compiled: CompiledField
) -> list[Any]:
    records, _, _ = await driver.execute_query(
        Query(cast(LiteralString, compiled.cypher), timeout=timeout),
        compiled.params,
        routing_=RoutingControl.READ,
        database_=database,
    )
    return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]


def _execution_result(fields: tuple[CompiledField, ...], values: list[Any]) -> ExecutionResult:
    """The response data in selection order; a failed statement nulls its field (and the
    whole data when that field is non-null), as graphql-core would."""
    data: dict[str, Any] | None = {}
    errors: list[GraphQLError] = []
    for compiled, value in zip(fields, values, strict=True):
        if isinstance(value, Exception):
            errors.append(
                GraphQLError(
                    str(value),
                    nodes=list(compiled.field_nodes),
                    path=[compiled.response_key],
                    original_error=value,
                )
            )
            if not compiled.nullable:
                data = None
            elif data is not None:
                data[compiled.response_key] = None
        elif data is not None:
            data[compiled.response_key] = value
    return ExecutionResult(data=data, errors=errors or None)
