"""Resolution against the graph: after a batch is written, same-label nodes that share a key merge.

Why: the extractor gives an entity the same id in every document only when it names
the thing the same way. Another document may name a company "Roche" where this one
says "F. Hoffmann-La Roche (Roche)"; the two nodes then share the lookup key "roche"
(`(:NameKey)-[:NAMES]->`), and that shared key is what joins them.

How, inside the batch's transaction:
- Lock the NameKeys of the batch's strong keys (in key order, so loaders lock alike), then
  read every same-label node they name. A loader writing the same new thing in parallel
  either committed its link before the lock was granted (so it is seen here) or waits
  for this transaction and sees this one's link in its own check.
- Group the nodes that share a strong key, transitively, and merge each group into its
  `preferred_id` (graph/merge.py): a total order on ids, so the result does not depend on
  which document came first.

Which keys join nodes (the *strong-key rule*, `strong_keys`):
- SHORT_FORM: a key with fewer than 4 letters or digits ("AD", "MS", "RMS", "MSD", "GIP")
  never joins two nodes on its own: two- and three-letter abbreviations name different
  things in different documents (atopic dermatitis / Alzheimer's disease).
- Trials join only on their registry id and acronym (their other names are descriptions,
  "zanidatamab phase 3 trial", which many trials share); a group holding two different
  registry ids is two trials and is left as it is.
- Investigators join only on keys of two or more name words that are not titles
  ("dr. chen" names many people).
- A target never joins on the name of its ligand when it is a receptor: "amylin" on the
  "amylin receptor" node does not join it to another document's "amylin" (`ligand_keys`).
- A disease never joins on the name of its parent: "small cell lung cancer" on the
  "extensive-stage small-cell lung cancer" node, "lung cancer" on "non-small cell lung
  cancer" (`disease_parent_keys`: the node's name less the words that say which kind it is;
  state words such as "compensated" do not make a parent). The writer does not know the
  name when it flags keys, so it flags them all; resolution decides.
- A group holding two nodes an active curation split keeps apart is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import neo4j

from graph import ontology
from graph.curation import active_decisions
from graph.curation_rules import kept_apart
from graph.keys import compact, disease_parent_keys, ligand_keys, trial_keys
from graph.merge import merge_groups, preferred_id

#: Fewer letters or digits than this and a key is an ambiguous short form (SHORT_FORM rule).
MIN_KEY_CHARS = 4
#: How many rounds of "read the nodes of the new keys" a batch may take (a safety bound).
_MAX_ROUNDS = 8

_TITLES = frozenset(
    "professor prof dr md phd mph msc mbbs frcp facp mr ms mrs sir dame assoc".split()
)


def _alnum(key: str) -> int:
    return sum(ch.isalnum() for ch in key)


def strong_keys(
    label: str, keys: Iterable[str], props: Mapping[str, Any] | None = None
) -> set[str]:
    """The keys of a `label` node that may join it to another node (the strong-key rule)."""
    if label == "Trial":
        allowed = set(trial_keys(props or {}))
        keys = [k for k in keys if k in allowed]
    if label == "Target":
        keys = list(keys)
        ligands = ligand_keys(keys)
        ligands |= {compact(k) for k in ligands}  # "glp1" of "glp-1" goes with it
        keys = [k for k in keys if k not in ligands]
    if label == "Disease" and isinstance(name := (props or {}).get("name"), str):
        keys = list(keys)
        parents = disease_parent_keys(name, keys)
        keys = [k for k in keys if k not in parents]
    out = set()
    for key in keys:
        if _alnum(key) < MIN_KEY_CHARS:
            continue
        if label == "Investigator":
            words = [w for w in re.split(r"[\s.,]+", key) if w and w not in _TITLES]
            if len(words) < 2 or sum(len(w) >= 2 for w in words) < 2:
                continue
        out.add(key)
    return out


@dataclass
class ResolutionResult:
    """What resolving a batch merged: per label, each surviving id and the ids it absorbed."""

    merged: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def nodes_absorbed(self) -> int:
        return sum(len(v) for groups in self.merged.values() for v in groups.values())


@cache
def _nodes_statement(label: str) -> str:
    ontology.node_type(label)
    return (
        f"UNWIND $ids AS id MATCH (n:`{label}` {{{ontology.KEY}: id}}) "
        f"RETURN n.{ontology.KEY} AS id, coalesce(n.`{ontology.KEYS}`, []) AS keys, "
        "n.registryId AS registryId, n.acronym AS acronym, n.name AS name"
    )


@cache
def _by_keys_statement(label: str) -> str:
    """Lock each NameKey (a no-op SET takes the write lock) and read the `label` nodes it names."""
    ontology.node_type(label)
    return (
        f"UNWIND $keys AS k MATCH (x:`{ontology.NAME_KEY_LABEL}` {{key: k}}) "
        "SET x.key = x.key "
        f"WITH x MATCH (x)-[:`{ontology.NAMES}`]->(n:`{label}`) "
        f"RETURN DISTINCT n.{ontology.KEY} AS id, coalesce(n.`{ontology.KEYS}`, []) AS keys, "
        "n.registryId AS registryId, n.acronym AS acronym, n.name AS name"
    )


def _groups(label: str, nodes: Mapping[str, Mapping[str, Any]]) -> list[list[str]]:
    """Connected groups (two or more ids) of nodes sharing a strong key."""
    parent = {node_id: node_id for node_id in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for node_id in sorted(nodes):
        node = nodes[node_id]
        for key in sorted(strong_keys(label, node["keys"], node)):
            other = first.setdefault(key, node_id)
            parent[find(node_id)] = find(other)
    groups: dict[str, list[str]] = {}
    for node_id in sorted(nodes):
        groups.setdefault(find(node_id), []).append(node_id)
    out = []
    for group in groups.values():
        if len(group) < 2:
            continue
        if label == "Trial":
            registries = {ontology.name_key(r) for i in group if (r := nodes[i].get("registryId"))}
            if len(registries) > 1:
                continue  # two registry ids: two trials sharing an acronym
        out.append(group)
    return out


def resolve_label(
    tx: neo4j.ManagedTransaction,
    label: str,
    ids: Iterable[str],
    apart: set[frozenset[str]] | None = None,
) -> dict[str, list[str]]:
    """Inside a transaction: merge the `label` nodes `ids` with every node they share a strong key
    with (transitively), except pairs a curator split (`apart`; read from the log when not
    given). Returns {kept id: absorbed ids}."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    nodes: dict[str, dict[str, Any]] = {
        r["id"]: r.data() for r in tx.run(_nodes_statement(label), ids=ids)
    }
    asked: set[str] = set()
    for _ in range(_MAX_ROUNDS):
        keys = sorted(
            {k for node in nodes.values() for k in strong_keys(label, node["keys"], node)} - asked
        )
        if not keys:
            break
        asked.update(keys)
        for record in tx.run(_by_keys_statement(label), keys=keys):
            nodes.setdefault(record["id"], record.data())
    merged: dict[str, list[str]] = {}
    if apart is None:
        apart = kept_apart(active_decisions(tx)) if len(nodes) > 1 else set()
    groups = [
        (preferred_id(label, group), group)
        for group in _groups(label, nodes)
        # a curator split them: never joined again automatically
        if not any(pair <= set(group) for pair in apart)
    ]
    for result in merge_groups(tx, label, groups):
        if result.absorbed:
            merged[result.kept] = result.absorbed
    return merged


def resolve(tx: neo4j.ManagedTransaction, touched: Mapping[str, Iterable[str]]) -> ResolutionResult:
    """Inside a transaction: resolve the nodes a batch wrote, `touched` = {label: ids}."""
    out = ResolutionResult()
    apart = kept_apart(active_decisions(tx))  # once per batch, not once per label
    for label in ontology.ENTITY_LABELS:
        merged = resolve_label(tx, label, touched.get(label, ()), apart)
        if merged:
            out.merged[label] = merged
    return out


@cache
def _page_statement(label: str) -> str:
    ontology.node_type(label)
    return (
        f"MATCH (n:`{label}`) WHERE n.{ontology.KEY} > $after "
        f"RETURN n.{ontology.KEY} AS id, [n.name] + coalesce(n.aliases, []) AS names, "
        f"properties(n) AS props ORDER BY n.{ontology.KEY} LIMIT $limit"
    )


#: Keys and their NameKey links, every one MERGEd: a one-off pass that also repairs links.
_ADD_KEYS = f"""
UNWIND $rows AS row
MATCH (n:`{ontology.ENTITY_LABEL}` {{{ontology.KEY}: row.id}})
WITH n, row, [k IN row.keys WHERE NOT k IN coalesce(n.`{ontology.KEYS}`, [])] AS fresh
FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END |
  SET n.`{ontology.KEYS}` = coalesce(n.`{ontology.KEYS}`, []) + fresh)
FOREACH (k IN row.keys | MERGE (x:`{ontology.NAME_KEY_LABEL}` {{key: k}})
                         MERGE (x)-[:`{ontology.NAMES}`]->(n))
"""


def resolve_graph(
    driver: neo4j.Driver,
    database: str,
    batch: int = 500,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Bring a graph written before resolution up to it: give every entity today's lookup keys
    and merge the nodes that share a strong key, a page of ids per transaction. Idempotent;
    returns how many nodes were absorbed; `progress` hears how many entities were done so
    far. (`kg migrate` runs it, and opening a graph keyed under other name rules.)"""
    from graph.keys import lookup_keys

    absorbed = done = 0
    for label in ontology.ENTITY_LABELS:
        after = ""
        while True:
            rows = driver.execute_query(
                _page_statement(label), after=after, limit=batch, database_=database
            ).records
            if not rows:
                break
            after = rows[-1]["id"]
            keyed = [
                {"id": r["id"], "keys": lookup_keys(label, r["id"], r["names"], r["props"])}
                for r in rows
            ]
            ids = [r["id"] for r in rows]

            def work(tx: neo4j.ManagedTransaction, keyed=keyed, ids=ids, label=label) -> int:
                tx.run(_ADD_KEYS, rows=keyed).consume()
                merged = resolve_label(tx, label, ids)
                return sum(len(v) for v in merged.values())

            with driver.session(database=database) as session:
                absorbed += session.execute_write(work)
            done += len(rows)
            if progress is not None:
                progress(done)
    return absorbed
