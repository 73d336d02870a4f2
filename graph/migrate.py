"""Bring an older graph to the current model in place, without a reload.

Three steps, each idempotent and each run in bounded transactions:

1. Provenance lists to evidence records (below).
2. Name keys: entities written before name lookups were indexed get their `keys`
   and `(:NameKey)-[:NAMES]->` links, folded in Python exactly as the writer does.
3. Name rules: when the rules that derive keys and join nodes change (a key rule in
   graph/keys.py, the strong-key rule in graph/resolution.py, a name lexicon in
   graph/data/), a graph written under the old ones holds nodes that today's writer would
   have joined. `names_outdated` compares the rules' fingerprint with the one the graph's
   `(:GraphState {id: 'names'})` records; `resolve_graph` then re-keys every entity and
   merges what now names one thing, and `record_names_current` stores the new fingerprint.

Provenance:

Before, every fact relationship carried index-aligned `docIds` / `evidence` lists.
Now each (document, fact) is one `(:Document)-[:SUPPORTS {fact, sentence}]->(start)`
and the fact keeps `supportCount`, `firstSeen`, `lastSeen`. This step turns the
first into the second, fact by fact, in transactions of bounded size, so a big
graph migrates without one huge transaction. It is idempotent: SUPPORTS are
MERGEd, and a fact loses its lists only once its records exist, so an interrupted
migration simply continues on the next run.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import neo4j

from graph import keys, ontology, resolution
from graph.keys import lookup_keys
from graph.ontology import DOCUMENT_LABEL

#: Facts per inner transaction: bounded memory and transaction-log size.
BATCH_FACTS = 1000


@dataclass
class MigrationResult:
    """How many fact relationships were moved to SUPPORTS records, and entities keyed."""

    facts: int = 0
    evidence: int = 0
    entities_keyed: int = 0


def _statement(rel_type: str) -> str:
    spec = ontology.relationship_type(rel_type)
    key, doc_ids, sentences = ontology.KEY, ontology.DOC_IDS, ontology.EVIDENCE
    return f"""
MATCH (a:`{spec.start}`)-[r:`{rel_type}`]->(b:`{spec.end}`)
WHERE r.`{doc_ids}` IS NOT NULL
CALL (a, r, b) {{
  WITH a, r, b, $type + '|' + a.{key} + '|' + b.{key} AS fact
  UNWIND range(0, size(r.`{doc_ids}`) - 1) AS i
  MATCH (d:{DOCUMENT_LABEL} {{{key}: r.`{doc_ids}`[i]}})
  MERGE (d)-[s:`{ontology.SUPPORTS}` {{`{ontology.FACT}`: fact}}]->(a)
  SET s.sentence = coalesce(r.`{sentences}`[i], ''), s.publishedAt = d.publishedAt
  WITH r, fact, count(*) AS written
  CALL (fact) {{
    MATCH ()-[o:`{ontology.SUPPORTS}` {{`{ontology.FACT}`: fact}}]->()
    RETURN count(o) AS support, min(o.publishedAt) AS first, max(o.publishedAt) AS last
  }}
  SET r.`{ontology.SUPPORT_COUNT}` = support, r.`{ontology.FIRST_SEEN}` = first,
      r.`{ontology.LAST_SEEN}` = last
  REMOVE r.`{doc_ids}`, r.`{sentences}`
  RETURN written
}} IN TRANSACTIONS OF $batch ROWS
RETURN count(*) AS facts, sum(written) AS evidence
"""


# A fact whose listed documents are all gone has no evidence to move: it is dropped,
# as the delete of its last document would have done.
_DROP_UNSUPPORTED = """
MATCH ()-[r:`{rel_type}`]->() WHERE r.`{doc_ids}` IS NOT NULL
CALL (r) {{ DELETE r }} IN TRANSACTIONS OF $batch ROWS
"""


_UNKEYED = (
    f"MATCH (n:`{ontology.ENTITY_LABEL}`) WHERE n.`{ontology.KEYS}` IS NULL "
    "RETURN n.id AS id, n.name AS name, n.aliases AS aliases, properties(n) AS props, "
    f"[l IN labels(n) WHERE l <> '{ontology.ENTITY_LABEL}'][0] AS label LIMIT $limit"
)

_WRITE_KEYS = f"""
UNWIND $rows AS row
MATCH (n:`{ontology.ENTITY_LABEL}` {{{ontology.KEY}: row.id}})
SET n.`{ontology.KEYS}` = row.keys
FOREACH (k IN row.keys | MERGE (x:`{ontology.NAME_KEY_LABEL}` {{key: k}})
                         MERGE (x)-[:`{ontology.NAMES}`]->(n))
"""


def needs_migration(driver: neo4j.Driver, database: str) -> bool:
    """Whether a fact still carries list provenance or an entity has no name keys."""
    types = "|".join(f"`{t}`" for t in ontology.FACT_RELATIONSHIP_TYPES)
    for query in (
        f"MATCH ()-[r:{types}]->() WHERE r.`{ontology.DOC_IDS}` IS NOT NULL RETURN 1 LIMIT 1",
        f"MATCH (n:`{ontology.ENTITY_LABEL}`) WHERE n.`{ontology.KEYS}` IS NULL RETURN 1 LIMIT 1",
    ):
        records = driver.execute_query(
            query, database_=database, routing_=neo4j.RoutingControl.READ
        ).records
        if records:
            return True
    return False


def migrate_name_keys(driver: neo4j.Driver, database: str, batch: int = BATCH_FACTS) -> int:
    """Give every entity without `keys` its keys and NameKey links; returns how many."""
    done = 0
    while True:
        rows = driver.execute_query(_UNKEYED, limit=batch, database_=database).records
        if not rows:
            return done
        updates = []
        for row in rows:
            names = [row["name"] or "", *(row["aliases"] or [])]
            keys = lookup_keys(row["label"], row["id"], names, row["props"])
            updates.append({"id": row["id"], "keys": keys})
        driver.execute_query(_WRITE_KEYS, rows=updates, database_=database)
        done += len(updates)


def migrate_provenance(
    driver: neo4j.Driver, database: str, batch: int = BATCH_FACTS
) -> MigrationResult:
    """Turn every fact's docIds/evidence lists into SUPPORTS records plus aggregates.

    Needs the schema (the SUPPORTS fact index) in place: run after `ensure_schema`.
    """
    result = MigrationResult()
    # CALL ... IN TRANSACTIONS needs an auto-commit (implicit) transaction.
    with driver.session(database=database) as session:
        for rel_type in ontology.FACT_RELATIONSHIP_TYPES:
            record = session.run(_statement(rel_type), type=rel_type, batch=batch).single()
            if record is not None:
                result.facts += record["facts"] or 0
                result.evidence += record["evidence"] or 0
            session.run(
                _DROP_UNSUPPORTED.format(rel_type=rel_type, doc_ids=ontology.DOC_IDS),
                batch=batch,
            ).consume()
    result.entities_keyed = migrate_name_keys(driver, database, batch)
    return result


#: The GraphState node of the lookup keys.
NAMES_STATE = "names"
_STATE = ontology.GRAPH_STATE_LABEL


@cache
def name_rules_fingerprint() -> str:
    """A digest of everything that decides an entity's keys and which nodes join: the key
    rules, the strong-key rule, the name lexicons and the name fold. Any edit of them makes
    a stored graph's keys possibly stale (re-keying an up-to-date graph changes nothing)."""
    digest = hashlib.sha256()
    sources = [Path(keys.__file__), Path(resolution.__file__)]
    sources += sorted((Path(keys.__file__).parent / "data").glob("*.json"))
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(inspect.getsource(ontology.name_key).encode())
    return digest.hexdigest()[:16]


def names_outdated(driver: neo4j.Driver, database: str) -> bool:
    """Whether entities were keyed under other name rules than today's (or unknown ones).

    A graph without entities is never outdated; its state is simply recorded."""
    record = driver.execute_query(
        f"OPTIONAL MATCH (s:{_STATE} {{{ontology.KEY}: $id}}) "
        f"RETURN s.rules AS rules, EXISTS {{ MATCH (:`{ontology.ENTITY_LABEL}`) }} AS entities",
        id=NAMES_STATE,
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    ).records[0]
    if record["rules"] == name_rules_fingerprint():
        return False
    if not record["entities"]:
        record_names_current(driver, database)
        return False
    return True


def record_names_current(driver: neo4j.Driver, database: str) -> None:
    """Note that every entity is keyed and resolved under today's name rules."""
    driver.execute_query(
        f"MERGE (s:{_STATE} {{{ontology.KEY}: $id}}) SET s.rules = $rules",
        id=NAMES_STATE,
        rules=name_rules_fingerprint(),
        database_=database,
    )
