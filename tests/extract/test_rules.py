"""Every relation names the rule that found it, and `kg extract --explain` shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders.extract import extract_text

ROOT = Path(__file__).resolve().parents[2]
#: The annotated sets the extractor is scored on (named, so an unseen set stays unseen).
SETS = [
    ROOT / "examples",
    ROOT.parent / "shared" / "corpus" / "seeds",
    ROOT.parent / "shared" / "corpus" / "dev",
    *(ROOT / "eval" / name for name in ("heldout", *(f"blind{i}" for i in range(2, 9)))),
]
DOCS = [p for folder in SETS for p in sorted(folder.glob("*.txt"))]


def _rule_of(result: dict, rtype: str, source: str, target: str) -> str:
    for r in result["relations"]:
        if (r["type"], r["from"]["name"], r["to"]["name"]) == (rtype, source, target):
            return r["evidence"]["rule"]
    found = [(r["type"], r["from"]["name"], r["to"]["name"]) for r in result["relations"]]
    raise AssertionError(f"no {rtype} {source} -> {target} in {found}")


def test_the_scored_sets_are_there():
    assert len(DOCS) >= 80


@pytest.mark.parametrize("path", DOCS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_relation_names_a_rule_of_its_own_type(path: Path):
    result = extract_text(path.read_text(encoding="utf-8"), str(path))
    for r in result["relations"]:
        rule = r["evidence"]["rule"]
        family, _, name = rule.partition(".")
        assert name, f"{r['type']} {r['from']['name']} -> {r['to']['name']} has rule {rule!r}"
        assert family.upper() == r["type"]


@pytest.mark.parametrize(
    ("text", "fact", "rule"),
    [
        (
            "Acme Therapeutics' zelvatrimab showed benefit in lupus.",
            ("DEVELOPS", "Acme Therapeutics", "zelvatrimab"),
            "develops.possessive",
        ),
        (
            "Zelvatrimab, developed by Acme Therapeutics, is an anti-BAFF-R antibody.",
            ("DEVELOPS", "Acme Therapeutics", "zelvatrimab"),
            "develops.by_company",
        ),
        (
            "Zelvatrimab, developed by Acme Therapeutics, is an anti-BAFF-R antibody.",
            ("TARGETS", "zelvatrimab", "BAFF-R"),
            "targets.nearest_drug",
        ),
        (
            "Acme Therapeutics licensed the rights to zelvatrimab from Beta Pharma.",
            ("DEVELOPS", "Beta Pharma", "zelvatrimab"),
            "develops.partner_from",
        ),
        (
            "Acme Therapeutics today announced results for zelvatrimab in patients with lupus.",
            ("DEVELOPS", "Acme Therapeutics", "zelvatrimab"),
            "develops.subject_announces",
        ),
        (
            "Acme Therapeutics today announced results for zelvatrimab in patients with lupus.",
            ("INDICATED_FOR", "zelvatrimab", "systemic lupus erythematosus"),
            "indicated_for.same_clause",
        ),
        (
            "Dr. Helena Marsh of Westbridge General Hospital led the study.",
            ("AFFILIATED_WITH", "Helena Marsh", "Westbridge General Hospital"),
            "affiliated_with.after_name",
        ),
    ],
)
def test_a_sentence_names_its_rule(text: str, fact: tuple[str, str, str], rule: str):
    assert _rule_of(extract_text(text, "test.txt"), *fact) == rule


def test_kg_extract_explain_prints_fact_rule_and_sentence(tmp_path: Path):
    doc = tmp_path / "acme.txt"
    doc.write_text("Acme Therapeutics' zelvatrimab showed benefit in lupus.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", "--explain", str(doc)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    lines = proc.stdout.splitlines()
    i = lines.index("DEVELOPS  Acme Therapeutics -> zelvatrimab  [develops.possessive]")
    assert lines[i + 1].strip() == "Acme Therapeutics' zelvatrimab showed benefit in lupus."
