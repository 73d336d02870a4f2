"""Turn what a compiled statement returns into the response's JSON, field by field in order.

Why a shaper at all: Neo4j maps do not keep key order, a few values need the same
conversion the resolver path gives them (dates and date-times as ISO strings, cursors),
and `__typename` costs nothing to add here. A shaper is a tree of small closures built
once per query; running it is a dict comprehension per object, far below graphql-core's
per-field completion that the compiled path skips.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from api.graphql.types import convert_value
from graph.ontology import Property

#: Response value from a Cypher value.
Shape = Callable[[Any], Any]
#: Response value of one field from the Cypher map of its object.
Getter = Callable[[dict[str, Any]], Any]


def plain(key: str) -> Getter:
    return itemgetter(key)


def constant(value: Any) -> Getter:
    return lambda _: value


def nested(key: str, shape: Shape) -> Getter:
    return lambda row: shape(row[key])


def property_getter(key: str, prop: Property) -> Getter:
    """A node/relationship property: as stored, dates converted like the resolver path does."""
    if prop.type in ("date", "datetime"):

        def temporal(row: dict[str, Any]) -> Any:
            value = convert_value(prop, row[key])
            return None if value is None else value.isoformat()

        return temporal
    return itemgetter(key)


def object_shape(fields: list[tuple[str, Getter]]) -> Shape:
    """An object in selection order; None stays None (a missing node or document)."""

    def shape(row: dict[str, Any] | None) -> dict[str, Any] | None:
        if row is None:
            return None
        return {key: get(row) for key, get in fields}

    return shape


def list_shape(item: Shape) -> Shape:
    return lambda items: [item(x) for x in items]


def by_label_shape(label_key: str, shapes: dict[str, Shape]) -> Shape:
    """An abstract `Entity`: the statement tags each map with its label; pick that shape."""

    def shape(row: dict[str, Any] | None) -> Any:
        if row is None:
            return None
        return shapes[row[label_key]](row)

    return shape
