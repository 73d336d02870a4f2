"""The span and multi-word lookups that keep extraction linear give the answers of a full scan."""

from __future__ import annotations

import random
import re
from pathlib import Path

from loaders.extract import people
from loaders.extract.cues import fold as cue_fold
from loaders.extract.text import (
    Spans,
    count_many,
    find_all,
    find_all_many,
    finditer_at,
    fold_hyphens,
    occurrences,
    search_at,
    search_from,
    word_before_period,
)

ROOT = Path(__file__).resolve().parents[2]

TEXT = (
    "Acme Bio's zelvatrimab (ZEL-1) and Zelvatrimab-like drugs; Dr. Qian said Qian-Li and "
    "O'Qian met QIAN at ZELVATRIMAB Hospital. zelvatrimab, zelvatrimabs, ACME and acme bio."
)


def test_spans_answer_like_a_scan_of_every_span():
    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 500) for _ in range(200))]
    index = Spans(spans)
    for _ in range(500):
        a = rng.randint(0, 520)
        b = a + rng.randint(0, 20)
        assert sorted(index.containing(a, b)) == sorted(
            (s, e) for s, e in spans if s <= a and b <= e
        )
        if b > a:
            assert sorted(index.overlapping(a, b)) == sorted(
                (s, e) for s, e in spans if s < b and a < e
            )
        assert sorted(index.starting_in(a, b)) == sorted((s, e) for s, e in spans if a <= s < b)


def test_find_all_many_equals_one_find_all_per_needle():
    needles = [
        ("zelvatrimab", False),
        ("zelvatrimab", True),
        ("Zelvatrimab", True),
        ("Qian", True),
        ("acme bio", False),
        ("ACME", True),
        ("Hospital", False),
    ]
    found = find_all_many(TEXT, needles)
    for needle, case_sensitive in needles:
        assert found[(needle, case_sensitive)] == find_all(TEXT, needle, case_sensitive)


def test_occurrences_equal_one_regex_per_word():
    words = ["Qian", "zelvatrimab", "Acme Bio", "ZEL-1"]
    before, after = re.compile(r"[\w.-]"), re.compile(r"[\w-]")
    found = occurrences(TEXT, words, before, after)
    for word in words:
        pattern = r"(?<![\w.-])" + re.escape(word) + r"(?![\w-])"
        assert found[word] == [m.span() for m in re.finditer(pattern, TEXT)]


def test_count_many_equals_str_count_per_word():
    words = ["zelvatrimab", "Zelvatrimab", "Qian", "aa", "aba", "ZEL-1", "absent", "Acme Bio"]
    texts = [TEXT, "aaaaa abababa aa", TEXT * 3 + "aaa"]
    for text in texts:
        assert count_many(text, words) == {w: text.count(w) for w in words}
    # more words than the str.find fallback handles: the automaton path
    many = [f"w{i}" for i in range(40)] + words
    assert count_many(TEXT + " w1 w12 w12", many) == {
        w: (TEXT + " w1 w12 w12").count(w) for w in many
    }


def test_word_before_period_is_the_regex_on_the_sentence_so_far():
    rng = random.Random(3)
    alphabet = ["a", "Z", "é", "5", "_", ".", " ", "-", "(", "\n", "Dr", "e.g", "Inc"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) + "."
        dot = len(text) - 1
        start = rng.randint(0, dot)
        found = re.search(r"([\w.]+)\.$", text[start : dot + 1])
        assert word_before_period(text, start, dot) == (found.group(1) if found else "")


def test_name_first_patterns_tried_at_capitals_find_what_finditer_finds():
    """people's NAME-first rules are tried only where a name can start (a capital)."""
    assert all(people._NAME_START.match(w) for w in people._V["compound_given_name_firsts"])
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("eval/*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*.txt"))]
    rng = random.Random(5)
    pieces = [
        "Jane Roe",
        ", MD, PhD",
        " Pier Luigi Zinzani",
        ", professor of medicine",
        "Dr.",
        " and ",
        "Ana",
        "O'Brien",
        ",",
        " ",
        "x",
        "Jean-Luc de la Roe",
    ]
    texts += ["".join(rng.choice(pieces) for _ in range(30)) for _ in range(200)]
    found = 0
    for pattern, starts_of in (
        (people._DEGREE_RE, people._name_starts),
        (people._ROLE_RE, people._name_starts),
        (people._LEADS_RE, people._leads_starts),
    ):
        for text in texts:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            starts = starts_of(text)
            assert [(m.span(), m.groups()) for m in finditer_at(pattern, text, starts)] == expected
            found += len(expected)
    assert found > 20
    # A search in a window (the name before a site) is the pattern's search there.
    for text in texts:
        starts = people._name_starts(text)
        for hi in range(0, len(text), 7):
            lo = max(0, hi - 70)
            expected = people._BEFORE_SITE_RE.search(text, lo, hi)
            got = search_at(people._BEFORE_SITE_RE, text, starts, lo, hi)
            assert (got and (got.span(), got.groups())) == (
                expected and (expected.span(), expected.groups())
            )


def test_word_finders_prefiltered_by_word_endings_find_the_same_words():
    """The INN candidates are whole words whose ending the regex engine checks first; the
    candidates are the matches of the plain pattern (and the disease heads' word shortcut
    finds what its pattern finds)."""
    from loaders.extract import diseases, drugs

    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("eval/*/*.txt"))]
    rng = random.Random(11)
    words = [*drugs._STEMS, *diseases._SUFFIXES, *diseases._HEADS]
    pieces = ["zelva", "Tumor", "CANCER", "-", "’s", " ", " ", ", ", "x", "Ab", "é", "_"]
    for _ in range(300):
        parts = [rng.choice(words + pieces) for _ in range(25)]
        texts.append("".join(p.upper() if rng.random() < 0.1 else p for p in parts))
    inn = head = 0
    for text in texts:
        expected = [m.span() for m in drugs._INN.finditer(text)]
        assert [m.span() for m in drugs._inn_candidates(text)] == expected
        inn += len(expected)
        expected = [m.span() for m in diseases._HEAD_CANDIDATE.finditer(text)]
        assert [m.span() for m in diseases._head_candidates(text)] == expected
        head += len(expected)
    assert inn > 100 and head > 100


def test_few_words_are_found_by_str_find_as_the_automaton_finds_them(monkeypatch):
    from loaders.extract import text as text_module

    rng = random.Random(13)
    for _ in range(50):
        hay = "".join(rng.choice("ab -Aé") for _ in range(300))
        words = list(
            dict.fromkeys(
                "".join(rng.choice("ab -Aé") for _ in range(rng.randint(1, 4)))
                for _ in range(rng.randint(1, 12))
            )
        )
        few = sorted(text_module._every_occurrence(words, hay))
        monkeypatch.setattr(text_module, "_FEW_WORDS", 0)
        assert sorted(text_module._every_occurrence(words, hay)) == few
        monkeypatch.setattr(text_module, "_FEW_WORDS", 12)
        assert len(few) > 0


def test_search_from_a_literal_finds_what_search_finds():
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("eval/*/*.txt"))]
    rng = random.Random(11)
    pieces = ["Duality", "Du", "ality", "Bio", "Biologics", "Therapeutics", " ", " ", "-", "x"]
    texts += ["".join(rng.choice(pieces) for _ in range(200)) for _ in range(100)]
    for prefix in ("Duality", "Bio", "ality", "Du", "x"):
        pattern = re.compile(rf"\b{re.escape(prefix)}[ ](?:Biologics|Bio|Therapeutics)\b")
        for text in texts:
            expected = pattern.search(text)
            found = search_from(pattern, text, prefix)
            assert (found and found.span()) == (expected and expected.span()), prefix


def test_hyphen_and_cue_folding_change_only_their_characters():
    # Unicode hyphens become "-" (same length, offsets kept); for case-blind cue words the
    # dotted and dotless I read as "i" before case folding. Checked against a per-character
    # table (str.translate) on the corpus and on random strings holding those characters.
    hyphens = str.maketrans({c: "-" for c in "\u2010\u2011"})
    i_forms = str.maketrans({"\u0130": "i", "\u0131": "i"})
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("eval/*/*.txt"))]
    texts += ["".join(rng.choice("aZ-\u2010\u2011\u0130\u0131\u00df \n") for _ in range(80))]
    texts += ["HER2\u2011positive ABP\u2010102 \u0130STANBUL Diyarbak\u0131r"]
    for text in texts:
        assert fold_hyphens(text) == text.translate(hyphens)
        assert len(fold_hyphens(text)) == len(text)
        assert cue_fold(text) == text.translate(i_forms).casefold()
