"""`search` and `path`: find entities by name across types, and how two entities connect."""

# No `from __future__ import annotations`: strawberry reads the annotations.

import enum
import re
from typing import Annotated, Any, Optional

import strawberry
from strawberry import Info

from api.graphql.errors import UserError
from api.graphql.types import EntityInterface, EntityType, Evidence, build_node, evidence_of
from graph.ontology import ENTITY_LABELS, relationship_type
from graph.reads import MAX_PATH_HOPS, Row, labels_of

DEFAULT_SEARCH_SIZE = 10

#: Caps on `search` input. Why: each term becomes Lucene clauses (prefix and fuzzy), so a
#: 1 MB query ran for minutes and drove Neo4j out of heap; 512 words or one 1,001-character
#: word hit Lucene's clause and automaton limits. Names and aliases are far below these.
MAX_SEARCH_CHARS = 200
MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_CHARS = 50


def check_search_text(query: str) -> None:
    """Refuse search text the full-text index cannot answer cheaply, with a message saying why."""
    if not query.strip():
        raise UserError("query must not be empty")
    if len(query) > MAX_SEARCH_CHARS:
        raise UserError(
            f"search query too long: {len(query)} characters, at most {MAX_SEARCH_CHARS}"
        )
    terms = re.findall(r"\w+", query)
    if len(terms) > MAX_SEARCH_TERMS:
        raise UserError(f"search query has {len(terms)} words, at most {MAX_SEARCH_TERMS}")
    longest = max((len(term) for term in terms), default=0)
    if longest > MAX_SEARCH_TERM_CHARS:
        raise UserError(
            f"search query has a {longest}-character word, at most {MAX_SEARCH_TERM_CHARS}"
        )


@strawberry.enum(description="Why a search hit matched: exact name/alias, prefix, or fuzzy.")
class MatchKind(enum.Enum):
    EXACT = "EXACT"
    PREFIX = "PREFIX"
    FUZZY = "FUZZY"


_TIERS = {0: MatchKind.EXACT, 1: MatchKind.PREFIX, 2: MatchKind.FUZZY}


@strawberry.type(description="One search result, best first.")
class SearchHit:
    node: EntityInterface
    match: MatchKind
    score: float = strawberry.field(description="Full-text score (ties within a match kind).")


@strawberry.type(description="A fact relationship on a path, with its evidence.")
class PathRelationship:
    type: str
    start: EntityInterface
    end: EntityInterface
    action: Optional[str]  # noqa: UP045
    evidence: list[Evidence]


@strawberry.type(description="How two entities are connected: nodes and relationships in order.")
class Path:
    length: int
    nodes: list[EntityInterface]
    relationships: list[PathRelationship]


def _path_from_row(row: Row) -> Path:
    nodes = [build_node(n) for n in row["nodes"] if labels_of(n)]
    by_id = {node.id: node for node in nodes}
    relationships = []
    for rel in row["relationships"]:
        relationship_type(rel["type"])  # only model relationships are ever returned
        props = rel.get("props") or {}
        relationships.append(
            PathRelationship(
                type=rel["type"],
                start=by_id[rel["start"]],
                end=by_id[rel["end"]],
                action=props.get("action"),
                evidence=evidence_of(props),
            )
        )
    return Path(length=len(relationships), nodes=nodes, relationships=relationships)


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description=(
            "Entities whose name or an alias matches `query`, across types (or only `types`): "
            "exact name or alias first, then prefix matches, then fuzzy ones. `first` is at "
            f"most the server's page size cap; `query` at most {MAX_SEARCH_CHARS} characters, "
            f"{MAX_SEARCH_TERMS} words, {MAX_SEARCH_TERM_CHARS} characters a word."
        )
    )
    async def search(
        self,
        info: Info,
        query: str,
        types: Optional[list[EntityType]] = None,  # noqa: UP045
        first: int = DEFAULT_SEARCH_SIZE,
    ) -> list[SearchHit]:
        cap = info.context.settings.kg_max_page_size
        if not 0 <= first <= cap:
            raise UserError(f"page size too large: first={first} must be between 0 and {cap}")
        check_search_text(query)
        labels = [t.value for t in types] if types else list(ENTITY_LABELS)
        rows = await info.context.read(info.context.reader.search, query, labels, first)
        return [
            SearchHit(node=build_node(row), match=_TIERS[row["tier"]], score=row["score"])
            for row in rows
            if labels_of(row)
        ]

    @strawberry.field(
        description=(
            "The shortest chain of fact relationships between two entities, each given by id, "
            f"name or alias; null when none within `maxHops` (1 to {MAX_PATH_HOPS})."
        )
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from")],
        to: str,
        max_hops: int = 4,
    ) -> Optional[Path]:  # noqa: UP045
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise UserError(f"maxHops must be between 1 and {MAX_PATH_HOPS} (got {max_hops})")
        row: Any = await info.context.read(info.context.reader.shortest_path, from_, to, max_hops)
        return _path_from_row(row) if row else None
