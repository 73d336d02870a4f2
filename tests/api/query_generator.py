"""Random but valid GraphQL queries over the whole read schema, for the differential test.

Why our own generator: it walks the real schema (every type, relationship field, edge,
evidence and the `Entity` interface), so the compiled path is exercised on everything a
client can ask, and it draws argument values from the graph itself (ids, names, aliases in
other cases, substrings, cursors of real rows) so that filters and pages return rows rather
than nothing. Aliases, repeated fields, named and inline fragments, @include/@skip (literal
and variable), `__typename`, counts and a few deliberate client errors are mixed in.
Seeded: the same seed gives the same queries.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
)

from api.graphql.naming import fields_of, filter_name, root_list, root_single
from api.graphql.pagination import encode_cursor
from graph.ontology import ENTITY_LABELS, NODE_TYPES, Phase


@dataclass(frozen=True)
class GraphValues:
    """What the graph holds, to pick realistic argument values from."""

    ids: dict[str, list[str]]  # label -> ids
    names: dict[str, list[str]]  # label -> names and aliases (titles for documents)
    sources: list[str]
    sort_keys: dict[str, list[tuple[str, str]]]  # label -> (sort key, id) of every node

    @classmethod
    def read(cls, driver: Any, database: str) -> GraphValues:
        ids: dict[str, list[str]] = {n.label: [] for n in NODE_TYPES}
        names: dict[str, list[str]] = {n.label: [] for n in NODE_TYPES}
        keys: dict[str, list[tuple[str, str]]] = {n.label: [] for n in NODE_TYPES}
        sources: list[str] = []
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN labels(n) AS labels, properties(n) AS p", database_=database
        )
        for record in records:
            props = record["p"]
            for label in record["labels"]:
                if label not in ids:
                    continue
                ids[label].append(props["id"])
                if label == "Document":
                    names[label] += [props.get("title") or ""]
                    sources.append(props["source"])
                    key = props.get("title") or props.get("source") or ""
                else:
                    names[label] += [props["name"], *(props.get("aliases") or [])]
                    key = props.get("name") or ""
                keys[label].append((key, props["id"]))
        return cls(ids, names, sources, keys)


Draw = Callable[[], Any]


@dataclass
class _Query:
    """One query under construction: its fragments and variables (drawn anew per use)."""

    rng: random.Random
    fragments: dict[str, str] = field(default_factory=dict)
    variables: dict[str, Draw] = field(default_factory=dict)
    variable_types: dict[str, str] = field(default_factory=dict)
    aliases: int = 0

    def variable(self, gql_type: str, draw: Draw) -> str:
        name = f"v{len(self.variables)}"
        self.variables[name] = draw
        self.variable_types[name] = gql_type
        return f"${name}"


@dataclass(frozen=True)
class Template:
    """A query text and a way to draw values for its variables.

    Why templates: every value is a Cypher parameter, so one text means one Cypher plan;
    drawing many variable sets per text keeps Neo4j's planning (slow for new text) out of
    the way while the values (filters, ids, cursors, page sizes, @skip) still vary.
    """

    text: str
    draws: dict[str, Draw]

    def variables(self) -> dict[str, Any]:
        return {name: draw() for name, draw in self.draws.items()}


class QueryGenerator:
    """`template()` returns a query with variables to draw; both paths must answer alike."""

    def __init__(self, schema: GraphQLSchema, values: GraphValues, seed: int) -> None:
        self.schema = schema
        self.values = values
        self.rng = random.Random(seed)
        # Its own stream: drawing document orders leaves every other draw of a seed as it was.
        self.order_rng = random.Random(seed + 1)

    # -- whole queries ------------------------------------------------------------------

    def generate(self) -> tuple[str, dict[str, Any]]:
        """One query and one draw of its variables."""
        template = self.template()
        return template.text, template.variables()

    def template(self) -> Template:
        q = _Query(self.rng)
        roots = [self.root_field(q) for _ in range(self.rng.choice((1, 1, 1, 2, 3)))]
        if self.rng.random() < 0.08:  # a resolver-only root field beside compiled ones
            roots.append(self.search_field(q))
        if self.rng.random() < 0.05:
            roots.append("__typename")
        header = ""
        if q.variables:
            header = "query(" + ", ".join(f"${k}: {t}" for k, t in q.variable_types.items()) + ")"
        text = header + " { " + " ".join(roots) + " }"
        text += "".join(f" {body}" for body in q.fragments.values())
        return Template(text, q.variables)

    def root_field(self, q: _Query) -> str:
        rng = self.rng
        label = rng.choice([n.label for n in NODE_TYPES])
        query_type = self.schema.query_type
        assert query_type is not None
        alias = f"r{q.aliases}: "
        q.aliases += 1
        if rng.random() < 0.35:
            name = root_single(label)
            args = self.single_args(q, label)
            node_type = self.object(label)
            return f"{alias}{name}{args} {{ {self.selection(q, node_type, depth=0)} }}"
        name = root_list(label)
        args = self.list_args(q, label)
        conn = get_named_type(query_type.fields[name].type)
        assert isinstance(conn, GraphQLObjectType)
        return f"{alias}{name}{args} {{ {self.connection(q, conn, label)} }}"

    def search_field(self, q: _Query) -> str:
        label = self.rng.choice(ENTITY_LABELS)
        text = self._string(q, "String!", lambda: self.pick_name(label))
        alias = f"s{q.aliases}: "
        q.aliases += 1
        return f"{alias}search(query: {text}, first: 3) {{ match node {{ __typename name }} }}"

    # -- arguments ----------------------------------------------------------------------

    def pick_name(self, label: str) -> str:
        rng = self.rng
        names = self.values.names[label] or ["nothing"]
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.15:
            return name.upper()
        if roll < 0.25:
            return name.lower()
        if roll < 0.30:
            return "no such " + label
        return name

    def pick_related_value(self, label: str) -> str:
        rng = self.rng
        if label not in self.values.ids:  # `Entity`: any entity type
            label = rng.choice(ENTITY_LABELS)
        if rng.random() < 0.4 and self.values.ids.get(label):
            return rng.choice(self.values.ids[label])
        return self.pick_name(label)

    def single_args(self, q: _Query, label: str) -> str:
        rng = self.rng
        by = "source" if label == "Document" else "name"
        roll = rng.random()
        if roll < 0.03:
            return ""  # neither: a client error on both paths
        if roll < 0.4 and self.values.ids[label]:
            ids = self.values.ids[label]
            return f"(id: {self._string(q, 'ID', lambda: rng.choice([*ids, 'missing:id']))})"
        if by == "source":
            sources = self.values.sources or ["none"]
            return f"(source: {self._string(q, 'String', lambda: rng.choice(sources))})"
        return f"(name: {self._string(q, 'String', lambda: self.pick_name(label))})"

    def list_args(self, q: _Query, label: str) -> str:
        rng = self.rng
        args: list[str] = []
        filter_parts = self.filter_fields(label)
        if filter_parts and rng.random() < 0.5:
            if rng.random() < 0.3:
                draw = lambda: self.filter_fields(label)  # noqa: E731
                args.append(f"filter: {q.variable(f'{label}Filter', draw)}")
            else:
                inner = ", ".join(f"{k}: {_literal(v)}" for k, v in filter_parts.items())
                args.append(f"filter: {{{inner}}}")
        if rng.random() < 0.4:
            args.append(f"orderBy: {rng.choice(['NAME_ASC', 'NAME_DESC'])}")
        if rng.random() < 0.7:
            # 101 is above the cap: a client error on both paths.
            sizes = [0, 1, 1, 2, 2, 3, 5, 20] * 6 + [101]
            args.append(f"first: {self._int(q, lambda: rng.choice(sizes))}")
        if rng.random() < 0.3:
            args.append(f"after: {self._string(q, 'String', lambda: self.cursor(label))}")
        return f"({', '.join(args)})" if args else ""

    def filter_fields(self, label: str) -> dict[str, Any]:
        rng = self.rng
        filter_type = self.schema.get_type(f"{label}Filter")
        assert filter_type is not None
        out: dict[str, Any] = {}
        for name in filter_type.fields:  # type: ignore[attr-defined]
            if rng.random() > 0.25:
                continue
            if name == "nameContains":
                source = rng.choice(self.values.names[label] or ["x"])
                start = rng.randrange(max(len(source), 1))
                out[name] = source[start : start + rng.randint(1, 4)] or "a"
            elif name == "nameStartsWith":
                out[name] = rng.choice(self.values.names[label] or ["x"])[: rng.randint(1, 3)]
            elif name == "phase":
                out[name] = rng.choice(list(Phase)).value
            else:
                other = self._filter_target(label, name)
                out[name] = self.pick_related_value(other)
        return out

    def _filter_target(self, label: str, name: str) -> str:
        """The label a relationship filter points at."""
        for rel_field in fields_of(label):
            if filter_name(rel_field) == name:
                return rel_field.other
        raise AssertionError(f"{label}Filter.{name} is not a relationship filter")

    def cursor(self, label: str) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            return "not-a-cursor"  # a client error on both paths
        keys = self.values.sort_keys[label]
        if not keys:
            return encode_cursor("", "none")
        return encode_cursor(*rng.choice(keys))

    def _string(self, q: _Query, gql_type: str, draw: Draw) -> str:
        """Mostly a variable (redrawn per use), sometimes a literal fixed in the text."""
        return q.variable(gql_type, draw) if self.rng.random() < 0.8 else json.dumps(draw())

    def _int(self, q: _Query, draw: Draw) -> str:
        return q.variable("Int", draw) if self.rng.random() < 0.7 else str(draw())

    # -- selections ---------------------------------------------------------------------

    def object(self, name: str) -> GraphQLObjectType:
        found = self.schema.get_type(name)
        assert isinstance(found, GraphQLObjectType)
        return found

    def connection(self, q: _Query, conn: GraphQLObjectType, label: str) -> str:
        rng = self.rng
        parts: list[str] = []
        if rng.random() < 0.35:
            parts.append("totalCount")
        if rng.random() < 0.4:
            page_info = rng.sample(["hasNextPage", "endCursor", "__typename"], rng.randint(1, 3))
            parts.append("pageInfo { " + " ".join(page_info) + " }")
        if rng.random() < 0.8 or not parts:
            edge_parts = []
            if rng.random() < 0.4:
                edge_parts.append("cursor")
            node = self.selection(q, self.object(label), depth=0)
            edge_parts.append(f"node {{ {node} }}")
            if rng.random() < 0.1:
                edge_parts.append(f"n2: node {{ {self.selection(q, self.object(label), 2)} }}")
            parts.append("edges { " + " ".join(edge_parts) + " }")
        if rng.random() < 0.1:
            parts.append("__typename")
        rng.shuffle(parts)
        return " ".join(parts)

    def selection(self, q: _Query, gql_type: GraphQLObjectType, depth: int) -> str:
        """Fields of an object type: some scalars, maybe relationships, maybe fragments."""
        rng = self.rng
        leaves = [n for n, f in gql_type.fields.items() if is_leaf_type(get_named_type(f.type))]
        nested = [n for n, f in gql_type.fields.items() if n not in leaves]
        chosen = rng.sample(leaves, rng.randint(1, min(3, len(leaves))))
        parts = [name + self.directive(q) for name in chosen]
        if rng.random() < 0.1:
            parts.append(f"a{q.aliases}: {rng.choice(leaves)}")
            q.aliases += 1
        if rng.random() < 0.15:
            parts.append("__typename")
        if depth < 2:
            budget = rng.choice((0, 1, 1, 2)) if depth > 0 else rng.choice((0, 1, 2, 3))
            for name in rng.sample(nested, min(budget, len(nested))):
                parts.append(self.nested_field(q, name, gql_type.fields[name], depth))
        if rng.random() < 0.1:
            parts.append(self.fragment(q, gql_type, depth))
        return " ".join(parts)

    def nested_field(self, q: _Query, name: str, field_def: GraphQLField, depth: int) -> str:
        rng = self.rng
        target = get_named_type(field_def.type)
        args = ""
        if "first" in field_def.args and rng.random() < 0.6:
            # No negative `first` here: on the resolver path, an error raised under a list
            # while sibling resolvers share a dataloader can cancel them (CancelledError
            # escapes graphql-core); test_compiler.py checks the nested error on its own.
            sizes = [0, 1, 2, 3, 100]
            args = f"(first: {self._int(q, lambda: rng.choice(sizes))})"
        if "orderBy" in field_def.args and self.order_rng.random() < 0.5:  # fields to documents
            order = f"orderBy: {self.order_rng.choice(['TITLE', 'NEWEST'])}"
            args = f"({args[1:-1]}, {order})" if args else f"({order})"
        prefix = ""
        if rng.random() < 0.1:
            prefix = f"x{q.aliases}: "
            q.aliases += 1
        if isinstance(target, GraphQLInterfaceType):
            body = self.interface_selection(q, target, depth)
        else:
            assert isinstance(target, GraphQLObjectType)
            body = self.edge_or_object(q, target, depth)
        return f"{prefix}{name}{args}{self.directive(q)} {{ {body} }}"

    def edge_or_object(self, q: _Query, gql_type: GraphQLObjectType, depth: int) -> str:
        """An edge (node + relationship properties + evidence) or an Evidence/Document."""
        rng = self.rng
        if "node" not in gql_type.fields:
            return self.selection(q, gql_type, depth + 1)
        parts: list[str] = []
        node_type = get_named_type(gql_type.fields["node"].type)
        if isinstance(node_type, GraphQLInterfaceType):
            parts.append(f"node {{ {self.interface_selection(q, node_type, depth + 1)} }}")
        else:
            assert isinstance(node_type, GraphQLObjectType)
            parts.append(f"node {{ {self.selection(q, node_type, depth + 1)} }}")
        for extra in gql_type.fields:
            if extra == "node" or rng.random() > 0.3:
                continue
            if extra == "evidence":
                parts.append(f"evidence {{ {self.selection(q, self.object('Evidence'), 3)} }}")
                if rng.random() < 0.3:
                    parts[-1] = (
                        "evidence { sentence document { title "
                        f"{self.selection(q, self.object('Document'), depth + 2)} }} }}"
                    )
            else:
                parts.append(extra)
        if rng.random() < 0.1:
            parts.append("__typename")
        rng.shuffle(parts)
        return " ".join(parts)

    def interface_selection(self, q: _Query, iface: GraphQLInterfaceType, depth: int) -> str:
        rng = self.rng
        parts = [rng.choice(["id", "name", "aliases", "__typename"])]
        for label in rng.sample(ENTITY_LABELS, rng.randint(0, 3)):
            parts.append(f"... on {label} {{ {self.selection(q, self.object(label), depth + 1)} }}")
        return " ".join(parts)

    def fragment(self, q: _Query, gql_type: GraphQLObjectType, depth: int) -> str:
        rng = self.rng
        body = self.selection(q, gql_type, depth + 1)
        if rng.random() < 0.5:
            return f"... on {gql_type.name} {{ {body} }}"
        name = f"F{len(q.fragments)}"
        q.fragments[name] = f"fragment {name} on {gql_type.name} {{ {body} }}"
        return f"...{name}"

    def directive(self, q: _Query) -> str:
        """Usually nothing; sometimes ` @include(if: ...)` or ` @skip(if: ...)`."""
        rng = self.rng
        if rng.random() < 0.88:
            return ""
        which = rng.choice(["include", "skip"])
        flag = rng.random() < 0.5
        if rng.random() < 0.5:
            value = q.variable("Boolean!", lambda: rng.random() < 0.5)
        else:
            value = str(flag).lower()
        return f" @{which}(if: {value})"


def _literal(value: Any) -> str:
    """A GraphQL literal of a filter value (phases are enums, everything else a string)."""
    if isinstance(value, str) and value in Phase.__members__:
        return value
    return json.dumps(value)
