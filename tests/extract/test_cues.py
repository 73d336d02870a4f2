"""Cue words skip rules that cannot match, and skipping them never changes what is found."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import loaders.extract.pipeline  # noqa: F401  (declares every rule's cues)
from loaders.extract import extract_text
from loaders.extract.cues import DECLARED, Cue, Present, fold, has
from loaders.extract.text import Claimed, leftmost_matches, occurrences

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted(ROOT.glob("examples/*.txt")) + sorted(ROOT.glob("eval/*/*.txt"))


def test_present_finds_cue_words_as_written_and_case_blind():
    exact = Cue(["-selective", "MD"])
    blind = Cue(["not involved"], ignore_case=True)
    dotted = Cue(["binds"], ignore_case=True)
    text = "a CDK4-selective inhibitor; Dr. Roe, who was NOT INVOLVED in the study"
    found = Present(text)
    assert exact in found
    assert blind in found
    assert dotted not in found
    assert exact not in Present("a cdk4 selective inhibitor, md")
    # What (?i:binds) matches, the cue sees too (dotless i, long s).
    for variant in ("BINDS", "bınds", "bindſ", "BİNDS"):
        assert re.search("(?i:binds)", variant)
        assert dotted in Present(variant), variant


def test_a_case_blind_cue_with_other_letters_never_skips():
    cue = Cue(["naïve"], ignore_case=True)
    assert has("nothing here", cue)


def test_every_declared_cue_is_in_every_match_of_its_pattern():
    checked = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for cue in DECLARED:
            if cue.pattern is None:
                continue
            for m in cue.pattern.finditer(text):
                found = fold(m.group(0)) if cue.ignore_case else m.group(0)
                words = [fold(w) if cue.ignore_case else w for w in cue.words]
                assert any(w in found for w in words), (cue, m.group(0), path.name)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_skipping_rules_without_their_cues_changes_nothing(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    with_cues = extract_text(text, path.name)
    monkeypatch.setattr(Present, "__contains__", lambda self, cue: True)
    assert extract_text(text, path.name) == with_cues


def test_claimed_answers_like_a_scan_of_every_span():
    rng = random.Random(3)
    size = 400
    spans = [(s, s + rng.randint(0, 12)) for s in (rng.randint(0, size - 12) for _ in range(40))]
    claimed = Claimed(size, spans[:20])
    taken = list(spans[:20])
    for start, end in spans[20:]:
        for _ in range(30):
            a = rng.randint(-2, size)
            b = a + rng.randint(-1, 15)
            assert claimed.overlaps(a, b) == any(s < b and a < e for s, e in taken)
        claimed.add(start, end)
        taken.append((start, end))


def test_occurrences_then_leftmost_equal_a_regex_finditer():
    text = "U of M, the U of M's; UofM U of MU of M and MDA MD Anderson MDAnderson aaaa"
    before, after = re.compile(r"[\w&.’'-]"), re.compile(r"[\w&’'-]|\s+[^\W\d_a-z]")
    words = ["U of M", "MD Anderson", "aa", "MDA"]
    found = occurrences(text, words, before, after)
    for w in words:
        pattern = re.compile(r"(?<![\w&.’'-])" + re.escape(w) + r"(?![\w&’'-]|\s+[^\W\d_a-z])")
        assert leftmost_matches(found[w]) == [m.span() for m in pattern.finditer(text)], w


def test_finding_matches_from_cue_positions_equals_finditer():
    from loaders.extract.cues import finditer

    rng = random.Random(5)
    words = ["Acme", "Inc.", "Therapeutics", "(NASDAQ: ACM)", "'s", "’s ", ";", "CEO", "President"]
    words += ["acquired", "signed", "developed by", "subsidiary of", "member of", " ", ", ", "\n"]
    words += ["binds", "TARGETING", "İnhibits", "Straße", "trial", "Studies", "Hospital", "TKIs"]
    samples = [p.read_text(encoding="utf-8") for p in TEXTS]
    samples += ["".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    assert any(c.lead is not None for c in DECLARED)
    found = 0
    for text in samples:
        for cue in (c for c in DECLARED if c.pattern is not None):
            fast = [m.span() for m in finditer(text, cue)]
            assert fast == [m.span() for m in cue.pattern.finditer(text)], (cue, text)
            found += len(fast)
    assert found > 100


def test_a_sentence_without_a_cue_word_has_no_match_of_its_pattern():
    """`Doc.has_in(cue, start, end)` False means the pattern finds nothing in that span
    (rules skip their per-sentence search then); checked for every cue on every sentence."""
    from loaders.extract.context import Doc

    skipped = 0
    for path in TEXTS:
        doc = Doc.read(path.read_text(encoding="utf-8"))
        for cue in DECLARED:
            if cue.pattern is None:
                continue
            for start, end in doc.sentences:
                if not doc.has_in(cue, start, end):
                    assert cue.pattern.search(doc.text, start, end) is None, (cue, path.name)
                    skipped += 1
    assert skipped > 1000
