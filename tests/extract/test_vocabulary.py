"""The rules' word lists live in one data file, and every list in it is read by a rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.wordlists import vocabulary

CODE = Path(__file__).resolve().parents[2] / "loaders" / "extract"
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CODE.rglob("*.py")))
KEYS = [k for k in vocabulary() if not k.startswith("_")]


@pytest.mark.parametrize("key", KEYS)
def test_every_word_list_is_read_by_a_rule(key: str):
    assert f'"{key}"' in SOURCE, f"vocabulary.json key {key!r} is read by no module: dead data"


@pytest.mark.parametrize("key", KEYS)
def test_every_word_list_holds_words(key: str):
    words = vocabulary()[key]
    assert words and all(isinstance(w, str) and w.strip() == w and w for w in words)
