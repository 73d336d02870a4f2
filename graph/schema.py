"""Constraints and indexes, derived from graph/ontology.py only.

Uniqueness constraints on `id` are what make MERGE safe when several loaders
write at once (MERGE on a constrained property locks the key), and they are the
index every writer and reader looks nodes up by. `Entity` gets one too: ids
carry their type's prefix, so they are unique across types, and a lookup by id
alone (`MATCH (e:Entity {id: $id})`) hits an index. Every statement uses
IF NOT EXISTS, so `ensure_schema` may run at every start.
"""

from __future__ import annotations

import neo4j

from graph import ontology
from graph.ontology import DOCUMENT_LABEL

#: Extra range indexes: (label, property). Documents are found by source on reload/delete.
RANGE_INDEXES: tuple[tuple[str, str], ...] = ((DOCUMENT_LABEL, "source"),)


def _name(*parts: str) -> str:
    return "_".join(p.lower() for p in parts)


def schema_statements() -> list[str]:
    """Every constraint/index statement the graph needs, in the order to run them."""
    labels = [
        n.label
        for n in (*ontology.NODE_TYPES, *ontology.LOG_NODE_TYPES, ontology.GRAPH_STATE_NODE_TYPE)
    ]
    labels.append(ontology.ENTITY_LABEL)
    statements = [
        f"CREATE CONSTRAINT {_name(label, ontology.KEY, 'unique')} IF NOT EXISTS "
        f"FOR (n:`{label}`) REQUIRE n.`{ontology.KEY}` IS UNIQUE"
        for label in labels
    ]
    # One NameKey per folded name or alias: MERGE-safe, and the index of every name lookup.
    statements.append(
        f"CREATE CONSTRAINT {_name(ontology.NAME_KEY_LABEL, 'key', 'unique')} IF NOT EXISTS "
        f"FOR (n:`{ontology.NAME_KEY_LABEL}`) REQUIRE n.key IS UNIQUE"
    )
    for label, prop in RANGE_INDEXES:
        if prop not in ontology.node_type(label).property_names:  # both must be in the model
            raise ValueError(f"{label}.{prop} is not in the ontology")
        statements.append(
            f"CREATE RANGE INDEX {_name(label, prop)} IF NOT EXISTS "
            f"FOR (n:`{label}`) ON (n.`{prop}`)"
        )
    # Lists of an entity label are ordered by name: a range index on it lets the planner
    # read the first page in index order and stop there, instead of sorting the whole label.
    for label in ontology.ENTITY_LABELS:
        ontology.node_type(label).property_named("name")  # must be in the model
        statements.append(
            f"CREATE RANGE INDEX {_name(label, 'name')} IF NOT EXISTS FOR (n:`{label}`) ON (n.name)"
        )
    # Every write reads the active curation decisions: an index, which also registers the
    # property key, so that read does not warn "property `active` does not exist" on a graph
    # nobody has curated yet.
    curation = ontology.CURATION_NODE_TYPE
    curation.property_named("active")  # must be in the model
    statements.append(
        f"CREATE RANGE INDEX {_name(curation.label, 'active')} IF NOT EXISTS "
        f"FOR (n:`{curation.label}`) ON (n.active)"
    )
    # The evidence of one fact is found by its key: an index seek, however many documents.
    statements.append(
        f"CREATE RANGE INDEX {_name(ontology.SUPPORTS, ontology.FACT)} IF NOT EXISTS "
        f"FOR ()-[s:`{ontology.SUPPORTS}`]-() ON (s.`{ontology.FACT}`)"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {ontology.FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:`{ontology.ENTITY_LABEL}`) ON EACH [n.name, n.aliases]"
    )
    return statements


#: Properties every write reads before any node may have them: registered up front, so that
#: reading them on a new graph does not warn "property ... does not exist".
READ_BEFORE_WRITTEN = ((DOCUMENT_LABEL, "extractorVersion"),)


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Create any missing constraint or index and wait until all are online."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    for label, prop in READ_BEFORE_WRITTEN:
        ontology.node_type(label).property_named(prop)  # must be in the model
        driver.execute_query("CALL db.createProperty($name)", name=prop, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
