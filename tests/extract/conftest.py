"""Helpers for the extractor tests: run the pipeline on sentences written for the tests."""

from __future__ import annotations

import pytest

from loaders.extract import extract_text


def names(result: dict, etype: str) -> set[str]:
    return {e["name"] for e in result["entities"] if e["type"] == etype}


def entity(result: dict, etype: str, name: str) -> dict:
    for e in result["entities"]:
        if e["type"] == etype and e["name"] == name:
            return e
    raise AssertionError(f"no {etype} named {name!r} in {names(result, etype)}")


def rels(result: dict, rtype: str) -> set[tuple[str, str]]:
    return {(r["from"]["name"], r["to"]["name"]) for r in result["relations"] if r["type"] == rtype}


@pytest.fixture
def extract():
    def run(text: str) -> dict:
        return extract_text(text, "test.txt")

    return run
