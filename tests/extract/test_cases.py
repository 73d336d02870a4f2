"""Data-driven extraction cases (tests/extract/cases/**/*.toml), one parametrised test.

Each case is a short text written for the test, tagged by the family (module) and the rule
it exercises, with checks on what `extract_text` finds. Check keys, per entity type or
relationship type:
  names / has / lacks / has_casefold / lacks_containing / lacks_starting / count .<Type>
  aliases."<Type>:<name>" (subset of the entity's aliases), xrefs."<Type>:<name>",
  forms.<Type> (lists: some entity has all of them among its name and aliases),
  rels / has_rels / lacks_rels .<TYPE> ([from, to] pairs), count_rels.<TYPE>,
  rel_targets / rel_targets_include / rel_targets_exclude .<TYPE> (target names).
A case whose rule is a relation rule ("develops.paren_makers") also needs a fact with it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from graph.ontology import RELATIONSHIP_TYPES
from loaders.extract import extract_text

CASES_DIR = Path(__file__).parent / "cases"
CASES = [
    case
    for path in sorted(CASES_DIR.rglob("*.toml"))
    for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]
]
RELATION_FAMILIES = {t.type.lower() for t in RELATIONSHIP_TYPES}
KNOWN_KEYS = {
    "id", "family", "rule", "text", "names", "has", "lacks", "has_casefold",
    "lacks_containing", "lacks_starting", "count", "aliases", "xrefs", "forms", "rels",
    "has_rels", "lacks_rels", "count_rels", "rel_targets", "rel_targets_include",
    "rel_targets_exclude",
}  # fmt: skip


def _names(result: dict, etype: str) -> set[str]:
    return {e["name"] for e in result["entities"] if e["type"] == etype}


def _entity(result: dict, ref: str) -> dict:
    etype, _, name = ref.partition(":")
    for e in result["entities"]:
        if e["type"] == etype and e["name"] == name:
            return e
    raise AssertionError(f"no {etype} named {name!r} in {_names(result, etype)}")


def _pairs(result: dict, rtype: str) -> set[tuple[str, str]]:
    return {(r["from"]["name"], r["to"]["name"]) for r in result["relations"] if r["type"] == rtype}


def _check(case: dict, result: dict) -> None:
    for etype, want in case.get("names", {}).items():
        assert _names(result, etype) == set(want)
    for etype, want in case.get("has", {}).items():
        assert set(want) <= _names(result, etype)
    for etype, unwanted in case.get("lacks", {}).items():
        assert not set(unwanted) & _names(result, etype)
    for etype, want in case.get("has_casefold", {}).items():
        assert {w.casefold() for w in want} <= {n.casefold() for n in _names(result, etype)}
    for etype, parts in case.get("lacks_containing", {}).items():
        assert not any(p in n for p in parts for n in _names(result, etype))
    for etype, prefixes in case.get("lacks_starting", {}).items():
        assert not any(n.startswith(tuple(prefixes)) for n in _names(result, etype))
    for etype, n in case.get("count", {}).items():
        assert len(_names(result, etype)) == n, _names(result, etype)
    for ref, want in case.get("aliases", {}).items():
        assert set(want) <= set(_entity(result, ref)["aliases"])
    for ref, want in case.get("xrefs", {}).items():
        assert set(want) <= set(_entity(result, ref)["properties"].get("xrefs", []))
    for etype, groups in case.get("forms", {}).items():
        forms = [{e["name"], *e["aliases"]} for e in result["entities"] if e["type"] == etype]
        for group in groups:
            assert any(set(group) <= f for f in forms), (group, forms)
    for rtype, want in case.get("rels", {}).items():
        assert _pairs(result, rtype) == {tuple(p) for p in want}
    for rtype, want in case.get("has_rels", {}).items():
        assert {tuple(p) for p in want} <= _pairs(result, rtype)
    for rtype, unwanted in case.get("lacks_rels", {}).items():
        assert not {tuple(p) for p in unwanted} & _pairs(result, rtype)
    for rtype, n in case.get("count_rels", {}).items():
        assert len(_pairs(result, rtype)) == n
    for rtype, want in case.get("rel_targets", {}).items():
        assert {t for _, t in _pairs(result, rtype)} == set(want)
    for rtype, want in case.get("rel_targets_include", {}).items():
        assert set(want) <= {t for _, t in _pairs(result, rtype)}
    for rtype, unwanted in case.get("rel_targets_exclude", {}).items():
        assert not set(unwanted) & {t for _, t in _pairs(result, rtype)}


def test_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    for case in CASES:
        assert set(case) <= KNOWN_KEYS, (case["id"], set(case) - KNOWN_KEYS)
        assert {"id", "family", "rule", "text"} <= set(case), case["id"]
        assert set(case) - {"id", "family", "rule", "text"}, f"{case['id']} checks nothing"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['family']}:{c['rule']}:{c['id']}" for c in CASES])
def test_case(case: dict):
    result = extract_text(case["text"], "case.txt")
    _check(case, result)
    if case["rule"].split(".")[0] in RELATION_FAMILIES:
        rules = {r["evidence"]["rule"] for r in result["relations"]}
        assert case["rule"] in rules, f"no fact carries {case['rule']}: {sorted(rules)}"
