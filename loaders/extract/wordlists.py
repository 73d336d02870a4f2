"""The rules' word lists (`data/vocabulary.json`), loaded once.

Why a module of its own: every rule module reads its words from here, including
`text.py`, which `lexicon.py` itself imports; this one imports nothing of the project.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

DATA = resources.files("loaders.extract") / "data"


@lru_cache
def vocabulary() -> dict:
    """Generic word lists used by the rules, by name (see docs/extraction.md)."""
    return json.loads((DATA / "vocabulary.json").read_text(encoding="utf-8"))


def words(name: str) -> list[str]:
    """One named word list of the vocabulary."""
    return list(vocabulary()[name])
