"""`kg extract` on the shipped example documents: canonical ids, relations, valid properties."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.ontology import node_type, relationship_type
from loaders.extract import extract_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
SEEDS = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))


def _run(paths: list[Path]) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return [json.loads(line) for line in proc.stdout.splitlines()]


def _ids(doc: dict) -> set[str]:
    return {e["id"] for e in doc["entities"]}


def _rel_ids(doc: dict, rtype: str) -> set[tuple[str, str]]:
    return {(r["from"]["id"], r["to"]["id"]) for r in doc["relations"] if r["type"] == rtype}


def test_kg_extract_examples_in_input_order_with_expected_graph():
    docs = _run(EXAMPLES)
    assert [d["document"]["source"] for d in docs] == [str(p) for p in EXAMPLES]
    by_name = {Path(d["document"]["source"]).name: d for d in docs}

    z = by_name["zelvatrimab-lupus-phase2.txt"]
    assert z["document"]["publishedAt"] == "2025-03-04"
    assert {
        "drug:zelvatrimab",
        "drug:hydroxychloroquine",
        "target:baffr",
        "company:norvane",
        "disease:systemic-lupus-erythematosus",
        "site:westbridge-general-hospital",
        "site:calloway-university",
        "investigator:helena-marsh",
        "trial:nct05999123",
    } <= _ids(z)
    assert ("company:norvane", "drug:zelvatrimab") in _rel_ids(z, "DEVELOPS")
    assert ("drug:zelvatrimab", "target:baffr") in _rel_ids(z, "TARGETS")
    assert ("site:westbridge-general-hospital", "site:calloway-university") in _rel_ids(
        z, "PART_OF"
    )
    assert ("investigator:helena-marsh", "trial:nct05999123") in _rel_ids(z, "LEADS")
    assert ("trial:nct05999123", "drug:zelvatrimab") in _rel_ids(z, "EVALUATES")
    trial = next(e for e in z["entities"] if e["type"] == "Trial")
    assert trial["properties"]["phase"] == "PHASE_2"
    assert trial["properties"]["acronym"] == "LUMINA-2"

    q = by_name["quorafenib-ctr-hcc.txt"]
    assert ("drug:quorafenib", "target:fgfr4") in _rel_ids(q, "TARGETS")
    assert ("drug:quorafenib", "disease:hepatocellular-carcinoma") in _rel_ids(q, "INDICATED_FOR")
    assert ("company:kestrel", "drug:quorafenib") in _rel_ids(q, "DEVELOPS")
    assert any(
        e["id"] == "trial:ctr20231234" and e["properties"]["phase"] == "PHASE_3"
        for e in q["entities"]
    )

    b = by_name["brivanacept-ra-phase1b.txt"]
    assert ("drug:brivanacept", "disease:rheumatoid-arthritis") in _rel_ids(b, "INDICATED_FOR")
    assert ("investigator:ingrid-solberg", "trial:anchor-1") in _rel_ids(b, "LEADS")
    assert "HP-118" in next(e for e in b["entities"] if e["id"] == "drug:brivanacept")["aliases"]


@pytest.mark.parametrize("path", EXAMPLES + SEEDS, ids=lambda p: p.name)
def test_every_property_key_is_in_the_ontology(path):
    doc = extract_text(path.read_text(encoding="utf-8"), str(path))
    for e in doc["entities"]:
        assert set(e["properties"]) <= node_type(e["type"]).property_names, e
        for m in e["mentions"]:
            assert doc_text(path)[m["start"] : m["end"]] == m["text"]
    for r in doc["relations"]:
        rel = relationship_type(r["type"])
        assert (r["from"]["type"], r["to"]["type"]) == (rel.start, rel.end)
        assert set(r["properties"]) <= rel.property_names, r


def doc_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_same_names_in_two_documents_get_one_id():
    a = extract_text("Orvane Pharma, Inc. develops ORV-12. ORV-12 is an anti-CD20 antibody.", "a")
    b = extract_text("Orvane Pharma Ltd. said ORV12, an anti-CD20 antibody, is in Phase 2.", "b")
    assert {"company:orvane", "drug:orv12", "target:cd20"} <= _ids(a) & _ids(b)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_pass_the_loaders_validation_gate(path):
    from graph.extraction_model import parse_extraction

    parse_extraction(extract_text(path.read_text(encoding="utf-8"), str(path)), from_extractor=True)
