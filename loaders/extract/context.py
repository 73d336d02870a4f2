"""The document being read, with what every step needs: sentences, abbreviations."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from loaders.extract.abbreviations import Abbreviation, find_abbreviations
from loaders.extract.text import sentence_spans


@dataclass
class Doc:
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)

    _starts: list[int] = field(default_factory=list)

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
        """The abbreviation whose long form ends at `end`, if any."""
        for a in self.abbreviations:
            if a.long_end == end:
                return a
        return None
