"""Text helpers: sentence spans, whole-word search and normalized keys."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick_rs

from loaders.extract import fastre as re
from loaders.extract.wordlists import vocabulary

_V = vocabulary()


def _latin_class(pred) -> str:
    """A character-class body of the Latin letters (ASCII to Latin Extended-B) that pass pred."""
    chars = [chr(c) for c in range(0x41, 0x250) if chr(c).isalpha() and pred(chr(c))]
    return "".join(re.escape(c) for c in chars)


#: Upper/lower-case letters for regex classes, so "Sjögren" or "Charité" are one word
#: (ASCII [A-Z]/[a-z] cut names at the first accented letter).
UPPER = _latin_class(str.isupper)
LOWER = _latin_class(str.islower)

#: Unicode hyphens (U+2010, the non-breaking U+2011 of press-release tools) read as "-",
#: one character for one, so "ABP\u2011102" or "HER2\u2011positive" match the rules'
#: patterns and offsets stay those of the original text.
_HYPHENS = tuple(dict.fromkeys(_V["hyphen_variants"]))
assert all(len(c) == 1 for c in _HYPHENS), "hyphen variants are single characters"


def fold_hyphens(text: str) -> str:
    """The text with every Unicode hyphen variant as an ASCII hyphen (same length).

    One `str.replace` per variant (a fast search that copies nothing when the variant is
    absent) instead of `str.translate`, which looks every character up in a table."""
    for c in _HYPHENS:
        text = text.replace(c, "-")
    return text


#: Words a name's initials leave out ("non-small cell lung cancer" -> nsclc).
_SKIP_INITIALS = frozenset({"or", "and", "of", "the", "with", "and/or"})


def initials(name: str) -> str:
    """The lower-case initials of a name's words, as an abbreviation spells them."""
    words = [w for w in re.split(r"[\s/-]+", name.lower()) if w and w not in _SKIP_INITIALS]
    return "".join(w[0] for w in words if w[0].isalnum())


#: What ends a paragraph's last line: a line that ends otherwise was cut by a fixed width.
_LINE_END = frozenset(".!?:;\"”’')]")
#: A line that starts a list item keeps its own line.
_LIST_ITEM = re.compile(r"\s*(?:[-*•·▪]\s|\d{1,2}[.)]\s)")


def unwrap_hard_wraps(text: str) -> str:
    """text.hard_wrap: a text cut into lines of a fixed width (wire copy, e-mail, a PDF's text
    layer) with every line break inside a sentence read as a space, one character for one.

    Every line break ends a sentence for the sentence splitter, so "its drug for\\nAlzheimer's
    disease" would never be one sentence. A text is hard-wrapped when most of its lines are
    short (at most 110 characters at the 80th percentile) and at least two full lines run on
    into a line that starts in lower case; texts with one paragraph per line are left alone.
    In a hard-wrapped text a break is kept after a short line that ends a sentence (a
    paragraph's end), before a list item and around blank lines.
    """
    if text.count("\n") < 4:
        return text
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 5:
        return text
    width = lengths[int(len(lengths) * 0.8)]
    if not 30 <= width <= 110:
        return text
    full = 0.6 * width
    runs_on = 0
    for line, following in zip(lines, lines[1:], strict=False):
        line, following = line.rstrip(), following.lstrip()
        if len(line) >= full and line[-1] not in _LINE_END and following[:1].islower():
            runs_on += 1
            if runs_on >= 2:
                break
    if runs_on < 2:
        return text
    joints = []
    for line, following in zip(lines, lines[1:], strict=False):
        end = line.rstrip()
        joins = (
            bool(end)
            and bool(following.strip())
            and not _LIST_ITEM.match(following)
            and (end[-1] not in _LINE_END or len(end) >= 0.75 * width)
        )
        joints.append(" " if joins else "\n")
    return "".join(line + joint for line, joint in zip(lines, joints, strict=False)) + lines[-1]


#: Words ending in a period that do not end a sentence.
_NO_BREAK = set(_V["sentence_no_break_words"])

#: text.footnote_mark: a footnote or reference mark after the period ("... Greater China.*
#: The drug ...", "... in 2024.† It ...", "... obesity.¹ The ...") does not hide the break.
_BREAK = re.compile(r"[.!?]+[\"'”’)*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]*\s+(?=[\"“'‘(]?[^\W_a-z])|\n\s*")


#: text.wrapped_line: one line break after a line that ends without sentence punctuation,
#: before a lower-case word ("... on Sunday, Roche\nrevealed the data"): a wrapped line, the
#: sentence goes on.
_LINE_GAP = re.compile(r"\n[^\S\n]*")
_LINE_END_STOPS = frozenset('.!?:;"”)]•')


def _wrapped_line(text: str, m: re.Match) -> bool:
    """text.wrapped_line (see above)."""
    end = m.end()
    if end >= len(text) or not text[end].islower() or not _LINE_GAP.fullmatch(m.group(0)):
        return False
    p = m.start()
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    return p > 0 and text[p - 1] != "\n" and text[p - 1] not in _LINE_END_STOPS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break ends one, except inside a wrapped sentence
    (`_wrapped_line`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if _wrapped_line(text, m):
            continue
        if m.group(0)[0] == ".":
            word = word_before_period(text, start, m.start()).lower()
            if word in _NO_BREAK or (len(word) == 1 and word.isalpha()):
                continue
            if word in {"inc", "ltd", "corp", "co"} and text[m.end() : m.end() + 1] == "(":
                continue  # "Acme, Inc. (NASDAQ: ACME) ...": the ticker, not a new sentence
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def word_before_period(text: str, start: int, dot: int) -> str:
    """The run of word characters and periods right before the period at `dot`, not before
    `start` ("e.g" for "e.g."): the `([\\w.]+)\\.$` of text[start : dot + 1], found by
    stepping back from the period instead of trying that regex at every position of the
    sentence so far."""
    p = dot
    while p > start and (text[p - 1] == "." or text[p - 1] == "_" or text[p - 1].isalnum()):
        p -= 1
    return text[p:dot]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def fold(s: str) -> str:
    """NFKC, curly quotes made straight, whitespace collapsed."""
    s = unicodedata.normalize("NFKC", s).replace("’", "'").replace("‘", "'")
    s = s.replace("‐", "-").replace("‑", "-").replace("–", "-")
    return " ".join(s.split())


@lru_cache(maxsize=65536)  # pure, and asked again for every mention of a name
def key(s: str) -> str:
    """Case- and punctuation-blind key of a name: 'BAT-4406F' and 'BAT4406F' agree."""
    s = fold(s).casefold()
    return re.sub(r"[^\w]|_", "", s)


@lru_cache(maxsize=65536)  # pure, and asked again for every mention of a name
def words_key(s: str) -> str:
    """Like key() but keeps word boundaries as '-', for readable ids."""
    s = fold(s).casefold()
    return "-".join(w for w in re.split(r"[^\w]+|_", s) if w)


def is_word_boundary(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters/digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def find_all(
    text: str, needle: str, case_sensitive: bool = True, lowered: str | None = None
) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `needle` in `text` (plain string search, no regex).

    `lowered` may pass text.lower() in when calling many times; it must have
    the same length as `text` for case-insensitive search to be used.
    """
    hay = text
    if not case_sensitive:
        hay = lowered if lowered is not None else text.lower()
        if len(hay) != len(text):
            hay, needle_l = text, needle
        else:
            needle_l = needle.lower()
    else:
        needle_l = needle
    out = []
    n = len(needle_l)
    i = hay.find(needle_l)
    while i >= 0 and n:
        if is_word_boundary(text, i, i + n):
            out.append((i, i + n))
        i = hay.find(needle_l, i + 1)
    return out


class Spans:
    """(start, end) spans sorted by start, to ask which contain or overlap a range.

    Why: rules ask "is this inside a drug name?" for every candidate; scanning every span
    each time made long documents quadratic. A lookup costs a bisection plus the spans
    near the range.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self._longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans (s, e) with s < end and start < e."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [(s, e) for s, e in self.spans[lo:hi] if start < e]

    def containing(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans (s, e) with s <= start and end <= e."""
        lo = bisect.bisect_left(self._starts, end - self._longest)
        hi = bisect.bisect_right(self._starts, start)
        return [(s, e) for s, e in self.spans[lo:hi] if end <= e]

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans whose start s satisfies lo <= s < hi."""
        return self.spans[
            bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)
        ]


#: Up to this many words, `_every_occurrence` runs one str.find loop per word.
_FEW_WORDS = 12


def _every_occurrence(words: list[str], hay: str) -> list[tuple[int, int, int]]:
    """(word index, start, end) of every occurrence of every word in `hay`, overlapping ones
    too (an Aho-Corasick pass; for a few words, str.find per word). Built per document: the
    automaton is a contiguous NFA, since the library's default, a DFA, costs more to build
    for a small list (~40 us for 7 words) than it saves in the search of a news item."""
    if len(words) <= _FEW_WORDS:
        out = []
        for idx, word in enumerate(words):
            n = len(word)
            i = hay.find(word)
            while i >= 0:
                out.append((idx, i, i + n))
                i = hay.find(word, i + 1)
        return out
    matcher = ahocorasick_rs.AhoCorasick(
        words, implementation=ahocorasick_rs.Implementation.ContiguousNFA
    )
    return matcher.find_matches_as_indexes(hay, overlapping=True)


def occurrences(
    text: str, words: Iterable[str], before: re.Pattern, after: re.Pattern
) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of each word (case-sensitive) not preceded by a `before` character
    nor followed by an `after` character: one Aho-Corasick pass for all words, instead of
    one regex search of the whole text per word."""
    words = list(dict.fromkeys(w for w in words if w))
    found: dict[str, list[tuple[int, int]]] = {w: [] for w in words}
    if not words:
        return found
    for idx, start, end in _every_occurrence(words, text):
        if start > 0 and before.match(text, start - 1):
            continue
        if end < len(text) and after.match(text, end):
            continue
        found[words[idx]].append((start, end))
    for spans in found.values():
        spans.sort()
    return found


def find_all_many(
    text: str, needles: Iterable[tuple[str, bool]], lowered: str | None = None
) -> dict[tuple[str, bool], list[tuple[int, int]]]:
    """`find_all(text, needle, case_sensitive)` for many (needle, case_sensitive) at once.

    One Aho-Corasick pass over the text (and one over its lower-case form) instead of one
    scan per needle: propagating every surface form of every entity stays linear.
    """
    hay_lower = lowered if lowered is not None else text.lower()
    same_length = len(hay_lower) == len(text)
    exact: dict[str, list[tuple[str, bool]]] = {}
    folded: dict[str, list[tuple[str, bool]]] = {}
    found: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    for needle, case_sensitive in needles:
        if (needle, case_sensitive) in found:
            continue
        found[(needle, case_sensitive)] = []
        if not needle:
            continue
        if case_sensitive or not same_length:
            exact.setdefault(needle, []).append((needle, case_sensitive))
        else:
            folded.setdefault(needle.lower(), []).append((needle, case_sensitive))
    for hay, patterns in ((text, exact), (hay_lower, folded)):
        if not patterns:
            continue
        keys = list(patterns)
        for idx, start, end in _every_occurrence(keys, hay):
            if is_word_boundary(text, start, end):
                for wanted in patterns[keys[idx]]:
                    found[wanted].append((start, end))
    for spans in found.values():
        spans.sort()
    return found


def count_many(text: str, words: Iterable[str]) -> dict[str, int]:
    """`text.count(word)` (non-overlapping, anywhere) for many words in one pass. Why: a rule
    asking "is this name written twice?" per candidate scanned the whole text each time."""
    words = list(dict.fromkeys(w for w in words if w))
    spans: dict[str, list[tuple[int, int]]] = {w: [] for w in words}
    if words:
        for idx, start, end in _every_occurrence(words, text):
            spans[words[idx]].append((start, end))
    return {w: len(leftmost_matches(sorted(found))) for w, found in spans.items()}


def leftmost_matches(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of sorted occurrences of one word, those a regex `finditer` of that word would
    return: left to right, each starting at or after the end of the one before."""
    out: list[tuple[int, int]] = []
    last = -1
    for start, end in spans:
        if start >= last:
            out.append((start, end))
            last = end
    return out


class Claimed:
    """Spans taken so far, asked "does (start, end) overlap any?" as more are added.

    Why: a list scanned with `any(s < end and start < e ...)` for every candidate made
    long documents quadratic; here each character of the text is marked once it is taken.
    Same answers as that scan (spans that cover no character are kept aside and scanned).
    """

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()):
        self._marks = bytearray(size)
        self._all: list[tuple[int, int]] = []
        self._odd: list[tuple[int, int]] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self._all.append((start, end))
        if 0 <= start < end <= len(self._marks):
            self._marks[start:end] = b"\x01" * (end - start)
        else:
            self._odd.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        if not 0 <= start < end <= len(self._marks):
            return any(s < end and start < e for s, e in self._all)
        if self._marks.find(1, start, end) >= 0:
            return True
        return any(s < end and start < e for s, e in self._odd)


def finditer_at(pattern: re.Pattern, text: str, starts: Iterable[int]):
    """`pattern.finditer(text)`, given sorted positions that include every place where a
    match of `pattern` can start (say, every capital letter for a pattern that starts with
    a name): the pattern is tried only there, left to right, each try after the end of the
    match before, as `finditer` does. Why: a pattern whose first step is an optional group
    or a lookaround is tried by the regex engine at every character of the text."""
    last = 0
    for p in starts:
        if p < last:
            continue
        m = pattern.match(text, p)
        if m is None:
            continue
        if m.end() == p:  # an empty match: finditer's rules for those are not copied here
            yield from pattern.finditer(text, p)
            return
        yield m
        last = m.end()


def search_at(
    pattern: re.Pattern, text: str, starts: list[int], lo: int, hi: int
) -> re.Match | None:
    """`pattern.search(text, lo, hi)`, given sorted positions that include every place where
    a match can start (as for `finditer_at`): the pattern is tried only at those in [lo, hi]."""
    for i in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
        m = pattern.match(text, starts[i], hi)
        if m is not None:
            return m
    return None


def search_from(pattern: re.Pattern, text: str, literal: str) -> re.Match | None:
    """`pattern.search(text)` for a pattern every match of which begins with `literal`:
    the pattern is tried only where the literal occurs (found by `str.find`) instead of at
    every character. Why: a per-name whole-text search ("Duality" + a corporate word) run
    for every name made a long document quadratic."""
    if not literal:
        return pattern.search(text)
    i = text.find(literal)
    while i >= 0:
        m = pattern.match(text, i)
        if m is not None:
            return m
        i = text.find(literal, i + 1)
    return None


#: A gene symbol joined to a disease's short form names the disease's genetic subtype ("FUS-ALS",
#: "SOD1-ALS", "NPM1-AML"): a Disease (diseases.gene_subtype), never a Target.
_SUBTYPE_SHORT_FORMS = sorted(_V["disease_gene_subtype_abbreviations"], key=len, reverse=True)
GENE_SUBTYPE = re.compile(
    r"(?<![\w-])[A-Z][A-Z0-9]{1,6}-(?:" + "|".join(_SUBTYPE_SHORT_FORMS) + r")(?![\w-])"
)
