"""Run compiled queries instead of the resolvers: a schema extension around execution.

Why an extension: strawberry skips graphql-core's execution when an `on_execute` hook has
already set the result, so a fully compiled query never enters per-field completion, while
parsing, validation, the limits and error masking run exactly as before. Root fields the
compiler does not cover (search, path, introspection, client errors) are executed by
graphql-core on the same operation reduced to them, beside the compiled ones; mutations
and operations with no compiled field run the resolvers unchanged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable
from inspect import isawaitable
from typing import Any, LiteralString, cast

from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
    execute,
)
from neo4j import READ_ACCESS, Query, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError
from strawberry.extensions import SchemaExtension

from api.graphql.compiler.plan import (
    CompiledField,
    CompiledOperation,
    NotCompiled,
    ResolverField,
    compile_operation,
)
from api.graphql.compiler.plans import CompiledPlans
from api.graphql.compiler.plans import handed_over as _handed_over
from api.graphql.compiler.plans import plan_key as _plan_key

log = logging.getLogger(__name__)


class CompiledQueries(SchemaExtension):
    """Answers a query with one Cypher statement per root field when it compiles (and
    `enabled`), and reports `extensions.cypherStatements` on either path."""

    def __init__(
        self, *, enabled: bool = True, plans: CompiledPlans | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.enabled = enabled
        self.plans = plans

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
                if compiled.compiled:
                    key = _plan_key(ctx.query, ctx.operation_name, ctx.variables)
                    given = _handed_over.get()
                    outcomes = given[1] if given is not None and given[0] == key else None
                    ctx.result = await _execute(compiled, ctx, outcomes)
                    if self.plans is not None and key is not None and not ctx.result.errors:
                        # answered without an error: the fast path may answer it next time
                        self.plans.put(key, compiled)
        yield

    def get_results(self) -> dict[str, Any]:
        reader = getattr(self.execution_context.context, "reader", None)
        return {"cypherStatements": reader.round_trips} if reader is not None else {}


async def _execute(
    compiled: CompiledOperation, ctx: Any, outcomes: dict[str, Any] | None = None
) -> ExecutionResult:
    """Compiled fields by their statements, the others by the resolvers, side by side.

    `outcomes`: what the fast path's statements returned or raised, by response key,
    reported here instead of running them again."""
    runs: list[Awaitable[Any]] = [
        _run(f, ctx.context, _NONE if outcomes is None else outcomes.get(f.response_key, _NONE))
        for f in compiled.compiled
    ]
    rest = compiled.left_to_resolvers
    if rest:
        runs.append(_resolve(compiled.operation, rest, ctx))
    values = await asyncio.gather(*runs)
    by_key = {f.response_key: v for f, v in zip(compiled.compiled, values, strict=False)}
    resolved: ExecutionResult | None = values[-1] if rest else None
    return _execution_result(compiled, by_key, resolved)


async def _resolve(
    operation: OperationDefinitionNode, fields: tuple[ResolverField, ...], ctx: Any
) -> ExecutionResult:
    """graphql-core's execution of the same operation reduced to the given root fields."""
    reduced = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=operation.directives,
        selection_set=SelectionSetNode(
            selections=tuple(node for f in fields for node in f.field_nodes)
        ),
    )
    fragments = tuple(
        d for d in ctx.graphql_document.definitions if isinstance(d, FragmentDefinitionNode)
    )
    result = execute(
        ctx.schema._schema,
        DocumentNode(definitions=(reduced, *fragments)),
        root_value=ctx.root_value,
        context_value=ctx.context,
        variable_values=ctx.variables,
        operation_name=ctx.operation_name,
    )
    return await result if isawaitable(result) else result


#: No outcome handed over for this field: run its statement.
_NONE = object()


async def _run(compiled: CompiledField, context: Any, outcome: Any = _NONE) -> Any:
    """The field's response value, or the exception its statement raised."""
    if compiled.cypher is None:
        return compiled.finish([])
    reader = context.reader
    reader.round_trips += 1
    try:
        if isinstance(outcome, BaseException):
            raise outcome
        if outcome is not _NONE:
            records = outcome
        elif context.async_driver is not None:
            records = await fetch(
                context.async_driver, reader.database, reader.timeout_seconds, compiled
            )
        else:
            records = await asyncio.to_thread(
                _read, reader.driver, reader.database, reader.timeout_seconds, compiled
            )
        return compiled.finish(records)
    except Exception as error:  # noqa: BLE001 - reported as a field error
        # driver failures speak to the client (503 when the database is down); the rest masked
        as_client_error = getattr(context, "as_client_error", None)
        client_error = as_client_error(error) if as_client_error is not None else None
        if client_error is not None:
            client_error.__cause__ = error
        return client_error or error


def _read(driver: Any, database: str, timeout: float, compiled: CompiledField) -> list[Any]:
    records, _, _ = driver.execute_query(
        Query(cast(LiteralString, compiled.cypher), timeout=timeout),
        compiled.params,
        routing_=RoutingControl.READ,
        database_=database,
    )
    return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]


async def fetch(driver: Any, database: str, timeout: float, compiled: CompiledField) -> list[Any]:
    """The records of a compiled field's statement, on the async driver.

    One auto-commit read first: RUN and PULL in one round trip, where a managed
    transaction (`execute_query`) adds BEGIN and COMMIT (a 1 ms statement cost 4 ms that
    way, 1.7 ms this way). An error the driver would retry (a lost connection, a
    transient database error) runs the statement again as a managed transaction, which
    retries for KG_READ_RETRY_SECONDS as every read of the API does; any other error is
    the statement's own (a timeout, a bug) and is raised.
    """
    if compiled.cypher is None:
        return []
    query = Query(cast(LiteralString, compiled.cypher), timeout=timeout)
    try:
        async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            result = await session.run(query, compiled.params)
            return [_row(record) async for record in result]
    except Exception as error:
        if not _retryable(error):
            raise
    records, _, _ = await driver.execute_query(
        query, compiled.params, routing_=RoutingControl.READ, database_=database
    )
    return [_row(record) for record in records]


def _row(record: Any) -> dict[str, Any]:
    return dict(zip(record.keys(), record.values(), strict=True))


def _retryable(error: Exception) -> bool:
    """What the driver's managed transactions retry: lost connections, transient errors."""
    if isinstance(error, DriverError | Neo4jError):
        return error.is_retryable()
    return False


def _execution_result(
    compiled: CompiledOperation, values: dict[str, Any], resolved: ExecutionResult | None
) -> ExecutionResult:
    """The response data in selection order; a failed statement nulls its field (and the
    whole data when that field is non-null), as graphql-core would."""
    data: dict[str, Any] | None = {}
    errors: list[GraphQLError] = []
    for field in compiled.fields:
        key = field.response_key
        if isinstance(field, ResolverField):
            assert resolved is not None
            if resolved.data is None:  # a non-null root field failed there
                data = None
            elif data is not None:
                data[key] = resolved.data.get(key)
            continue
        value = values[key]
        if isinstance(value, Exception):
            errors.append(
                GraphQLError(
                    str(value),
                    nodes=list(field.field_nodes),
                    path=[key],
                    original_error=value,
                )
            )
            if not field.nullable:
                data = None
            elif data is not None:
                data[key] = None
        elif data is not None:
            data[key] = value
    if resolved is not None and resolved.errors:
        errors += resolved.errors
    return ExecutionResult(data=data, errors=errors or None)
