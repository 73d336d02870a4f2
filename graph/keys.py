"""The lookup keys of an entity: what `(:NameKey)-[:NAMES]->` links, and resolution joins on.

Why in one place: the writer, the migration and resolution must agree on them, or a node
written today would not meet the node a migrated graph holds. Every key is a name folded by
`ontology.name_key`, plus a few type-specific forms, each a rule that generalizes:

- codes of drugs and targets without their punctuation ("AMG 451" = "AMG-451" = "amg451",
  "Bcl-2" = "BCL2"): a name with a digit is a code or symbol, and writers punctuate them freely;
- a company's id core: the extractor keys companies on their name without legal suffixes
  and corporate words ("Roche Group" -> roche), so the core meets the plain name elsewhere;
- diseases in American spelling ("generalised" = "generalized", "leukaemia" = "leukemia",
  "tumour" = "tumor"): British and American texts name the same disease;
- a trial's registry id and acronym (one trial, one node);
- external identifiers of drugs and targets (HGNC:..., ChEMBL...), strong keys by nature.
  Disease xrefs are not keys: a subtype may carry its parent's MeSH term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph import ontology

_TRIAL_KEY_PROPERTIES = ("registryId", "acronym")
_XREF_LABELS = frozenset({"Drug", "Target"})
_CODE_LABELS = frozenset({"Drug", "Target"})


#: British -> American spellings of medical words (the same folds the extractor's disease
#: key makes, plus -ise/-ised -> -ize/-ized).
_SPELLING = (
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"(?<=[a-z])ae(?=m)|\bae|(?<=h)ae|(?<=p)ae(?=d)|(?<=c)ae(?=c)"), "e"),
    (re.compile(r"\boe(?=[sd])|(?<=rh)oe|(?<=c)oe(?=l)"), "e"),
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|ed|ing|ation)\b)"), "iz"),
)


def american(key: str) -> str:
    """A key in American spelling: "generalised myasthenia gravis" -> "generalized ..."."""
    for pattern, replacement in _SPELLING:
        key = pattern.sub(replacement, key)
    return key


def trial_keys(props: Mapping[str, Any]) -> list[str]:
    """A trial's identity keys: its registry id and its acronym, folded like every name key."""
    values = [props.get(p) for p in _TRIAL_KEY_PROPERTIES]
    return [k for v in values if isinstance(v, str) and (k := ontology.name_key(v))]


def compact(key: str) -> str:
    """A code's key without punctuation or spaces: "amg 451" -> "amg451"."""
    return re.sub(r"[\W_]+", "", key)


def lookup_keys(
    label: str, entity_id: str, names: Iterable[str], props: Mapping[str, Any] | None = None
) -> list[str]:
    """Every key of a `label` entity with this id, names (name and aliases) and properties."""
    props = props or {}
    keys = {k for k in map(ontology.name_key, names) if k}
    if label in _CODE_LABELS:
        keys |= {c for k in list(keys) if any(ch.isdigit() for ch in k) and (c := compact(k))}
    if label == "Disease":
        keys |= {american(k) for k in list(keys)}
    if label == "Company" and ":" in entity_id:
        core = ontology.name_key(entity_id.split(":", 1)[1].replace("-", " "))
        if core:
            keys.add(core)
    if label == "Trial":
        keys.update(trial_keys(props))
    if label in _XREF_LABELS:
        keys |= {ontology.name_key(x) for x in props.get("xrefs") or () if isinstance(x, str)}
    return sorted(k for k in keys if k)
