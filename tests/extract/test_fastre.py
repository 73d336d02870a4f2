"""`fastre` finds exactly what `re` finds: every pattern it gives a first-character set is
compared with `re`'s own compilation of it, on the corpus texts and on edge cases built from
every match (word boundaries after letters, digits, underscores, punctuation, line breaks
and non-ASCII letters; the match in other cases and with the letters a case-blind pattern
also matches: Kelvin sign, long s, dotted and dotless I)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from loaders.extract import extract_text, fastre

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [
    *sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt")),
    *sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt")),
    *sorted(ROOT.glob("eval/*/*.txt")),
    *sorted(ROOT.glob("examples/*.txt")),
]
#: What may stand right before or after a match: nothing, letters, digits, the underscore,
#: punctuation, spaces and line breaks, non-ASCII letters.
EDGES = ["", "a", "Z", "7", "_", "-", ".", " ", "\n", "é", "ß", "Ä", "’", "(", "K", "ſ"]


def _case_variants(s: str) -> list[str]:
    """The text in other cases, and with letters a case-blind regex reads as ASCII ones."""
    odd = s.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131")
    return [s, s.upper(), s.lower(), s.swapcase(), odd, s.replace("I", "\u0130")]


def _found(pattern: re.Pattern, text: str, pos: int = 0) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos)]


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    assert len(texts) > 80
    for i, text in enumerate(texts):  # compiles the rules' per-document patterns too
        extract_text(text, f"doc{i}")
    return texts


@pytest.fixture(scope="module")
def quickened(corpus) -> list[tuple[re.Pattern, re.Pattern]]:
    pairs = [(q, fastre.plain(q)) for q in list(fastre.REWRITTEN.values())]
    assert len(pairs) > 150  # most of the rules' scans get a set
    return pairs


def test_every_quickened_pattern_finds_the_same_in_the_corpus(corpus, quickened):
    found = 0
    for quick, plain in quickened:
        for text in corpus:
            expected = _found(plain, text)
            assert _found(quick, text) == expected, (plain.pattern[:200], text[:80])
            found += len(expected)
    assert found > 10_000


def test_every_quickened_pattern_finds_the_same_at_edges(corpus, quickened):
    """Each pattern's own corpus matches, in other cases and between other neighbours, and
    searched from every start position (a lookbehind or \\b reads the text before it)."""
    rng = random.Random(12)
    checked = 0
    for quick, plain in quickened:
        seen: set[str] = set()
        for text in corpus:
            for m in plain.finditer(text):
                if m.group(0) not in seen and len(seen) < 12:
                    seen.add(m.group(0))
        for hit in sorted(seen):
            for variant in _case_variants(hit):
                before, after = rng.sample(EDGES, 2)
                for s in (variant, before + variant + after, before + before + variant + "\n"):
                    for pos in range(min(len(s), 4)):
                        assert _found(quick, s, pos) == _found(plain, s, pos), (plain.pattern, s)
                        a, b = quick.search(s, pos, len(s) - 1), plain.search(s, pos, len(s) - 1)
                        assert (a and a.span()) == (b and b.span()), (plain.pattern, s)
                    checked += 1
    assert checked > 5_000


def test_every_other_pattern_is_compiled_exactly_as_re_compiles_it(corpus):
    """Patterns without a set: same source, flags and code (what `==` compares)."""
    others = [(k, p) for k, p in list(fastre._CACHE.items()) if k not in fastre.REWRITTEN]
    assert len(others) > 100
    for (source, flags), compiled in others:
        assert compiled == re.compile(source, flags), source


def test_random_text_finds_the_same(quickened):
    rng = random.Random(5)
    alphabet = "abcdeiksty ABCIKST019_-.,;:'’()\n\téßÄİıſ\u212a\U0001d400"
    texts = ["".join(rng.choice(alphabet) for _ in range(400)) for _ in range(20)]
    for quick, plain in quickened:
        for text in texts:
            assert _found(quick, text) == _found(plain, text), plain.pattern


def test_a_pattern_keeps_its_source_flags_and_groups():
    source = r"\b(?P<word>alpha|beta)\s+(\d+)"
    quick = fastre.compile(source, re.IGNORECASE)
    assert (source, re.IGNORECASE) in fastre.REWRITTEN
    plain = re.compile(source, re.IGNORECASE)
    assert (quick.pattern, quick.flags, quick.groups, quick.groupindex) == (
        plain.pattern,
        plain.flags,
        plain.groups,
        plain.groupindex,
    )
    m = quick.search("x, BETA 12")
    assert m.group("word", 2) == ("BETA", "12") and m.span() == (3, 10)


def test_case_blind_letters_read_as_ascii_ones_are_found():
    for source, text in [
        (r"(?i)\bkinase\b", "a \u212ainase"),  # Kelvin sign
        (r"(?i)\b(?:sites|studies)\b", "\u017fites"),  # long s
        (r"(?i)\binhibitor", "\u0131nhibitor"),  # dotless i
        (r"(?i)\binhibitor", "\u0130NHIBITOR"),  # dotted capital I
    ]:
        assert re.search(source, text), source
        assert fastre.compile(source).search(text).span() == re.search(source, text).span()


def test_boundaries_at_the_start_and_after_a_search_position():
    quick = fastre.compile(r"\b(?:trial|study)\b")
    assert quick.search("trial").span() == (0, 5)
    assert quick.search("a_trial") is None and quick.search("1trial") is None
    assert quick.search("éstudy") is None and quick.search("-study").span() == (1, 6)
    # A search that starts inside a word still sees the letters before it, as re does.
    assert quick.search("xtrial", 1) is None
    assert quick.search("x trial", 2).span() == (2, 7)


def test_patterns_the_engine_already_skips_ahead_for_are_left_to_re():
    for source in [r"Phase\s+\d", r"[A-Z][a-z]\d+", r"(?:alpha|beta)\b", r"^(?:The|A)\s"]:
        fastre.compile(source)
        assert (source, 0) not in fastre.REWRITTEN, source
    # Nor a pattern whose first character may be almost anything, nor one that can be empty.
    for source in [r"\b\w+", r"(?<![\w-])[^\W_][\w-]*", r"\b(?:the\s+)?", r"(\S+)\s*$"]:
        fastre.compile(source)
        assert (source, 0) not in fastre.REWRITTEN, source


def test_a_leading_repeat_gets_a_set_re_does_not_give_it():
    quick = fastre.compile(r"[A-Z]{2,}\d+")
    assert (quick.pattern, 0) in fastre.REWRITTEN
    assert quick.findall("x AB12, CD 3, EF45") == ["AB12", "EF45"]


def test_optional_items_and_lookarounds_before_the_first_character():
    quick = fastre.compile(r"(?<![\w-])(?:the\s+)?(?=[A-Z])(?:[A-Z][a-z]+|\d+)")
    assert (quick.pattern, 0) in fastre.REWRITTEN
    for text in ["the Acme", "x-the Acme", "the 12", "Acme", "_Acme the Bcd"]:
        assert _found(quick, text) == _found(fastre.plain(quick), text), text


def test_letters_beyond_the_basic_plane_are_first_characters_too():
    source = r"(?<![\w-])[^\W\d_a-z][a-z]+Q"  # a capital, however it is written
    quick = fastre.compile(source)
    assert (source, 0) in fastre.REWRITTEN
    text = "Ωabc \U0001d400bcQ"
    assert quick.search(text).span() == re.search(source, text).span() == (5, 9)
