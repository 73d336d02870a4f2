"""Read-side Cypher for the API: every query batched by id lists, read-routed, time-limited.

Why one module: the API must cost a bounded number of round trips per request, so every
read here takes a list of ids (`UNWIND $ids`) and returns results keyed by id; callers
(the GraphQL dataloaders) never issue a query per row. Every read runs with routing READ
(cluster readers) and a transaction timeout, and every user value is a $parameter. Labels
and relationship types are pasted into Cypher only after checking them against the
ontology. This module knows nothing of GraphQL.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any, LiteralString, cast

from neo4j import Driver, Query, RoutingControl

from graph.ontology import (
    DOC_IDS,
    ENTITY_LABEL,
    ENTITY_LABELS,
    FACT,
    FACT_RELATIONSHIP_TYPES,
    FULLTEXT_INDEX,
    KEY,
    NAME_KEY_LABEL,
    NAMES,
    NODE_TYPES,
    NODE_TYPES_BY_LABEL,
    SUPPORTS,
    name_key,
    node_type,
    relationship_type,
)

#: Longest path `shortest_path` will look for; deeper searches get expensive fast.
MAX_PATH_HOPS = 6

#: Evidence items returned with each relationship of a path (newest first).
PATH_EVIDENCE = 10

#: Key of the evidence rows `shortest_path` adds to each relationship's props.
EVIDENCE_ROWS = "_evidenceRows"

Row = dict[str, Any]


@dataclass(frozen=True)
class RelatedFilter:
    """Keep nodes with a `rel_type` relationship (in `direction`) to a node matching `value`.

    `value` matches the other node's id, or its name or an alias (case-insensitive).
    """

    rel_type: str
    direction: str  # "out" (node is the start) or "in" (node is the end)
    value: str


@dataclass(frozen=True)
class NodeFilter:
    """Filters of a node list; all given conditions must hold."""

    name_contains: str | None = None
    name_starts_with: str | None = None
    phase: str | None = None
    related: tuple[RelatedFilter, ...] = ()


@dataclass(frozen=True)
class PageRequest:
    """A keyset page: rows after (`after_key`, `after_id`) in the chosen order."""

    limit: int
    descending: bool = False
    after_key: str | None = None
    after_id: str | None = None


def _checked_label(label: str) -> str:
    if label == ENTITY_LABEL:
        return label
    return node_type(label).label


def _checked_rel(rel_type: str) -> str:
    return relationship_type(rel_type).type


def sort_key_expression(label: str) -> str:
    """The Cypher expression lists are ordered by: an entity's name, a document's title."""
    if label == "Document":
        return "coalesce(n.title, n.source, '')"
    return "coalesce(n.name, '')"


#: Orders of a relationship field's nodes: by name (documents: title, source), or newest
#: first (documents: publication date, undated last); ties by id either way.
BY_NAME = "NAME"
NEWEST = "NEWEST"


def neighbour_order(var: str, order: str = BY_NAME) -> str:
    """The ORDER BY items of related nodes `var` (both API paths use this one rule).

    NEWEST orders by the ISO date string ('' when undated, so last), as evidence is.
    """
    if order == BY_NAME:
        return f"coalesce({var}.name, {var}.title, {var}.source, ''), {var}.{KEY}"
    if order == NEWEST:
        return f"coalesce(toString({var}.publishedAt), '') DESC, {var}.{KEY}"
    raise ValueError(f"order must be {BY_NAME!r} or {NEWEST!r}, not {order!r}")


#: Every node property name of the model: the only names a projection may paste in.
_NODE_PROPERTIES = frozenset(p.name for n in NODE_TYPES for p in n.properties)


def _projection(var: str, properties: tuple[str, ...]) -> str:
    """`var {.id, .a, .b}`: only these properties of a node (model names only, id always)."""
    names = dict.fromkeys((KEY, *properties))
    unknown = set(names) - _NODE_PROPERTIES
    if unknown:
        raise ValueError(f"not properties of the model: {sorted(unknown)}")
    return f"{var} {{{', '.join('.' + name for name in names)}}}"


def _arrow(rel_type: str, direction: str, other: str = "m") -> str:
    """`-[r:REL]->(m)` or `<-[r:REL]-(m)` for a checked relationship type."""
    rel = _checked_rel(rel_type)
    if direction == "out":
        return f"-[r:{rel}]->({other})"
    if direction == "in":
        return f"<-[r:{rel}]-({other})"
    raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")


def matches_value(var: str, param: str) -> str:
    """Cypher test: node `var` has the id `$param`, or a name or alias equal to it ignoring case.

    The name test is an index seek on NameKey.key (`$<param>Key`, see `name_params`).
    """
    return (
        f"({var}.{KEY} = ${param} OR EXISTS {{ MATCH (:{NAME_KEY_LABEL} {{key: ${param}Key}})"
        f"-[:{NAMES}]->({var}) }})"
    )


def name_params(param: str, value: str) -> dict[str, str]:
    """The parameters `matches_value(var, param)` needs: the value and its folded key."""
    return {param: value, f"{param}Key": name_key(value)}


@dataclass(frozen=True)
class EvidenceAfter:
    """Keyset position in a fact's evidence: after (`day`, `document_id`), newest first."""

    day: str
    document_id: str


def _evidence_rows(fact: str, after: str, limit: str) -> str:
    """Cypher subquery body: `fact`'s evidence, newest first then by document id.

    Index seek on SUPPORTS.fact; the order key `day` is the ISO date ('' when unknown,
    so undated evidence comes last).
    """
    return (
        f"MATCH (d:Document)-[s:{SUPPORTS} {{{FACT}: {fact}}}]->() "
        "WITH d, s, coalesce(toString(s.publishedAt), '') AS day "
        f"WHERE {after} "
        f"RETURN d.{KEY} AS documentId, s.sentence AS sentence, s.rule AS rule, "
        "s.publishedAt AS publishedAt, day "
        f"ORDER BY day DESC, documentId LIMIT {limit}"
    )


@dataclass
class GraphReader:
    """All API reads against one database; counts its round trips (one per Cypher query)."""

    driver: Driver
    database: str
    timeout_seconds: float
    round_trips: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- plumbing -------------------------------------------------------------------------

    def _read(self, cypher: str, parameters: dict[str, Any]) -> list[Row]:
        """Run one read query (routing READ, with a timeout) and return its rows as dicts."""
        with self._lock:
            self.round_trips += 1
        records, _, _ = self.driver.execute_query(
            Query(cast(LiteralString, cypher), timeout=self.timeout_seconds),
            parameters,
            routing_=RoutingControl.READ,
            database_=self.database,
        )
        return [record.data() for record in records]

    # -- nodes ----------------------------------------------------------------------------

    def nodes_by_ids(self, label: str, ids: list[str]) -> dict[str, Row]:
        """Nodes of `label` by id: {id: {"props": {...}, "labels": [...]}} (missing ids absent)."""
        label = _checked_label(label)
        rows = self._read(
            f"UNWIND $ids AS id MATCH (n:{label} {{{KEY}: id}}) "
            "RETURN id, properties(n) AS props, labels(n) AS labels",
            {"ids": list(ids)},
        )
        return {row["id"]: {"props": row["props"], "labels": row["labels"]} for row in rows}

    def node_by_name(self, label: str, name: str) -> Row | None:
        """The node of `label` whose name or an alias is `name` (exact case preferred)."""
        label = _checked_label(label)
        rows = self._read(
            f"MATCH (:{NAME_KEY_LABEL} {{key: $key}})-[:{NAMES}]->(n:{label}) "
            "RETURN properties(n) AS props, labels(n) AS labels "
            "ORDER BY CASE WHEN n.name = $name THEN 0 WHEN $name IN coalesce(n.aliases, []) "
            "THEN 1 ELSE 2 END, n.name LIMIT 1",
            {"name": name, "key": name_key(name)},
        )
        return rows[0] if rows else None

    def document_by_source(self, source: str) -> Row | None:
        """The Document loaded from `source`, if any."""
        rows = self._read(
            "MATCH (n:Document {source: $source}) RETURN properties(n) AS props, "
            "labels(n) AS labels LIMIT 1",
            {"source": source},
        )
        return rows[0] if rows else None

    # -- lists ----------------------------------------------------------------------------

    def _where(self, label: str, node_filter: NodeFilter) -> tuple[list[str], dict[str, Any]]:
        # Lists of entities cover named nodes only (every entity has a name: the model's
        # invariant; only raw Cypher could break it), as the compiled path's lists do.
        clauses: list[str] = [] if label == "Document" else ["n.name IS NOT NULL"]
        params: dict[str, Any] = {}
        key = sort_key_expression(label)
        if node_filter.name_contains:
            clauses.append(f"toLower({key}) CONTAINS toLower($nameContains)")
            params["nameContains"] = node_filter.name_contains
        if node_filter.name_starts_with:
            clauses.append(f"toLower({key}) STARTS WITH toLower($nameStartsWith)")
            params["nameStartsWith"] = node_filter.name_starts_with
        if node_filter.phase:
            params["phase"] = node_filter.phase
            if label == "Trial":
                clauses.append("n.phase = $phase")
            elif label == "Drug":
                evaluates = _arrow("EVALUATES", "in", "t:Trial")
                clauses.append(
                    f"(n.highestPhase = $phase OR EXISTS {{ MATCH (n){evaluates} "
                    "WHERE t.phase = $phase })"
                )
            else:
                raise ValueError(f"{label} has no phase")
        for index, related in enumerate(node_filter.related):
            param = f"related{index}"
            params.update(name_params(param, related.value))
            arrow = _arrow(related.rel_type, related.direction)
            clauses.append(f"EXISTS {{ MATCH (n){arrow} WHERE {matches_value('m', param)} }}")
        return clauses, params

    def list_nodes(self, label: str, node_filter: NodeFilter, page: PageRequest) -> list[Row]:
        """One page of `label` nodes, ordered by name (or title) then id; rows carry `sortKey`."""
        label = _checked_label(label)
        clauses, params = self._where(label, node_filter)
        key = sort_key_expression(label)
        comparison = "<" if page.descending else ">"
        if page.after_id is not None:
            clauses.append(
                f"({key} {comparison} $afterKey OR ({key} = $afterKey "
                f"AND n.{KEY} {comparison} $afterId))"
            )
            params["afterKey"] = page.after_key or ""
            params["afterId"] = page.after_id
        where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
        order = "DESC" if page.descending else "ASC"
        params["limit"] = page.limit
        return self._read(
            f"MATCH (n:{label}) {where}"
            f"RETURN properties(n) AS props, labels(n) AS labels, {key} AS sortKey "
            f"ORDER BY sortKey {order}, n.{KEY} {order} LIMIT $limit",
            params,
        )

    def count_nodes(self, label: str, node_filter: NodeFilter) -> int:
        """How many `label` nodes pass the filter, counted in Neo4j (no rows loaded)."""
        label = _checked_label(label)
        clauses, params = self._where(label, node_filter)
        where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
        rows = self._read(f"MATCH (n:{label}) {where}RETURN count(n) AS total", params)
        return int(rows[0]["total"])

    # -- relationships --------------------------------------------------------------------

    def neighbours(
        self,
        label: str,
        rel_type: str,
        direction: str,
        ids: list[str],
        limit: int,
        order: str = BY_NAME,
        properties: tuple[str, ...] | None = None,
    ) -> dict[str, list[Row]]:
        """For each id, up to `limit` related nodes in `order` (see `neighbour_order`), with
        relationship props, in one query.

        Returns {id: [{"rel": {...}, "props": {...}, "labels": [...]}, ...]}. Each node's
        neighbours are ordered and cut inside a subquery, before anything is collected, and
        `properties` (checked names; the id always comes) projects only those of each
        neighbour: a hub's thousands of documents are not read whole (with their text) to
        return a page of them. None projects every property.
        """
        label = _checked_label(label)
        arrow = _arrow(rel_type, direction)
        props = "properties(m)" if properties is None else _projection("m", properties)
        rows = self._read(
            f"UNWIND $ids AS id MATCH (n:{label} {{{KEY}: id}}) "
            f"CALL (n) {{ MATCH (n){arrow} WITH r, m ORDER BY {neighbour_order('m', order)} "
            "LIMIT $limit "
            f"RETURN collect({{rel: properties(r), props: {props}, labels: labels(m), "
            f"start: startNode(r).{KEY}, end: endNode(r).{KEY}}}) AS items }} "
            "RETURN id, items",
            {"ids": list(ids), "limit": limit},
        )
        return {row["id"]: row["items"] for row in rows}

    def evidence(
        self, facts: list[str], limit: int, after: EvidenceAfter | None = None
    ) -> dict[str, list[Row]]:
        """For each fact key, up to `limit` evidence rows newest first, in one query.

        Rows: documentId, sentence, rule, publishedAt, day (the cursor's sort key).
        """
        condition = "$afterId IS NULL OR day < $afterDay OR (day = $afterDay AND d.id > $afterId)"
        rows = self._read(
            "UNWIND $facts AS fact CALL (fact) { "
            + _evidence_rows("fact", condition, "$limit")
            + " } RETURN fact, documentId, sentence, rule, publishedAt, day",
            {
                "facts": list(facts),
                "limit": limit,
                "afterDay": after.day if after else None,
                "afterId": after.document_id if after else None,
            },
        )
        found: dict[str, list[Row]] = {}
        for row in rows:
            found.setdefault(row.pop("fact"), []).append(row)
        return found

    # -- search ---------------------------------------------------------------------------

    def search(self, text: str, labels: list[str], limit: int) -> list[Row]:
        """Entities whose name or alias matches `text`: exact first, then prefix, then fuzzy.

        The full-text index finds candidates (with the user text escaped for Lucene); the
        rank is then decided here on the stored name/aliases, Lucene score breaking ties.
        """
        labels = [_checked_label(label) for label in labels] or list(ENTITY_LABELS)
        lucene = lucene_query(text)
        if lucene is None:
            return []
        rows = self._read(
            "CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $candidates}) "
            "YIELD node, score "
            "WHERE any(l IN labels(node) WHERE l IN $labels) "
            "WITH node, score, [node.name] + coalesce(node.aliases, []) AS names "
            "WITH node, score, [x IN names WHERE x IS NOT NULL | toLower(x)] AS names "
            "WITH node, score, CASE "
            "  WHEN toLower($text) IN names THEN 0 "
            "  WHEN any(x IN names WHERE x STARTS WITH toLower($text)) THEN 1 "
            "  ELSE 2 END AS tier "
            "RETURN properties(node) AS props, labels(node) AS labels, score, tier "
            "ORDER BY tier, score DESC, node.name LIMIT $limit",
            {
                "index": FULLTEXT_INDEX,
                "lucene": lucene,
                "candidates": max(limit * 5, 50),
                "labels": labels,
                "text": text.strip(),
                "limit": limit,
            },
        )
        return rows

    # -- paths ----------------------------------------------------------------------------

    def shortest_path(self, start: str, end: str, max_hops: int) -> Row | None:
        """The shortest path over fact relationships between two entities (id, name or alias).

        Returns {"nodes": [{"props", "labels"}], "relationships": [{"type", "start", "end",
        "props"}]} or None when they are not connected within `max_hops`.
        """
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise ValueError(f"max_hops must be between 1 and {MAX_PATH_HOPS}")
        types = "|".join(_checked_rel(t) for t in FACT_RELATIONSHIP_TYPES)
        hops = int(max_hops)

        def pick(var: str, param: str, keep: str = "") -> str:
            """The entity with id `$param`, else one named so: both index seeks."""
            found = f"{var}_found"
            return (
                f"CALL ({keep.rstrip(', ')}) {{ "
                f"MATCH ({found}:{ENTITY_LABEL} {{{KEY}: ${param}}}) RETURN {found}, 0 AS rank "
                f"UNION MATCH (:{NAME_KEY_LABEL} {{key: ${param}Key}})-[:{NAMES}]->"
                f"({found}:{ENTITY_LABEL}) "
                f"RETURN {found}, CASE WHEN {found}.name = ${param} THEN 1 ELSE 2 END AS rank }} "
                f"WITH {keep}{found} AS {var} ORDER BY rank, {var}.{KEY} LIMIT 1 "
            )

        rows = self._read(
            pick("a", "start")
            + pick("b", "end", keep="a, ")
            + "WITH a, b WHERE a <> b "
            + f"MATCH p = shortestPath((a)-[:{types}*..{hops}]-(b)) "
            "CALL (p) { UNWIND relationships(p) AS r "
            "WITH r, type(r) + '|' + startNode(r).id + '|' + endNode(r).id AS fact "
            "CALL (fact) { CALL (fact) { "
            + _evidence_rows("fact", "true", "$evidenceLimit")
            + " } RETURN collect({documentId: documentId, sentence: sentence, rule: rule, "
            "publishedAt: publishedAt}) AS evidence } "
            "RETURN collect({type: type(r), start: startNode(r).id, end: endNode(r).id, "
            "props: properties(r), evidence: evidence}) AS relationships } "
            "RETURN [x IN nodes(p) | {props: properties(x), labels: labels(x)}] AS nodes, "
            "relationships",
            {
                **name_params("start", start),
                **name_params("end", end),
                "evidenceLimit": PATH_EVIDENCE,
            },
        )
        if not rows:
            return None
        path = rows[0]
        for rel in path["relationships"]:  # path order: UNWIND and collect keep it
            props = rel["props"] = dict(rel.get("props") or {})
            if DOC_IDS not in props:  # a not yet migrated graph keeps its lists
                props[EVIDENCE_ROWS] = rel.pop("evidence")
        return path


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def escape_lucene(text: str) -> str:
    """Escape Lucene query syntax so user text is matched literally."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def lucene_query(text: str) -> str | None:
    """A Lucene query for `text`: the exact phrase (boosted), every term as a prefix, fuzzy.

    Returns None when the text has no searchable term.
    """
    terms = [escape_lucene(t) for t in re.findall(r"\w+", text.lower())]
    if not terms:
        return None
    phrase = escape_lucene(" ".join(re.findall(r"\w+", text.lower())))
    prefix = " AND ".join(f"{t}*" for t in terms)
    fuzzy = " AND ".join(f"{t}~" if len(t) > 3 else t for t in terms)
    return f'"{phrase}"^4 OR ({prefix})^2 OR ({fuzzy})'


def labels_of(row: Row) -> list[str]:
    """The model label of a node row (its labels minus `Entity`)."""
    return [label for label in row.get("labels", []) if label in NODE_TYPES_BY_LABEL]
