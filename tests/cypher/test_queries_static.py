"""Every example query in queries/ documents itself and uses only the model's names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import PROJECT_ROOT
from graph import ontology

QUERY_FILES = sorted((PROJECT_ROOT / "queries").glob("*.cypher"))
#: Model relationships plus the evidence relationship (SUPPORTS), which is not a fact.
RELATIONSHIPS = (*ontology.RELATIONSHIP_TYPES, ontology.EVIDENCE_RELATIONSHIP)
PROPERTY_NAMES = {p.name for n in ontology.NODE_TYPES for p in n.properties} | {
    p.name for r in RELATIONSHIPS for p in r.properties
}
LABELS = set(ontology.NODE_TYPES_BY_LABEL) | {ontology.ENTITY_LABEL}
PHASES = [p.value for p in ontology.Phase]


def _code(path: Path) -> str:
    """The query without `//` comments and with string literals blanked out."""
    lines = [line.split("//", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", "\n".join(lines))


def _strings(path: Path) -> list[str]:
    code = "\n".join(
        line.split("//", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
    )
    return re.findall(r"'((?:[^'\\]|\\.)*)'", code)


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line[2:].strip())
    return "\n".join(header)


def test_there_are_at_least_twelve_example_queries() -> None:
    assert len(QUERY_FILES) >= 12


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_starts_with_what_it_answers_and_its_params(path: Path) -> None:
    header = _header(path)
    assert header, f"{path.name} must start with a // comment saying what it answers"
    match = re.search(r"^params:(.*)$", header, re.MULTILINE)
    assert match, f"{path.name} must have a '// params: ...' line"
    declared = header[match.start() :]
    used = set(re.findall(r"\$(\w+)", _code(path)))
    if not used:
        assert match.group(1).strip() == "none", f"{path.name} takes no parameters: say 'none'"
    for name in used:
        assert re.search(rf"\b{name}\b", declared), f"{path.name}: ${name} not in its params line"


def _names_used(path: Path) -> set[str]:
    """Labels and relationship types written as `:Name` (or `:A|B`) in the query."""
    groups = re.findall(r":(\w+(?:\s*\|\s*\w+)*)", _code(path))
    return {name for group in groups for name in re.split(r"\s*\|\s*", group)}


def _model_problems(path: Path) -> list[str]:
    """Every label, relationship type, property or label/phase literal not in the ontology."""
    problems = []
    for name in _names_used(path):
        known = {r.type for r in RELATIONSHIPS} if name.isupper() else LABELS
        if name not in known:
            problems.append(f":{name}")
    allowed_literals = LABELS | set(PHASES) | {"UNKNOWN"}
    for literal in _strings(path):
        if (literal in LABELS or literal.isupper()) and literal not in allowed_literals:
            problems.append(f"'{literal}'")
    code = re.sub(r"CALL\s+[\w.]+\s*\(", "CALL (", _code(path))
    accessed = re.findall(r"\b[a-z]\w*\.([A-Za-z_]\w*)", code)
    in_patterns = [
        key
        for body in re.findall(r"\(\w*(?::\w+)+\s*\{([^}]*)\}", code)
        for key in re.findall(r"(\w+)\s*:", body)
    ]
    problems += [f".{name}" for name in accessed + in_patterns if name not in PROPERTY_NAMES]
    return problems


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_labels_types_and_properties_are_in_the_ontology(path: Path) -> None:
    assert _model_problems(path) == [], f"{path.name} uses names the model does not have"


def test_the_check_catches_names_outside_the_model(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text(
        "// params: none\nMATCH (d:Drugs)-[:TREATS]->(x:Disease {code: 1}) "
        "WHERE d.phase2 = 'PHASE_5' RETURN x.name",
        encoding="utf-8",
    )
    expected = [":Drugs", ":TREATS", "'PHASE_5'", ".phase2", ".code"]
    assert sorted(_model_problems(bad)) == sorted(expected)


def test_the_examples_together_cover_every_label_and_relationship_type() -> None:
    used = set().union(*(_names_used(path) for path in QUERY_FILES))
    assert set(ontology.NODE_TYPES_BY_LABEL) <= used
    assert set(ontology.RELATIONSHIP_TYPES_BY_TYPE) <= used


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_phase_lists_follow_the_vocabulary_order(path: Path) -> None:
    phases = [s for s in _strings(path) if s in PHASES]
    if phases:
        assert phases == PHASES, f"{path.name}: the phase list must be the full vocabulary"


def test_full_text_search_uses_the_ontology_index() -> None:
    used = {
        name
        for path in QUERY_FILES
        for name in re.findall(r"queryNodes\(\s*'([^']+)'", path.read_text(encoding="utf-8"))
    }
    assert used == {ontology.FULLTEXT_INDEX}


def test_every_query_is_listed_in_the_cypher_docs() -> None:
    page = (PROJECT_ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    missing = [p.name for p in QUERY_FILES if f"`{p.name}`" not in page]
    assert not missing, f"add {missing} to the example list in docs/cypher.md"
