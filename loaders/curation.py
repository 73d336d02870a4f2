"""Curation actions end to end: decide, change the graph now, and rebuild what needs it.

Why here (above graph/): two actions cannot be done by editing the graph alone. A split must
know which documents used which name of a node, and an undo must give back what a decision
took away (an absorbed node, a rejected fact, an alias). Both rebuild: the documents that
mention the nodes involved are re-extracted (from their source file when it is at hand, else
from the text the Document keeps) and written again, in the same transaction as the decision,
with the decisions then in force. Merge, alias and reject change the graph directly
(graph/merge.py, graph/curation.py); all of them are replayed on every later write.

A document from a structured record (ClinicalTrials.gov, PubMed authors: facts with no
extraction rule) cannot be rebuilt from its rendered text; it is rebuilt from its record when
the record's file is given (`sources`), else the action stops with an error naming it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import neo4j

from config.settings import Settings
from graph.curation import (
    CurationError,
    LoggedDecision,
    active_decisions,
    canonical_ids,
    delete_fact,
    documents_mentioning,
    enforce,
    entity_exists,
    find_entity,
    find_fact,
    list_decisions,
    mark_undone,
    new_decision_id,
    record_decision,
    set_names,
)
from graph.curation_rules import Decision
from graph.documents import remove_document
from graph.extraction_model import Extraction, ExtractionError, parse_extraction
from graph.ontology import (
    CURATION_LABEL,
    DOCUMENT_LABEL,
    KEY,
    SUPPORTS,
    CurationAction,
    name_key,
    relationship_type,
)
from graph.writer import build_rows, write_batch_rows
from loaders.sources import SourceError, SourceText, iter_sources

__all__ = [
    "CurationError",
    "CurationOutcome",
    "alias_add",
    "alias_remove",
    "curation_log",
    "describe",
    "enforce_all",
    "merge",
    "reject",
    "split",
    "undo",
]


@dataclass(frozen=True)
class CurationOutcome:
    """What a curation action did: the decision it wrote (or undid) and the documents rebuilt."""

    decision: Decision
    summary: str
    documents_rebuilt: int = 0


def describe(decision: Decision) -> str:
    """A decision's arguments in one line, as `kg curate log` prints them."""
    action = decision.action
    if action is CurationAction.MERGE:
        return f"{decision.label} {', '.join(decision.absorbed)} -> {decision.keep}"
    if action is CurationAction.SPLIT:
        names = ", ".join(repr(n) for n in decision.names)
        return f"{decision.label} {decision.nodes[0]} names {names} -> {decision.new_id}"
    if action in (CurationAction.ALIAS_ADD, CurationAction.ALIAS_REMOVE):
        return f"{decision.label} {decision.nodes[0]} {decision.names[0]!r}"
    return decision.fact or ""


def _write(driver: neo4j.Driver, settings: Settings, work: Any) -> Any:
    with driver.session(database=settings.neo4j_database) as session:
        return session.execute_write(work)


def _read(driver: neo4j.Driver, settings: Settings, work: Any) -> Any:
    with driver.session(database=settings.neo4j_database) as session:
        return session.execute_read(work)


# --------------------------------------------------------------------------- direct actions


def merge(
    driver: neo4j.Driver,
    settings: Settings,
    label: str,
    first: str,
    second: str,
    *,
    who: str,
    why: str | None = None,
) -> CurationOutcome:
    """Merge two `label` entities (ids or names) into one; the kept id is graph.merge's choice."""
    from graph.merge import merge_nodes

    def work(tx: neo4j.ManagedTransaction) -> CurationOutcome:
        a, b = find_entity(tx, label, first), find_entity(tx, label, second)
        if a.id == b.id:
            raise CurationError(f"{first!r} and {second!r} are the same node ({a.id})")
        result = merge_nodes(tx, label, [a.id, b.id])
        decision = Decision(
            id=new_decision_id(),
            action=CurationAction.MERGE,
            label=label,
            nodes=(result.kept, *result.absorbed),
            keep=result.kept,
            absorbed=tuple(result.absorbed),
        )
        record_decision(tx, decision, who, why)
        summary = (
            f"merged {', '.join(result.absorbed)} into {result.kept} "
            f"({result.relationships_moved} relationships moved)"
        )
        return CurationOutcome(decision, summary)

    return _write(driver, settings, work)


def alias_add(
    driver: neo4j.Driver,
    settings: Settings,
    label: str,
    node: str,
    alias: str,
    *,
    who: str,
    why: str | None = None,
) -> CurationOutcome:
    """Give an entity one more name (found by name lookups and search from now on)."""
    alias = " ".join(alias.split())
    if not alias:
        raise CurationError("an alias must not be blank")

    def work(tx: neo4j.ManagedTransaction) -> CurationOutcome:
        entity = find_entity(tx, label, node)
        if name_key(alias) in {name_key(n) for n in entity.names}:
            raise CurationError(f"{alias!r} is already a name of {entity.id}")
        set_names(tx, entity.id, [*entity.names, alias], added=[alias])
        decision = Decision(
            id=new_decision_id(),
            action=CurationAction.ALIAS_ADD,
            label=label,
            nodes=(entity.id,),
            names=(alias,),
        )
        record_decision(tx, decision, who, why)
        return CurationOutcome(decision, f"added alias {alias!r} to {entity.id}")

    return _write(driver, settings, work)


def alias_remove(
    driver: neo4j.Driver,
    settings: Settings,
    label: str,
    node: str,
    alias: str,
    *,
    who: str,
    why: str | None = None,
) -> CurationOutcome:
    """Take a name from an entity (any spelling that folds to it); its last name cannot go."""

    def work(tx: neo4j.ManagedTransaction) -> CurationOutcome:
        entity = find_entity(tx, label, node)
        kept = [n for n in entity.names if name_key(n) != name_key(alias)]
        if len(kept) == len(entity.names):
            raise CurationError(f"{alias!r} is not a name of {entity.id}: {list(entity.names)}")
        if not kept:
            raise CurationError(f"{alias!r} is the only name of {entity.id}; it cannot go")
        display = set_names(tx, entity.id, kept, dropped=[alias])
        decision = Decision(
            id=new_decision_id(),
            action=CurationAction.ALIAS_REMOVE,
            label=label,
            nodes=(entity.id,),
            names=(alias,),
            fallback_name=display,
        )
        record_decision(tx, decision, who, why)
        return CurationOutcome(decision, f"removed alias {alias!r} from {entity.id}")

    return _write(driver, settings, work)


def reject(
    driver: neo4j.Driver, settings: Settings, fact: str, *, who: str, why: str | None = None
) -> CurationOutcome:
    """Delete a wrong fact with its evidence; no later document can state it again."""

    def work(tx: neo4j.ManagedTransaction) -> CurationOutcome:
        found = find_fact(tx, fact)
        evidence = delete_fact(tx, found)
        decision = Decision(
            id=new_decision_id(),
            action=CurationAction.REJECT,
            label=relationship_type(found.type).start,
            nodes=(found.start, found.end),
            fact=found.key,
        )
        record_decision(tx, decision, who, why)
        return CurationOutcome(
            decision, f"rejected {found.key} ({evidence} evidence records removed)"
        )

    return _write(driver, settings, work)


# --------------------------------------------------------------------------- rebuilding


@dataclass(frozen=True)
class _Stored:
    id: str
    source: str
    text: str | None
    title: str | None
    published_at: str | None
    doi: str | None
    structured: bool


def _stored(tx: neo4j.ManagedTransaction, ids: Sequence[str]) -> list[_Stored]:
    records = tx.run(
        f"UNWIND $ids AS id MATCH (d:{DOCUMENT_LABEL} {{{KEY}: id}}) "
        f"RETURN d.{KEY} AS id, d.source AS source, d.text AS text, d.title AS title, "
        "d.publishedAt AS publishedAt, d.doi AS doi, "
        f"EXISTS {{ (d)-[s:{SUPPORTS}]->() WHERE s.rule IS NULL }} AS structured",
        ids=list(ids),
    )
    return [
        _Stored(
            r["id"],
            r["source"],
            r["text"],
            r["title"],
            r["publishedAt"].iso_format() if r["publishedAt"] is not None else None,
            r["doi"],
            r["structured"],
        )
        for r in records
    ]


class _Records:
    """Source records by document id, read from the given files and the documents' own files."""

    def __init__(self, settings: Settings, paths: Sequence[str]) -> None:
        self.max_bytes = settings.kg_max_document_bytes
        self.by_id: dict[str, SourceText] = {}
        self.read: set[str] = set()
        for path in paths:
            self._read(path)

    def _read(self, path: str) -> None:
        from loaders.extract.document import document_id

        if path in self.read:
            return
        self.read.add(path)
        for item in iter_sources([path], self.max_bytes):
            if not isinstance(item, SourceError):
                self.by_id.setdefault(document_id(item.text), item)

    def find(self, doc: _Stored) -> SourceText | None:
        if doc.id not in self.by_id:
            path = doc.source.partition("#")[0]
            if os.path.isfile(path):
                self._read(path)
        return self.by_id.get(doc.id)


def _extraction(doc: _Stored, records: _Records) -> Extraction:
    """The document extracted again: from its record when found, else from its stored text."""
    from loaders.source_extraction import extract_source

    item = records.find(doc)
    if item is None:
        if doc.structured or not doc.text:
            raise CurationError(
                f"document {doc.id} ({doc.source}) came from a structured record "
                "(ClinicalTrials.gov, PubMed) and cannot be re-extracted from its text; "
                "give its file with --sources"
            )
        item = SourceText(
            doc.source, doc.text, title=doc.title, published_at=doc.published_at, doi=doc.doi
        )
    extraction = extract_source(replace(item, source=doc.source))
    try:
        return parse_extraction(extraction)
    except ExtractionError as error:
        raise CurationError(f"document {doc.id} no longer extracts cleanly: {error}") from None


def _extractions(
    driver: neo4j.Driver,
    settings: Settings,
    doc_ids: Sequence[str],
    sources: Sequence[str],
    max_documents: int | None,
) -> list[Extraction]:
    if max_documents is not None and len(doc_ids) > max_documents:
        raise CurationError(
            f"this would re-extract {len(doc_ids)} documents, more than the limit of "
            f"{max_documents} here; run it with `kg curate`"
        )
    docs = _read(driver, settings, lambda tx: _stored(tx, doc_ids))
    records = _Records(settings, sources)
    return [_extraction(doc, records) for doc in docs]


def _rebuild(tx: neo4j.ManagedTransaction, extractions: list[Extraction]) -> None:
    """Inside a transaction: remove the documents and write them again (decisions replayed)."""
    for extraction in extractions:
        remove_document(tx, extraction.document.id)
    if extractions:
        write_batch_rows(tx, [build_rows(e) for e in extractions])


def split(
    driver: neo4j.Driver,
    settings: Settings,
    label: str,
    node: str,
    names: Sequence[str],
    *,
    who: str,
    why: str | None = None,
    sources: Sequence[str] = (),
    max_documents: int | None = None,
) -> CurationOutcome:
    """Move the given names of a node, and what the documents using them say, to a new node."""
    from loaders.extract.resolve import make_id

    wanted = {name_key(n) for n in names if n.strip()}
    if not wanted:
        raise CurationError("give at least one name to split off")
    decision_id = new_decision_id()

    def plan(tx: neo4j.ManagedTransaction) -> tuple[Decision, list[str]]:
        entity = find_entity(tx, label, node)
        own = {name_key(n): n for n in entity.names}
        unknown = sorted(wanted - set(own))
        if unknown:
            raise CurationError(f"not names of {entity.id}: {unknown}; it has {list(own.values())}")
        if wanted == set(own):
            raise CurationError(f"that is every name of {entity.id}; nothing would be left")
        moving = tuple(own[k] for k in sorted(wanted))
        new_id = make_id(label, max(moving, key=len))
        if new_id == entity.id or entity_exists(tx, new_id):
            new_id = f"{new_id}-{decision_id}"
        decision = Decision(
            id=decision_id,
            action=CurationAction.SPLIT,
            label=label,
            nodes=(entity.id,),
            names=moving,
            new_id=new_id,
        )
        return decision, documents_mentioning(tx, [entity.id])

    decision, doc_ids = _read(driver, settings, plan)
    extractions = _extractions(driver, settings, doc_ids, sources, max_documents)

    def work(tx: neo4j.ManagedTransaction) -> int:
        record_decision(tx, decision, who, why)
        _rebuild(tx, extractions)
        return len(documents_mentioning(tx, [decision.new_id or ""]))

    moved = _write(driver, settings, work)
    summary = (
        f"split {', '.join(map(repr, decision.names))} off {decision.nodes[0]} into "
        f"{decision.new_id}: {moved} of {len(doc_ids)} documents now name it"
    )
    return CurationOutcome(decision, summary, len(extractions))


def undo(
    driver: neo4j.Driver,
    settings: Settings,
    decision_id: str,
    *,
    who: str,
    sources: Sequence[str] = (),
    max_documents: int | None = None,
) -> CurationOutcome:
    """Make a decision inactive and rebuild the documents naming the nodes it touched."""

    def plan(tx: neo4j.ManagedTransaction) -> tuple[Decision, list[str]]:
        decisions = active_decisions(tx)
        decision = next((d for d in decisions if d.id == decision_id), None)
        if decision is None:
            logged = tx.run(
                f"MATCH (c:{CURATION_LABEL} {{{KEY}: $id}}) RETURN c.active AS active",
                id=decision_id,
            ).single()
            if logged is None:
                raise CurationError(f"no curation decision {decision_id!r}; see `kg curate log`")
            raise CurationError(f"decision {decision_id} is already undone")
        ids = canonical_ids(decisions, sorted(decision.ids()))
        all_of = decision.action is CurationAction.REJECT
        return decision, documents_mentioning(tx, ids, all_of=all_of)

    decision, doc_ids = _read(driver, settings, plan)
    extractions = _extractions(driver, settings, doc_ids, sources, max_documents)

    def work(tx: neo4j.ManagedTransaction) -> None:
        mark_undone(tx, decision_id, who)
        _rebuild(tx, extractions)

    _write(driver, settings, work)
    summary = (
        f"undid {decision.action.value} {describe(decision)}; {len(extractions)} documents rebuilt"
    )
    return CurationOutcome(decision, summary, len(extractions))


def enforce_all(driver: neo4j.Driver, settings: Settings) -> list[tuple[str, str]]:
    """Redo the graph edit of every active decision the graph no longer shows (after loads
    that were already writing when a decision was taken); returns what was repaired."""
    return _write(driver, settings, lambda tx: enforce(tx))


def curation_log(
    driver: neo4j.Driver, settings: Settings, limit: int = 1000, active_only: bool = False
) -> list[LoggedDecision]:
    """The newest decisions first, with who, when, why and whether they are still in force."""
    return list_decisions(driver, settings.neo4j_database, limit, active_only)
