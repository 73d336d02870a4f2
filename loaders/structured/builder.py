"""Collect entities and relations of a structured record in the extraction contract's shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.ontology import node_type
from loaders.extract.resolve import make_id


@dataclass
class FactBuilder:
    """Entities by id and relations by (type, from, to); the first evidence of a fact wins."""

    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def entity(
        self,
        label: str,
        name: str,
        *,
        key: str | None = None,
        aliases: list[str] | tuple[str, ...] = (),
        **properties: Any,
    ) -> dict[str, Any]:
        """Add (or extend) an entity; `key` is the name its id is made from (default `name`).

        Properties the ontology does not give `label` are dropped here, so a mapping
        can state everything the record has and the model decides what is kept.
        """
        entity_id = make_id(label, key or name)
        allowed = node_type(label).property_names
        props = {k: v for k, v in properties.items() if k in allowed and v not in (None, [], "")}
        found = self.entities.get(entity_id)
        if found is None:
            found = {"id": entity_id, "type": label, "name": name, "aliases": [], "properties": {}}
            self.entities[entity_id] = found
        for alias in aliases:
            if alias and alias != found["name"] and alias not in found["aliases"]:
                found["aliases"].append(alias)
        for k, v in props.items():
            found["properties"].setdefault(k, v)
        return found

    def relate(self, rel_type: str, start: dict, end: dict, evidence: str) -> None:
        """Add a fact once; `evidence` names the record field that states it."""
        key = (rel_type, start["id"], end["id"])
        if key in self.relations:
            return
        self.relations[key] = {
            "type": rel_type,
            "from": {"type": start["type"], "id": start["id"], "name": start["name"]},
            "to": {"type": end["type"], "id": end["id"], "name": end["name"]},
            "properties": {},
            "evidence": {"sentence": " ".join(evidence.split())},
        }

    def extraction_parts(self) -> dict[str, list[dict[str, Any]]]:
        """{"entities": [...], "relations": [...]} ready to merge into an extraction."""
        return {
            "entities": list(self.entities.values()),
            "relations": list(self.relations.values()),
        }
