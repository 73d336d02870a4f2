"""The document being read, with what every step needs: sentences, abbreviations."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from loaders.extract import fastre as re
from loaders.extract.abbreviations import Abbreviation, find_abbreviations
from loaders.extract.cues import Cue, has, present
from loaders.extract.text import search_from, sentence_spans

T = TypeVar("T")


@dataclass
class Doc:
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)

    _starts: list[int] = field(default_factory=list)
    _indexes: dict = field(default_factory=dict)

    @classmethod
    def read(cls, text: str) -> Doc:
        doc = cls(text, sentence_spans(text), find_abbreviations(text))
        doc._starts = [s for s, _ in doc.sentences]
        return doc

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence span containing `pos` (or the nearest one before it)."""
        if not self.sentences:
            return (0, len(self.text))
        i = max(0, bisect.bisect_right(self._starts, pos) - 1)
        return self.sentences[i]

    def abbreviation_after(self, end: int) -> Abbreviation | None:
        """The (first) abbreviation whose long form ends at `end`, if any."""
        return self._by("long_end").get(end, [None])[0]

    def abbreviation_defined_at(self, short_start: int) -> Abbreviation | None:
        """The (first) abbreviation whose short form starts at `short_start`, if any."""
        return self._by("short_start").get(short_start, [None])[0]

    def abbreviations_by(self, attribute: str, value: object) -> list[Abbreviation]:
        """The abbreviations whose `attribute` ("short", "long_start"...) is `value`, in order."""
        return self._by(attribute).get(value, [])

    def abbreviations_long_starting(self, lo: int, hi: int) -> list[Abbreviation]:
        """The abbreviations whose long form starts in [lo, hi], in document-list order."""
        if "long_start_sorted" not in self._indexes:
            ranked = sorted(
                range(len(self.abbreviations)), key=lambda i: self.abbreviations[i].long_start
            )
            self._indexes["long_start_sorted"] = (
                [self.abbreviations[i].long_start for i in ranked],
                ranked,
            )
        starts, ranked = self._indexes["long_start_sorted"]
        found = ranked[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
        return [self.abbreviations[i] for i in sorted(found)]

    def once(self, read: Callable[[str], T]) -> T:
        """`read(text)`, computed once per document: a whole-text search that every trial
        (or every candidate) would otherwise repeat, making a long document quadratic."""
        cache = self._indexes.setdefault("once", {})
        if read not in cache:
            cache[read] = read(self.text)
        return cache[read]

    def has(self, cue: Cue) -> bool:
        """Whether the text contains a word of `cue` (False: that cue's rule finds nothing
        here). Every cue is looked for in one pass per document."""
        return has(self.text, cue)

    def has_in(self, cue: Cue, start: int, end: int) -> bool:
        """Whether a word of `cue` occurs inside text[start:end] (False: that cue's pattern
        has no match there, e.g. in one sentence); from the same one pass per document."""
        return present(self.text).occurs_in(cue, start, end)

    def count_word(self, word: str) -> int:
        """How often `word` occurs not glued to letters, digits or hyphens (counted once)."""
        counts = self._indexes.setdefault("word_counts", {})
        if word not in counts:
            pattern = r"(?<![\w-])" + re.escape(word) + r"(?![\w-])"
            counts[word] = len(re.findall(pattern, self.text))
        return counts[word]

    def first_match(self, source: str, literal: str) -> re.Match | None:
        """`re.search(source, text)` for a pattern every match of which begins with `literal`,
        remembered per document (a name repeated through a long text asks again) and tried
        only where the literal occurs (`text.search_from`)."""
        found = self._indexes.setdefault("first_match", {})
        if source not in found:
            found[source] = search_from(re.compile(source), self.text, literal)
        return found[source]

    def _by(self, attribute: str) -> dict:
        """Abbreviations grouped by one attribute, built once: lookups without a scan of all."""
        index = self._indexes.get(attribute)
        if index is None:
            index = {}
            for a in self.abbreviations:
                index.setdefault(getattr(a, attribute), []).append(a)
            self._indexes[attribute] = index
        return index
