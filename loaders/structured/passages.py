"""The free text of a structured record (a study's summary), read only for what its fields lack.

Why a filter: a registry record's fields say exactly which trial, drugs, diseases
and sponsor it is about. The free-text extractor, run on the record's summary,
finds more, and much of it is wrong for the record: the parts of a combination
product, a subgroup's wording of the disease, a "drug + phase" trial name for
the record's own trial. So a passage may add only

- facts between entities the record already has (the study drug INDICATED_FOR
  the studied condition, the sponsor that DEVELOPS the study drug), and
- facts from those entities to things no record field can state: the targets
  of its drugs (TARGETS to a Target, the one label a passage may create).

It never creates a Drug, Disease, Trial, Company, Site or Investigator, and a fact
the record's fields already state keeps the field as its evidence. Evidence of a
passage's fact names the field: "protocolSection.descriptionModule.briefSummary: ...".
"""

from __future__ import annotations

from typing import Any

from graph.ontology import name_key

#: Labels a passage may introduce: no field of a registry record states them.
NEW_LABELS = frozenset({"Target"})
#: Trial properties that name the trial, as keys to recognise it by.
_NAMING_PROPERTIES = ("registryId", "acronym")


def _keys(entity: dict[str, Any]) -> set[str]:
    names = [entity["name"], *(entity.get("aliases") or [])]
    props = entity.get("properties") or {}
    names += [props[p] for p in _NAMING_PROPERTIES if isinstance(props.get(p), str)]
    return {name_key(n) for n in names if isinstance(n, str) and n.strip()}


def _record_entity(
    entity: dict[str, Any], by_id: dict[str, dict], by_key: dict[tuple[str, str], dict]
) -> dict[str, Any] | None:
    """The record's entity the passage's `entity` is (same label, same id or a shared name)."""
    found = by_id.get(entity["id"])
    if found is not None and found["type"] == entity["type"]:
        return found
    for key in sorted(_keys(entity)):
        found = by_key.get((entity["type"], key))
        if found is not None:
            return found
    if entity["type"] == "Company":  # "Roche" in the summary of a record sponsored by
        words = _id_words(entity)  # "Hoffmann-La Roche": the record names few companies
        within = [e for e in by_id.values() if e["type"] == "Company" and words <= _id_words(e)]
        if len(within) == 1:
            return within[0]
    return None


def _id_words(entity: dict[str, Any]) -> set[str]:
    return set(entity["id"].partition(":")[2].split("-")) - {""}


def _shifted(span: dict[str, Any], offset: int | None) -> dict[str, Any]:
    """A mention or evidence span moved from the passage into the document's text."""
    out = dict(span)
    if offset is None:
        out.pop("start", None)
        out.pop("end", None)
    else:
        for bound in ("start", "end"):
            if isinstance(out.get(bound), int):
                out[bound] += offset
    return out


def add_passage_facts(
    extraction: dict[str, Any], passage: dict[str, Any], field: str, offset: int | None
) -> None:
    """Add to `extraction` (the record's) what `passage` (the extractor's reading of the
    record's `field`) states and the record lacks; `offset` is where the passage starts in
    the document's text (None when it is not there verbatim)."""
    entities: list[dict[str, Any]] = extraction.setdefault("entities", [])
    relations: list[dict[str, Any]] = extraction.setdefault("relations", [])
    by_id = {e["id"]: e for e in entities}
    by_key = {(e["type"], key): e for e in entities for key in sorted(_keys(e))}
    stated = {(r["type"], r["from"]["id"], r["to"]["id"]) for r in relations}

    mapped: dict[str, dict[str, Any]] = {}  # passage id -> the record's entity or a new Target
    new: dict[str, dict[str, Any]] = {}
    for entity in passage.get("entities", []):
        known = _record_entity(entity, by_id, by_key)
        if known is not None:
            mapped[entity["id"]] = known
            for name, value in (entity.get("properties") or {}).items():
                known.setdefault("properties", {}).setdefault(name, value)  # the record wins
        elif entity["type"] in NEW_LABELS:
            mapped[entity["id"]] = new[entity["id"]] = entity

    used: set[str] = set()
    for relation in passage.get("relations", []):
        start, end = mapped.get(relation["from"]["id"]), mapped.get(relation["to"]["id"])
        if start is None or end is None or (start["id"] in new and end["id"] in new):
            continue  # an end the record does not have, or nothing of the record at all
        fact = (relation["type"], start["id"], end["id"])
        if fact in stated:
            continue  # the record's field is the better evidence
        stated.add(fact)
        used.update(e["id"] for e in (start, end) if e["id"] in new)
        evidence = _shifted(relation.get("evidence") or {}, offset)
        evidence["sentence"] = f"{field}: {' '.join(evidence.get('sentence', '').split())}"
        relations.append(
            {
                **relation,
                "from": {"type": start["type"], "id": start["id"], "name": start["name"]},
                "to": {"type": end["type"], "id": end["id"], "name": end["name"]},
                "evidence": evidence,
            }
        )
    for entity_id in sorted(used):
        entity = dict(new[entity_id])
        entity["mentions"] = [_shifted(m, offset) for m in entity.get("mentions") or []]
        if offset is None:
            entity["mentions"] = []
        entities.append(entity)
