"""Root query fields generated per label: one node by id or name, and a filtered page of nodes.

Why generated: every label of the ontology gets the same two entry points (`drug`/`drugs`,
`site`/`sites`, ...), with a filter input whose relationship filters come from the same
relationship fields as the nested ones, so the API grows with the model.
"""

# No `from __future__ import annotations`: strawberry reads the generated annotations.

import enum
from typing import Any, Optional

import strawberry
from strawberry import Info

from api.graphql.errors import UserError
from api.graphql.naming import (
    RelationshipField,
    fields_of,
    filter_name,
    root_list,
    root_single,
)
from api.graphql.pagination import checked_page_size, decode_cursor, encode_cursor
from api.graphql.types import NODE_CLASSES, PhaseEnum, build_node
from graph.ontology import KEY, NODE_TYPES, NodeType
from graph.reads import NodeFilter, PageRequest, RelatedFilter

#: Labels whose lists can be filtered by clinical phase.
PHASED_LABELS = ("Drug", "Trial")


@strawberry.enum(description="Order of a list: by name (documents: by title), then id.")
class NodeOrder(enum.Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"


@strawberry.type(description="Where a page ends and whether more follows.")
class PageInfo:
    has_next_page: bool
    end_cursor: Optional[str]  # noqa: UP045


FILTER_CLASSES: dict[str, type] = {}
CONNECTION_CLASSES: dict[str, type] = {}


def _filterable_fields(label: str) -> tuple[RelationshipField, ...]:
    """Relationship fields a list can be filtered by (all but MENTIONS), one rule for both uses."""
    return tuple(f for f in fields_of(label) if f.rel_type != "MENTIONS")


def _filter_class(node: NodeType) -> type:
    """`<Label>Filter`: name contains / starts with, phase, and one field per relationship."""
    annotations: dict[str, Any] = {
        "nameContains": Optional[str],  # noqa: UP045
        "nameStartsWith": Optional[str],  # noqa: UP045
    }
    what = "title" if node.label == "Document" else "name"
    namespace: dict[str, Any] = {
        "__annotations__": annotations,
        "nameContains": strawberry.field(
            default=None, description=f"The {what} contains this text (case-insensitive)."
        ),
        "nameStartsWith": strawberry.field(
            default=None, description=f"The {what} starts with this text (case-insensitive)."
        ),
    }
    if node.label in PHASED_LABELS:
        annotations["phase"] = Optional[PhaseEnum]  # noqa: UP045
        namespace["phase"] = strawberry.field(
            default=None,
            description=(
                "Trials in this phase; drugs with this highest phase or evaluated by a trial "
                "in this phase."
            ),
        )
    for field in _filterable_fields(node.label):
        name = filter_name(field)
        annotations[name] = Optional[str]  # noqa: UP045
        namespace[name] = strawberry.field(
            default=None,
            description=(
                f"Connected by {field.rel_type} (as in `{field.name}`) to the {field.other} "
                "with this id, name or alias (case-insensitive)."
            ),
        )
    cls = type(f"{node.label}Filter", (), namespace)
    return strawberry.input(cls, description=f"Filters of {root_list(node.label)}; all must hold.")


def to_node_filter(node: NodeType, given: Any) -> NodeFilter:
    """The read layer's filter from a GraphQL filter input."""
    if given is None:
        return NodeFilter()
    related = []
    for field in _filterable_fields(node.label):
        value = getattr(given, filter_name(field), None)
        if value is not None:
            related.append(RelatedFilter(field.rel_type, field.direction, value))
    phase = getattr(given, "phase", None)
    return NodeFilter(
        name_contains=given.nameContains or None,
        name_starts_with=given.nameStartsWith or None,
        phase=phase.value if phase is not None else None,
        related=tuple(related),
    )


def _connection_class(node: NodeType) -> type:
    """`<Label>Edge` and `<Label>Connection`, Relay style, with a lazily counted total."""
    node_cls = NODE_CLASSES[node.label]
    edge_cls = strawberry.type(
        type(
            f"{node.label}Edge",
            (),
            {
                "__annotations__": {"cursor": str, "node": node_cls},
                "cursor": strawberry.field(description="Pass as `after` to get the next page."),
                "node": strawberry.field(description=f"A {node.label}."),
            },
        ),
        description=f"One {node.label} of a page.",
    )

    async def total_count(self: Any, info: Info) -> int:
        return await info.context.read(info.context.reader.count_nodes, node.label, self.filter)

    total_count.__annotations__ = {"info": Info, "return": int}
    namespace = {
        "__annotations__": {
            "edges": list[edge_cls],
            "pageInfo": PageInfo,
            "filter": strawberry.Private[NodeFilter],
        },
        "edges": strawberry.field(description="The page's nodes with their cursors."),
        "pageInfo": strawberry.field(description="Whether more follows, and from where."),
        "totalCount": strawberry.field(
            resolver=total_count,
            description="All nodes that pass the filter (counted in Neo4j only when asked for).",
        ),
    }
    cls = type(f"{node.label}Connection", (), namespace)
    return strawberry.type(cls, description=f"A page of {root_list(node.label)}.")


def _single_resolver(node: NodeType) -> Any:
    by = "source" if node.label == "Document" else "name"

    async def resolve(self: Any, info: Info, **kwargs: Any) -> Any:
        node_id, key = kwargs.get("id"), kwargs.get(by)
        if (node_id is None) == (key is None):
            raise UserError(f"give exactly one of `id` or `{by}`")
        reader = info.context.reader
        if node_id is not None:
            row = await info.context.nodes(node.label).load(str(node_id))
        elif by == "source":
            row = await info.context.read(reader.document_by_source, key)
        else:
            row = await info.context.read(reader.node_by_name, node.label, key)
        return build_node(row, node.label) if row else None

    # strawberry reads the arguments from the signature: one explicit resolver per key.
    async def resolve_by_name(
        self: Any,
        info: Info,
        id: Optional[strawberry.ID] = None,  # noqa: A002, UP045
        name: Optional[str] = None,  # noqa: UP045
    ) -> Any:
        return await resolve(self, info, id=id, name=name)

    async def resolve_by_source(
        self: Any,
        info: Info,
        id: Optional[strawberry.ID] = None,  # noqa: A002, UP045
        source: Optional[str] = None,  # noqa: UP045
    ) -> Any:
        return await resolve(self, info, id=id, source=source)

    chosen = resolve_by_source if by == "source" else resolve_by_name
    chosen.__annotations__["return"] = Optional[NODE_CLASSES[node.label]]  # noqa: UP045
    return strawberry.field(
        resolver=chosen,
        name=root_single(node.label),
        description=(
            f"One {node.label} by `id` or by exact `{by}`"
            + (" or alias (exact case preferred)." if by == "name" else ".")
        ),
    )


def _list_resolver(node: NodeType) -> Any:
    filter_cls = FILTER_CLASSES[node.label]
    connection_cls = CONNECTION_CLASSES[node.label]
    edge_cls = connection_cls.__annotations__["edges"].__args__[0]

    async def resolve(
        self: Any,
        info: Info,
        filter: Optional[filter_cls] = None,  # noqa: A002, UP045
        orderBy: NodeOrder = NodeOrder.NAME_ASC,  # noqa: N803
        first: Optional[int] = None,  # noqa: UP045
        after: Optional[str] = None,  # noqa: UP045
    ) -> Any:
        size = checked_page_size(first, info.context.settings.kg_max_page_size)
        after_key, after_id = decode_cursor(after) if after else (None, None)
        node_filter = to_node_filter(node, filter)
        page = PageRequest(
            limit=size + 1,
            descending=orderBy == NodeOrder.NAME_DESC,
            after_key=after_key,
            after_id=after_id,
        )
        rows = await info.context.read(
            info.context.reader.list_nodes, node.label, node_filter, page
        )
        more = len(rows) > size
        rows = rows[:size]
        edges = [
            edge_cls(
                cursor=encode_cursor(row["sortKey"], row["props"][KEY]),
                node=build_node(row, node.label),
            )
            for row in rows
        ]
        return connection_cls(
            edges=edges,
            pageInfo=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
            filter=node_filter,
        )

    resolve.__annotations__.update(
        {
            "info": Info,
            "filter": Optional[filter_cls],  # noqa: UP045
            "orderBy": NodeOrder,
            "first": Optional[int],  # noqa: UP045
            "after": Optional[str],  # noqa: UP045
            "return": connection_cls,
        }
    )
    return strawberry.field(
        resolver=resolve,
        name=root_list(node.label),
        description=(
            f"A page of {root_list(node.label)}: filter, order, then `first` (default 20, at "
            "most the server's page size cap; larger is an error) after the cursor `after`."
        ),
    )


def root_fields() -> dict[str, Any]:
    """{python attribute name: strawberry field} for every label's two root fields."""
    fields: dict[str, Any] = {}
    for node in NODE_TYPES:
        FILTER_CLASSES[node.label] = _filter_class(node)
        CONNECTION_CLASSES[node.label] = _connection_class(node)
        fields[root_single(node.label)] = _single_resolver(node)
        fields[root_list(node.label)] = _list_resolver(node)
    return fields
