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

    @classmethod
    def read(cls, text: str) -> Doc:
        return cls(text, sentence_spans(text), find_abbreviations(text))

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence span containing `pos` (or the nearest one before it)."""
        starts = [s for s, _ in self.sentences]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def abbreviation_after(self, end: int) -> Abbreviation | None:
        """The abbreviation whose long form ends at `end`, if any."""
        for a in self.abbreviations:
            if a.long_end == end:
                return a
        return None
