"""Hand-written extraction dicts for the loader tests (made-up companies, drugs and people)."""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any

from graph import ontology


def entity_id(label: str, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{ontology.node_type(label).id_prefix}:{slug}"


def entity(label: str, name: str, aliases: tuple[str, ...] = (), mentions: int = 1, **props: Any):
    return {
        "id": entity_id(label, name),
        "type": label,
        "name": name,
        "aliases": list(aliases),
        "properties": props,
        "mentions": [{"start": 0, "end": len(name), "text": name}] * mentions,
    }


def relation(rel_type: str, start: dict, end: dict, sentence: str, **props: Any) -> dict:
    def end_ref(e: dict) -> dict:
        return {"type": e["type"], "id": e["id"], "name": e["name"]}

    return {
        "type": rel_type,
        "from": end_ref(start),
        "to": end_ref(end),
        "properties": props,
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
    }


def extraction(
    source: str,
    text: str,
    entities: list[dict],
    relations: list[dict],
    title: str | None = None,
    published_at: str | None = None,
) -> dict:
    return {
        "document": {
            "id": hashlib.sha256(text.encode()).hexdigest(),
            "source": source,
            "title": title,
            "publishedAt": published_at,
            "doi": None,
        },
        "entities": copy.deepcopy(entities),  # tests edit their copy freely
        "relations": copy.deepcopy(relations),
    }


# A small fictional world shared by the tests.
ZENTRA = entity("Company", "Zentra Biologics", aliases=("Zentra Biologics, Inc.",))
ZX101 = entity("Drug", "ZX-101", aliases=("ZX101",), modality="monoclonal antibody")
CD19 = entity("Target", "CD19", symbol="CD19")
LUPUS = entity("Disease", "lupus nephritis", aliases=("LN",))
MYO = entity("Disease", "myositis")

DEVELOPS_SENTENCE_A = "Zentra Biologics is developing ZX-101 in two autoimmune indications."
DEVELOPS_SENTENCE_B = "ZX-101, the lead antibody of Zentra Biologics, entered a new study."


def doc_a(text: str = "Story A: Zentra Biologics and ZX-101 in lupus nephritis.") -> dict:
    """Supports DEVELOPS, TARGETS and INDICATED_FOR lupus nephritis."""
    return extraction(
        "news/a.txt",
        text,
        [ZENTRA, ZX101, CD19, LUPUS],
        [
            relation("DEVELOPS", ZENTRA, ZX101, DEVELOPS_SENTENCE_A),
            relation(
                "TARGETS", ZX101, CD19, "ZX-101 is an anti-CD19 antibody.", action="antagonist"
            ),
            relation("INDICATED_FOR", ZX101, LUPUS, "ZX-101 is being tested in lupus nephritis."),
        ],
        title="Story A",
        published_at="2025-03-04",
    )


def doc_b(text: str = "Story B: ZX-101 from Zentra Biologics moves into myositis.") -> dict:
    """Supports DEVELOPS (again, other sentence) and INDICATED_FOR myositis."""
    return extraction(
        "news/b.txt",
        text,
        [ZENTRA, ZX101, MYO],
        [
            relation("DEVELOPS", ZENTRA, ZX101, DEVELOPS_SENTENCE_B),
            relation("INDICATED_FOR", ZX101, MYO, "Zentra will test ZX-101 in myositis."),
        ],
        title="Story B",
    )
