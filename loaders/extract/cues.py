"""Cue words: one pass over a document tells each rule whether it can match there at all.

Why: most rules are whole-text regex scans, and on a news item many of them find nothing;
the regex engine still tries them at every position. A rule declares a `Cue`, the literal
words at least one of which every match of its pattern contains ("-selective" for
"X-selective inhibitor"); one Aho-Corasick pass per document (two: the text as written and
case-folded) finds which cue words occur, and a rule whose cue words are all absent is
skipped. Output is unchanged by construction: a skipped rule had nothing to find. A cue
must be true of its pattern (tests/extract/test_cues.py checks every declared cue against
its pattern on the corpus); a missing cue word only costs time if it is too common.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import ahocorasick_rs

from loaders.extract import fastre as re
from loaders.extract.text import finditer_at

#: Every cue word declared, as written and case-folded: one automaton each, built on first use.
_WORDS: dict[bool, list[str]] = {False: [], True: []}
_IDS: dict[bool, dict[str, int]] = {False: {}, True: {}}
_AUTOMATA: dict[bool, tuple[int, ahocorasick_rs.AhoCorasick | None]] = {}
#: Every cue, in the order declared.
DECLARED: list[Cue] = []

#: The dotted and dotless capital/small I match "i" in a case-insensitive regex but case-fold
#: to other letters; read as "i" so a cue never misses what its pattern matches.
_I_FORMS = ("İ", "ı")


def fold(text: str) -> str:
    """The text as case-blind cue words are looked for in it (`str.replace` per form: faster
    than `str.translate`, which looks every character up in a table)."""
    for form in _I_FORMS:
        text = text.replace(form, "i")
    return text.casefold()


class Cue:
    """Words at least one of which every match of a rule's pattern contains.

    `ignore_case`: the pattern matches these words in any case ((?i:...)); the words must
    then be ASCII (the regex engine's case-blind matching of other letters is not a fold),
    else the cue never skips its rule.
    """

    def __init__(
        self,
        words: Iterable[str],
        *,
        ignore_case: bool = False,
        pattern: re.Pattern | None = None,
        lead: int | None = None,
    ):
        words = list(dict.fromkeys(words))
        self.words = tuple(words)
        self.ignore_case = ignore_case
        self.pattern = pattern  # what the words are cues of, for the test that checks them
        #: When given: every match of `pattern` has a cue word starting at most `lead`
        #: characters after the match's start, so `finditer` tries the pattern only there.
        self.lead = lead
        DECLARED.append(self)
        # An empty word, or a non-ASCII case-blind one, could occur unseen: never skip.
        self.always = not words or not all(words)
        self.always |= ignore_case and not all(w.isascii() for w in words)
        if self.always:
            self.ids = frozenset()
            return
        ids = _IDS[ignore_case]
        for w in words:
            key = fold(w) if ignore_case else w
            if key not in ids:
                ids[key] = len(_WORDS[ignore_case])
                _WORDS[ignore_case].append(key)
        self.ids = frozenset(ids[fold(w) if ignore_case else w] for w in words)

    def __repr__(self) -> str:
        return f"Cue({list(self.words)!r}, ignore_case={self.ignore_case})"


def _automaton(folded: bool) -> ahocorasick_rs.AhoCorasick | None:
    words = _WORDS[folded]
    built = _AUTOMATA.get(folded)
    if built is None or built[0] != len(words):  # a module declared more cues since
        built = (len(words), ahocorasick_rs.AhoCorasick(words) if words else None)
        _AUTOMATA[folded] = built
    return built[1]


class Present:
    """The cue words one text contains, and where."""

    def __init__(self, text: str):
        self._found: dict[bool, dict[int, list[int]]] = {}
        self._aligned = {False: True, True: True}
        for folded in (False, True):
            hits: dict[int, list[int]] = {}
            self._found[folded] = hits
            matcher = _automaton(folded)
            if matcher is None:
                continue
            hay = fold(text) if folded else text
            # Case-folding may lengthen the text ("ß" -> "ss"): positions then do not count.
            self._aligned[folded] = len(hay) == len(text)
            for i, start, _ in matcher.find_matches_as_indexes(hay, overlapping=True):
                hits.setdefault(i, []).append(start)
        #: Answers already given for this text (rules ask per sentence or per candidate).
        self._has: dict[Cue, bool] = {}
        self._starts: dict[Cue, list[int] | None] = {}

    def starts(self, cue: Cue) -> list[int] | None:
        """Where a match of `cue.pattern` may start (sorted), or None when not known."""
        if cue in self._starts:
            return self._starts[cue]
        if cue.always or cue.lead is None or not self._aligned[cue.ignore_case]:
            starts = None
        else:
            hits = self._found[cue.ignore_case]
            lead = cue.lead
            # Each hit q allows the starts q - lead .. q: the union of those ranges, in order,
            # built range by range (a set of every position cost more than the matching).
            starts = []
            ends = sorted({q for i in cue.ids for q in hits.get(i, ())})
            last = -1  # the last start added
            for q in ends:
                lo = max(q - lead, last + 1, 0)
                if lo <= q:
                    starts.extend(range(lo, q + 1))
                    last = q
        self._starts[cue] = starts
        return starts

    def occurs_in(self, cue: Cue, lo: int, hi: int) -> bool:
        """Whether a word of `cue` occurs inside text[lo:hi] (True when positions are not
        known): False means no match of the cue's pattern lies in that span, so a rule can
        skip its search of one sentence (`pattern.search(text, lo, hi)`)."""
        if cue.always or not self._aligned[cue.ignore_case]:
            return True
        hits = self._found[cue.ignore_case]
        words = _WORDS[cue.ignore_case]
        for i in cue.ids:
            starts = hits.get(i)
            if starts:
                j = bisect.bisect_left(starts, lo)
                if j < len(starts) and starts[j] + len(words[i]) <= hi:
                    return True
        return False

    def __contains__(self, cue: Cue) -> bool:
        """Whether any word of `cue` occurs: False means the cue's rule cannot match."""
        known = self._has.get(cue)
        if known is None:
            found = self._found[cue.ignore_case]
            known = self._has[cue] = cue.always or not found.keys().isdisjoint(cue.ids)
        return known


_LAST: tuple[str, int, Present] | None = None


def present(text: str) -> Present:
    """The cue words of `text`. The pass over the text is made once and kept for the next
    questions about that text (made again if cues were declared since)."""
    global _LAST
    last = _LAST
    declared = len(_WORDS[False]) + len(_WORDS[True])
    if last is None or last[0] is not text or last[1] != declared:
        last = _LAST = (text, declared, Present(text))
    return last[2]


def has(text: str, cue: Cue) -> bool:
    """Whether `text` contains a word of `cue`; False: the cue's rule finds nothing in it."""
    return cue in present(text)


def finditer(text: str, cue: Cue) -> Iterator[re.Match]:
    """`cue.pattern.finditer(text)`: nothing when no cue word occurs; with a lead, the
    pattern tried only where a cue word lets a match start (left to right, each after the
    end of the one before, as `finditer` does)."""
    pattern = cue.pattern
    assert pattern is not None
    found = present(text)
    if cue not in found:
        return  # no cue word: no match
    starts = found.starts(cue)
    if starts is None:
        yield from pattern.finditer(text)
        return
    yield from finditer_at(pattern, text, starts)
