"""Compile each root field of a query into ONE Cypher statement plus a shaper of its result.

Why: the resolver path costs a round trip per field level and graphql-core's completion per
field and row; a compiled root field is one statement whose map projections return exactly
the selected fields, with every nested list ordered and cut (`LIMIT`) inside its own
COLLECT subquery, before anything is collected. The resolver path stays the reference:
anything this module does not handle raises `NotCompiled`, and the whole operation then
takes the resolver path, which also reports every client error (bad cursor, page size)
with its usual message. tests/api/test_compiler_differential.py holds the two paths equal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FieldDetailsList,
    collect_fields,
    collect_subfields,
)
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values

from api.graphql.compiler import cypher, shape
from api.graphql.compiler.cypher import Statement
from api.graphql.errors import UserError
from api.graphql.naming import RelationshipField, fields_of, root_list, root_single
from api.graphql.pagination import checked_page_size, decode_cursor, encode_cursor
from api.graphql.queries import to_node_filter
from graph.ontology import (
    DOC_IDS,
    ENTITY_LABEL,
    ENTITY_LABELS,
    EVIDENCE,
    FACT,
    KEY,
    NAME_KEY_LABEL,
    NAMES,
    NODE_TYPES,
    NODE_TYPES_BY_LABEL,
    SUPPORTS,
    Property,
    node_type,
    relationship_type,
)
from graph.reads import BY_NAME, name_params, neighbour_order

#: Key under which an abstract `Entity` map carries its label (not a response field).
LABEL_KEY = "__kg_label"

#: root field name -> (label, "single" | "list")
ROOT_FIELDS: dict[str, tuple[str, str]] = {
    **{root_single(n.label): (n.label, "single") for n in NODE_TYPES},
    **{root_list(n.label): (n.label, "list") for n in NODE_TYPES},
}


class NotCompiled(Exception):
    """This operation takes the resolver path; the message says why (for logs and tests)."""


@dataclass(frozen=True)
class CompiledField:
    """One root field: its statement (None when nothing needs the database) and shaper."""

    response_key: str
    field_nodes: tuple[FieldNode, ...]
    nullable: bool
    cypher: str | None
    params: dict[str, Any] = field(default_factory=dict)
    #: records of the statement -> the field's response value
    finish: Callable[[list[Any]], Any] = lambda _: None


@dataclass(frozen=True)
class ResolverField:
    """A root field left to the resolvers (search, path, introspection, a client error)."""

    response_key: str
    field_nodes: tuple[FieldNode, ...]
    reason: str


@dataclass(frozen=True)
class CompiledOperation:
    """The root fields in response order, each compiled or left to the resolvers."""

    operation: OperationDefinitionNode
    fields: tuple[CompiledField | ResolverField, ...]

    @property
    def compiled(self) -> tuple[CompiledField, ...]:
        return tuple(f for f in self.fields if isinstance(f, CompiledField))

    @property
    def left_to_resolvers(self) -> tuple[ResolverField, ...]:
        return tuple(f for f in self.fields if isinstance(f, ResolverField))


def compile_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    max_page_size: int,
) -> CompiledOperation:
    """Every root field of a validated query, compiled where the compiler covers it;
    raises NotCompiled when the operation is not a query or its variables do not resolve."""
    executor = Executor.build(
        schema, document, raw_variable_values=variables, operation_name=operation_name
    )
    if isinstance(executor, list):
        raise NotCompiled("variables or operation do not resolve")
    if executor.operation.operation != OperationType.QUERY:
        raise NotCompiled("not a query")
    walk = _Walk(schema, executor, max_page_size)
    root = schema.query_type
    assert root is not None
    grouped = collect_fields(
        schema, executor.fragments, executor.variable_values, root, executor.operation
    ).grouped_field_set
    fields: list[CompiledField | ResolverField] = []
    for key, fdl in grouped.items():
        try:
            fields.append(walk.root(key, fdl))
        except (NotCompiled, UserError) as why:  # a client error: the resolvers word it
            fields.append(ResolverField(key, tuple(d.node for d in fdl), str(why)))
    return CompiledOperation(executor.operation, tuple(fields))


class _Walk:
    """Walks one operation's selections; methods return Cypher expressions and shapers."""

    def __init__(self, schema: GraphQLSchema, executor: Executor, max_page_size: int) -> None:
        self.schema = schema
        self.executor = executor
        self.cap = max_page_size

    # -- selections -------------------------------------------------------------------

    def subfields(self, gql_type: GraphQLObjectType, fdl: FieldDetailsList) -> dict[str, Any]:
        """{response key: field details} of the selections on `gql_type` (fragments,
        @include/@skip and repeated fields resolved by graphql-core itself)."""
        return collect_subfields(
            self.schema,
            self.executor.fragments,
            self.executor.variable_values,
            self.executor.operation,
            gql_type,
            fdl,
        ).grouped_field_set

    def arguments(self, field_def: GraphQLField, details: FieldDetails) -> dict[str, Any]:
        return get_argument_values(
            field_def,
            details.node,
            self.executor.variable_values,
            details.fragment_variable_values,
        )

    def object_type(self, name: str) -> GraphQLObjectType:
        found = self.schema.get_type(name)
        assert isinstance(found, GraphQLObjectType), name
        return found

    # -- root fields ------------------------------------------------------------------

    def root(self, key: str, fdl: FieldDetailsList) -> CompiledField:
        name = fdl[0].node.name.value
        nodes = tuple(d.node for d in fdl)
        if name == "__typename":
            return CompiledField(key, nodes, False, None, finish=lambda _: "Query")
        if name not in ROOT_FIELDS:
            raise NotCompiled(f"root field {name} has no compiler")
        label, kind = ROOT_FIELDS[name]
        query_type = self.schema.query_type
        assert query_type is not None
        field_def = query_type.fields[name]
        nullable = not is_non_null_type(field_def.type)
        if kind == "single":
            return self.single(key, nodes, nullable, label, field_def, fdl)
        return self.connection(key, nodes, nullable, label, field_def, fdl)

    def single(
        self,
        key: str,
        nodes: tuple[FieldNode, ...],
        nullable: bool,
        label: str,
        field_def: GraphQLField,
        fdl: FieldDetailsList,
    ) -> CompiledField:
        """`drug(id:|name:)`, `document(id:|source:)`: as `_single_resolver`, in one statement."""
        args = self.arguments(field_def, fdl[0])
        by = "source" if label == "Document" else "name"
        node_id, value = args.get("id"), args.get(by)
        if (node_id is None) == (value is None):
            raise NotCompiled(f"give exactly one of `id` or `{by}`")
        stmt = Statement()
        lbl = cypher.checked_label(label)
        projection, node_shape = self.node(stmt, label, "n", fdl)
        if node_id is not None:
            match = f"MATCH (n:{lbl} {{{KEY}: {stmt.param(str(node_id))}}}) WITH n LIMIT 1"
        elif by == "source":
            match = f"MATCH (n:{lbl} {{source: {stmt.param(value)}}}) WITH n LIMIT 1"
        else:
            # as GraphReader.node_by_name: an index seek on the folded name, then exact case
            # (name, then alias) preferred
            name = f"p{len(stmt.params)}"
            stmt.params.update(name_params(name, value))
            match = (
                f"MATCH (:{NAME_KEY_LABEL} {{key: ${name}Key}})-[:{NAMES}]->(n:{lbl}) "
                f"WITH n ORDER BY CASE WHEN n.name = ${name} THEN 0 "
                f"WHEN ${name} IN coalesce(n.aliases, []) THEN 1 ELSE 2 END, n.name LIMIT 1"
            )

        def finish(records: list[Any]) -> Any:
            return node_shape(records[0]["node"]) if records else None

        return CompiledField(
            key, nodes, nullable, f"{match} RETURN {projection} AS node", stmt.params, finish
        )

    def connection(
        self,
        key: str,
        nodes: tuple[FieldNode, ...],
        nullable: bool,
        label: str,
        field_def: GraphQLField,
        fdl: FieldDetailsList,
    ) -> CompiledField:
        """`drugs(filter:, orderBy:, first:, after:)`: page and count in one statement.

        The page reads `first + 1` nodes in keyset order (the extra one only says whether
        more follows) and projects only the first `first`; `totalCount` is a COUNT
        subquery, and a count alone runs no page at all.
        """
        args = self.arguments(field_def, fdl[0])
        size = checked_page_size(args.get("first"), self.cap)
        after = args.get("after")
        after_key, after_id = decode_cursor(after) if after else (None, None)
        given = args.get("filter")
        node_filter = to_node_filter(
            node_type(label), SimpleNamespace(**given) if given is not None else None
        )
        order = args.get("orderBy")
        descending = getattr(order, "value", order) == "NAME_DESC"

        conn_type = get_named_type(field_def.type)
        assert isinstance(conn_type, GraphQLObjectType)
        stmt = Statement()
        returns: list[str] = []
        getters: list[tuple[str, shape.Getter]] = []
        page_needed = cursors_needed = counted = False
        node_projections: list[str] = []
        for out_key, sub in self.subfields(conn_type, fdl).items():
            name = sub[0].node.name.value
            if name == "__typename":
                getters.append((out_key, shape.constant(conn_type.name)))
            elif name == "totalCount":
                if not counted:  # one COUNT however many aliases ask for it
                    c = stmt.variable("c")
                    matching = cypher.matching_nodes(stmt, label, c, node_filter)
                    returns.append(f"COUNT {{ {matching} RETURN {c} }} AS total")
                    counted = True
                getters.append((out_key, shape.plain("total")))
            elif name == "edges":
                page_needed = True
                edge_type = get_named_type(conn_type.fields["edges"].type)
                assert isinstance(edge_type, GraphQLObjectType)
                edge_getters: list[tuple[str, shape.Getter]] = []
                for edge_key, edge_sub in self.subfields(edge_type, sub).items():
                    edge_name = edge_sub[0].node.name.value
                    if edge_name == "__typename":
                        edge_getters.append((edge_key, shape.constant(edge_type.name)))
                    elif edge_name == "cursor":
                        cursors_needed = True
                        edge_getters.append((edge_key, shape.plain("cursor")))
                    elif edge_name == "node":
                        # Each selection of `node` (under any alias) gets its own projection.
                        projection, node_shape = self.node(stmt, label, "n", edge_sub)
                        slot = stmt.variable("node")
                        node_projections.append(f"{slot}: {projection}")
                        edge_getters.append((edge_key, shape.nested(slot, node_shape)))
                    else:
                        raise NotCompiled(f"{edge_type.name}.{edge_name}")
                getters.append((out_key, _edges_getter(edge_getters)))
            elif name == "pageInfo":
                page_needed = True
                info_type = get_named_type(conn_type.fields["pageInfo"].type)
                assert isinstance(info_type, GraphQLObjectType)
                info_getters: list[tuple[str, shape.Getter]] = []
                for info_key, info_sub in self.subfields(info_type, sub).items():
                    info_name = info_sub[0].node.name.value
                    if info_name == "__typename":
                        info_getters.append((info_key, shape.constant(info_type.name)))
                    elif info_name == "hasNextPage":
                        info_getters.append((info_key, shape.plain("more")))
                    elif info_name == "endCursor":
                        cursors_needed = True
                        info_getters.append((info_key, _end_cursor))
                    else:
                        raise NotCompiled(f"PageInfo.{info_name}")
                getters.append((out_key, shape.object_shape(info_getters)))
            else:
                raise NotCompiled(f"{conn_type.name}.{name}")

        head = ""
        if page_needed:
            key_expr = cypher.sort_key(label, "n")
            comparison, direction = ("<", "DESC") if descending else (">", "ASC")
            pk = pi = ""
            if after_id is not None:
                pk, pi = stmt.param(after_key or ""), stmt.param(after_id)

            def after_cursor(var: str) -> tuple[str, ...]:
                if after_id is None:
                    return ()
                key = cypher.sort_key(label, var)
                after = (
                    f"({key} {comparison} {pk} OR ({key} = {pk} AND {var}.{KEY} {comparison} {pi}))"
                )
                if label == "Document":
                    return (after,)
                # implied by `after` on named nodes (the only ones listed), and a range the
                # planner can seek in the name index: a later page starts at its key
                return (f"{var}.name {comparison}= {pk}", after)

            psize, plimit = stmt.param(size), stmt.param(size + 1)
            matching = cypher.matching_nodes(stmt, label, "n", node_filter, after_cursor("n"))
            if label == "Document" or node_filter.related:
                # few nodes (anchored at a filter's entity), or no name keys (documents)
                head = (
                    f"{matching} WITH n ORDER BY {key_expr} {direction}, n.{KEY} {direction} "
                    f"LIMIT {plimit} WITH collect(n) AS page "
                )
            else:
                head = _page_by_name(stmt, label, matching, node_filter, after_cursor, direction)
                head = head.replace("$LIMIT", plimit)
            returns.insert(0, f"size(page) > {psize} AS more")
            # the sort key and id only make cursors: read them when a cursor is asked for
            cursor_keys = [f"sk: {key_expr}", f"id: n.{KEY}"] if cursors_needed else []
            returns.insert(
                1,
                f"[n IN page[..{psize}] | {_map([*cursor_keys, *node_projections])}] AS rows",
            )
        statement = f"{head}RETURN {', '.join(returns)}" if returns else None
        connection_shape = shape.object_shape(getters)

        def finish(records: list[Any]) -> Any:
            if not records:
                return connection_shape({})
            return connection_shape(_with_cursors(records[0]) if cursors_needed else records[0])

        return CompiledField(key, nodes, nullable, statement, stmt.params, finish)

    # -- nodes and relationships ------------------------------------------------------

    def node(
        self, stmt: Statement, label: str, var: str, fdl: FieldDetailsList
    ) -> tuple[str, shape.Shape]:
        """Map projection of node `var` of `label` (or any entity) and its shaper."""
        if label == ENTITY_LABEL:
            return self.entity(stmt, var, fdl)
        entries, getters = self.node_entries(stmt, label, var, fdl)
        return _map(entries), shape.object_shape(getters)

    def node_entries(
        self, stmt: Statement, label: str, var: str, fdl: FieldDetailsList
    ) -> tuple[list[str], list[tuple[str, shape.Getter]]]:
        gql_type = self.object_type(label)
        props = {p.name: p for p in NODE_TYPES_BY_LABEL[label].properties}
        rel_fields = {f.name: f for f in fields_of(label)}
        entries: list[str] = []
        getters: list[tuple[str, shape.Getter]] = []
        for key, sub in self.subfields(gql_type, fdl).items():
            name = sub[0].node.name.value
            if name == "__typename":
                getters.append((key, shape.constant(label)))
            elif name in props:
                prop = props[name]
                expr = f"{var}.{prop.name}"
                if prop.type.endswith("[]"):
                    expr = f"coalesce({expr}, [])"
                entries.append(f"`{key}`: {expr}")
                getters.append((key, shape.property_getter(key, prop)))
            elif name in rel_fields:
                field_def = gql_type.fields[name]
                expr, rel_shape = self.relationship(stmt, rel_fields[name], var, field_def, sub)
                entries.append(f"`{key}`: {expr}")
                getters.append((key, shape.nested(key, rel_shape)))
            else:
                raise NotCompiled(f"{label}.{name}")
        return entries, getters

    def entity(self, stmt: Statement, var: str, fdl: FieldDetailsList) -> tuple[str, shape.Shape]:
        """An `Entity` node: one projection per concrete label, chosen by the node's first
        model label (as `labels_of` picks it on the resolver path)."""
        branches: list[str] = []
        shapes: dict[str, shape.Shape] = {}
        for label in ENTITY_LABELS:
            entries, getters = self.node_entries(stmt, label, var, fdl)
            p = stmt.param(label)
            entries.append(f"`{LABEL_KEY}`: {p}")
            branches.append(f"WHEN {p} THEN {_map(entries)}")
            shapes[label] = shape.object_shape(getters)
        labels = stmt.param(list(NODE_TYPES_BY_LABEL))
        expr = f"CASE head([l IN labels({var}) WHERE l IN {labels}]) {' '.join(branches)} END"
        return expr, shape.by_label_shape(LABEL_KEY, shapes)

    def relationship(
        self,
        stmt: Statement,
        rel_field: RelationshipField,
        var: str,
        field_def: GraphQLField,
        fdl: FieldDetailsList,
    ) -> tuple[str, shape.Shape]:
        """A relationship field: a COLLECT subquery in its order (by name, or a field to
        documents by `orderBy`), cut to `first` inside the subquery."""
        args = self.arguments(field_def, fdl[0])
        first = args.get("first")
        if first is not None and (first < 0 or first > self.cap):
            raise NotCompiled(f"first={first} on {rel_field.name}")
        given_order = args.get("orderBy")  # only fields to documents have one
        order = getattr(given_order, "value", given_order) or BY_NAME
        limit = self.cap if first is None else first
        edge_type = get_named_type(field_def.type)
        assert isinstance(edge_type, GraphQLObjectType)
        r, m = stmt.variable("r"), stmt.variable("m")
        rel = relationship_type(rel_field.rel_type)
        rel_props = {p.name: p for p in rel.properties if p.name not in (DOC_IDS, EVIDENCE)}
        entries: list[str] = []
        getters: list[tuple[str, shape.Getter]] = []
        for key, sub in self.subfields(edge_type, fdl).items():
            name = sub[0].node.name.value
            if name == "__typename":
                getters.append((key, shape.constant(edge_type.name)))
            elif name == "node":
                expr, node_shape = self.node(stmt, rel_field.other, m, sub)
                entries.append(f"`{key}`: {expr}")
                getters.append((key, shape.nested(key, node_shape)))
            elif name in rel_props:
                entries.append(f"`{key}`: {r}.{rel_props[name].name}")
                getters.append((key, shape.property_getter(key, rel_props[name])))
            elif name == "evidence" and rel.has_provenance:
                expr, evidence_shape = self.evidence(stmt, rel.type, r, edge_type.fields[name], sub)
                entries.append(f"`{key}`: {expr}")
                getters.append((key, shape.nested(key, evidence_shape)))
            else:
                raise NotCompiled(f"{edge_type.name}.{name}")
        step = cypher.arrow(rel_field.rel_type, rel_field.direction, r, m)
        expr = (
            f"COLLECT {{ MATCH ({var}){step} WITH {r}, {m} "
            f"ORDER BY {neighbour_order(m, order)} LIMIT {stmt.param(limit)} "
            f"RETURN {_map(entries)} }}"
        )
        return expr, shape.list_shape(shape.object_shape(getters))

    def evidence(
        self,
        stmt: Statement,
        rel_type: str,
        r: str,
        field_def: GraphQLField,
        fdl: FieldDetailsList,
    ) -> tuple[str, shape.Shape]:
        """`evidence(first, after)` of relationship `r`: its SUPPORTS records newest first,
        read by an index seek on SUPPORTS.fact inside the statement (as graph/reads.py does);
        a fact not yet migrated still shows its index-aligned `docIds`/`evidence` lists."""
        args = self.arguments(field_def, fdl[0])
        first = args.get("first")
        if first is not None and (first < 0 or first > self.cap):
            raise NotCompiled(f"first={first} on evidence")  # the resolver's user error
        try:
            after_day, after_id = decode_cursor(args["after"]) if args.get("after") else ("", None)
        except UserError as why:
            raise NotCompiled(f"evidence cursor: {why}") from None
        limit = stmt.param(self.cap if first is None else first)
        evidence_type = get_named_type(field_def.type)
        assert isinstance(evidence_type, GraphQLObjectType)
        d, s_, day = stmt.variable("d"), stmt.variable("s"), stmt.variable("day")
        entries = [f"documentId: {d}.{KEY}"]  # and `day`, the cursor's key, when asked
        legacy = [f"documentId: {r}.{DOC_IDS}[i]"]
        getters: list[tuple[str, shape.Getter]] = []
        record_fields = {"sentence": "sentence", "publishedAt": "publishedAt", "rule": "rule"}
        for key, sub in self.subfields(evidence_type, fdl).items():
            name = sub[0].node.name.value
            if name == "__typename":
                getters.append((key, shape.constant(evidence_type.name)))
            elif name == "documentId":
                getters.append((key, shape.plain("documentId")))
            elif name in record_fields:
                entries.append(f"`{key}`: {s_}.{record_fields[name]}")
                value = f"{r}.{EVIDENCE}[i]" if name == "sentence" else "null"
                legacy.append(f"`{key}`: {value}")
                getters.append((key, shape.property_getter(key, _EVIDENCE_PROPS[name])))
            elif name == "cursor":
                if f"day: {day}" not in entries:  # a hub's thousands of items: only if asked
                    entries.append(f"day: {day}")
                    legacy.append("day: null")
                getters.append((key, _evidence_cursor))
            elif name == "document":
                doc = stmt.variable("doc")
                expr, doc_shape = self.node(stmt, "Document", doc, sub)
                match = f"MATCH ({doc}:Document {{{KEY}: "
                found = f"}}) RETURN {expr} }})"
                entries.append(f"`{key}`: head(COLLECT {{ {match}{d}.{KEY}{found}")
                legacy.append(f"`{key}`: head(COLLECT {{ {match}{r}.{DOC_IDS}[i]{found}")
                getters.append((key, shape.nested(key, doc_shape)))
            else:
                raise NotCompiled(f"Evidence.{name}")
        fact = f"{stmt.param(rel_type + '|')} + startNode({r}).{KEY} + '|' + endNode({r}).{KEY}"
        after = (
            f"{stmt.param(after_id)} IS NULL OR {day} < {stmt.param(after_day)} "
            f"OR ({day} = {stmt.param(after_day)} AND {d}.{KEY} > {stmt.param(after_id)})"
        )
        legacy_expr = ", ".join(legacy)
        expr = (
            f"CASE WHEN {r}.{DOC_IDS} IS NOT NULL "
            f"THEN [i IN range(0, size({r}.{DOC_IDS}) - 1) | {{{legacy_expr}}}][..{limit}] "
            f"ELSE COLLECT {{ MATCH ({d}:Document)-[{s_}:{SUPPORTS} {{{FACT}: {fact}}}]->() "
            f"WITH {d}, {s_}, coalesce(toString({s_}.publishedAt), '') AS {day} "
            f"WHERE {after} WITH {d}, {s_}, {day} ORDER BY {day} DESC, {d}.{KEY} LIMIT {limit} "
            f"RETURN {_map(entries)} }} END"
        )
        return expr, shape.list_shape(shape.object_shape(getters))


#: Evidence item fields read from a SUPPORTS record, with their types for the response.
_EVIDENCE_PROPS = {
    "sentence": Property("sentence", "string", ""),
    "publishedAt": Property("publishedAt", "date", ""),
    "rule": Property("rule", "string", ""),
}


def _evidence_cursor(item: dict[str, Any]) -> str | None:
    """The `after` value of an evidence item; legacy list items have none."""
    day = item.get("day")
    return encode_cursor(day, item["documentId"]) if day is not None else None


# -- connection helpers ------------------------------------------------------------------


def _page_by_name(
    stmt: Statement,
    label: str,
    matching: str,
    node_filter: Any,
    after_cursor: Callable[[str], tuple[str, ...]],
    direction: str,
) -> str:
    """Clauses binding `page` to the first $LIMIT nodes of `matching` (variable `n`) by
    (name, id), reading only each node's name on the way.

    Why: ordering a whole label by two keys reads both properties of every node, and
    Neo4j's slotted runtime pays most of a page's time there (50 drugs of 4,000: 12 ms of
    a 19 ms statement). A top-N by name alone finds the page but for ties at its last name;
    the nodes tied there are found by that last node's NameKey (every node with the same
    name shares it), or, when the last name is blank (no name key), by a seek of the
    label's name index, which only runs in that case. Then the few candidates are ordered
    by (name, id).

    `matching` keeps named nodes only (`n.name IS NOT NULL`: every entity has a name, see
    cypher.filter_clauses), so the first step orders by `n.name` itself rather than by
    `coalesce(n.name, '')`: the planner then reads the label's name index in order
    (NodeIndexScan with provided order) and stops after $LIMIT nodes, instead of reading
    every node's name (about 2 db hits a node). Both keys are equal on named nodes.
    """
    key = cypher.sort_key(label, "n")
    lbl = cypher.checked_label(label)
    k, top, edge, last, m = (stmt.variable(v) for v in ("k", "top", "edge", "last", "m"))
    tests = [*cypher.filter_clauses(stmt, label, m, node_filter), *after_cursor(m)]
    extra = "".join(f" AND {t}" for t in tests)
    blank = (
        f"COLLECT {{ MATCH ({m}:{lbl}) WHERE {m}.name = {edge} "
        f"AND NOT {m} IN {top}{extra} RETURN {m} }}"
    )
    named = (
        f"COLLECT {{ MATCH ({last})<-[:{NAMES}]-(:{NAME_KEY_LABEL})-[:{NAMES}]->({m}:{lbl}) "
        f"WHERE {m}.name = {edge} AND NOT {m} IN {top}{extra} RETURN DISTINCT {m} }}"
    )
    return (
        f"{matching} WITH n, n.name AS {k} ORDER BY {k} {direction} LIMIT $LIMIT "
        f"WITH collect(n) AS {top}, collect({k})[-1] AS {edge} "
        f"WITH {top}, {edge}, {top}[-1] AS {last} "
        f"UNWIND {top} + CASE WHEN trim({edge}) = '' THEN {blank} ELSE {named} END AS n "
        f"WITH n ORDER BY {key} {direction}, n.{KEY} {direction} LIMIT $LIMIT "
        "WITH collect(n) AS page "
    )


def _map(entries: list[str]) -> str:
    return "{" + ", ".join(entries) + "}"


def _end_cursor(record: dict[str, Any]) -> str | None:
    rows = record.get("rows") or []
    return rows[-1]["cursor"] if rows else None


def _edges_getter(edge_getters: list[tuple[str, Callable[[dict[str, Any]], Any]]]) -> Any:
    edge_shape = shape.object_shape(edge_getters)
    return lambda record: [edge_shape(row) for row in record["rows"]]


def _with_cursors(record: Any) -> dict[str, Any]:
    """The page record with each row's cursor (needed by `cursor` and `endCursor`)."""
    out = dict(record)
    rows = out.get("rows")
    if rows is not None:
        out["rows"] = [dict(row, cursor=encode_cursor(row["sk"], row["id"])) for row in rows]
    return out
