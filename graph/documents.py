"""Remove a document and exactly the facts that only it supported.

Every fact relationship lists its supporting documents in `docIds` (with the
sentence of each in `evidence`, same index). Removing a document takes its
entry out of those lists; a relationship left with no support goes, and so
does an entity no remaining document MENTIONS (with whatever it still touches).
Facts another document also supports keep that support.

Only relationships starting at an entity the document MENTIONS are visited:
the writer guarantees that both ends of every fact are mentioned by each
document that supports it, so nothing else can carry the document's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import neo4j

from graph import ontology
from graph.validation import DOCUMENT_LABEL

_KEY, _DOC_IDS, _EVIDENCE = ontology.KEY, ontology.DOC_IDS, ontology.EVIDENCE

# Evidence is rebuilt before docIds shrinks (it needs the old positions); reading
# r's lists on the right-hand side of SET makes Cypher lock r before the read.
_REMOVE_SUPPORT = f"""
MATCH (:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[:MENTIONS]->()-[r]->()
WHERE $docId IN r.{_DOC_IDS}
SET r.{_EVIDENCE} = [i IN range(0, size(r.{_DOC_IDS}) - 1)
                      WHERE r.{_DOC_IDS}[i] <> $docId | r.{_EVIDENCE}[i]]
SET r.{_DOC_IDS} = [x IN r.{_DOC_IDS} WHERE x <> $docId]
WITH r, size(r.{_DOC_IDS}) = 0 AS unsupported
FOREACH (_ IN CASE WHEN unsupported THEN [1] ELSE [] END | DELETE r)
RETURN count(CASE WHEN NOT unsupported THEN 1 END) AS kept
"""

_DELETE_ORPHANS = f"""
MATCH (d:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[:MENTIONS]->(e)
WHERE NOT EXISTS {{
  MATCH (e)<-[:MENTIONS]-(other:{DOCUMENT_LABEL}) WHERE other.{_KEY} <> $docId
}}
DETACH DELETE e
"""

_DELETE_DOCUMENT = f"MATCH (d:{DOCUMENT_LABEL} {{{_KEY}: $docId}}) DETACH DELETE d"

_FIND = f"""
MATCH (d:{DOCUMENT_LABEL}) WHERE d.{_KEY} = $key OR d.source = $key
RETURN d.{_KEY} AS id ORDER BY id
"""


class DocumentNotFound(LookupError):
    """No document has the given id or source."""

    def __init__(self, id_or_source: str) -> None:
        self.id_or_source = id_or_source
        super().__init__(f"no document with id or source {id_or_source!r}")


@dataclass
class DeleteResult:
    """What deleting documents did to the graph."""

    document_ids: list[str] = field(default_factory=list)
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    #: Fact relationships that lost this support but stay, backed by other documents.
    facts_kept: int = 0

    def merge(self, other: DeleteResult) -> None:
        self.document_ids += other.document_ids
        self.nodes_deleted += other.nodes_deleted
        self.relationships_deleted += other.relationships_deleted
        self.facts_kept += other.facts_kept


def remove_document(tx: neo4j.ManagedTransaction, doc_id: str) -> DeleteResult:
    """Inside a transaction: remove document `doc_id`, its sole-supported facts and orphans."""
    result = DeleteResult(document_ids=[doc_id])
    support = tx.run(_REMOVE_SUPPORT, docId=doc_id)
    result.facts_kept = support.single(strict=True)["kept"]
    summaries = [support.consume()]
    summaries += [tx.run(q, docId=doc_id).consume() for q in (_DELETE_ORPHANS, _DELETE_DOCUMENT)]
    for summary in summaries:
        result.nodes_deleted += summary.counters.nodes_deleted
        result.relationships_deleted += summary.counters.relationships_deleted
    return result


def _delete_tx(tx: neo4j.ManagedTransaction, id_or_source: str) -> DeleteResult:
    ids = [record["id"] for record in tx.run(_FIND, key=id_or_source)]
    if not ids:
        raise DocumentNotFound(id_or_source)
    total = DeleteResult()
    for doc_id in ids:
        total.merge(remove_document(tx, doc_id))
    return total


def delete_document(driver: neo4j.Driver, database: str, id_or_source: str) -> DeleteResult:
    """Delete the document whose id or source is `id_or_source`, in one transaction.

    Raises DocumentNotFound when no document matches (nothing is changed).
    """
    with driver.session(database=database) as session:
        return session.execute_write(_delete_tx, id_or_source)
