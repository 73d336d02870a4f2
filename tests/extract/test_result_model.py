"""The typed extraction result: every scored document validates; off-ontology output fails."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from loaders.extract import extract_text
from loaders.extract.result_model import ExtractionResult

from .test_rules import DOCS

TEXT = (
    "Acme Therapeutics' zelvatrimab, an anti-BAFF-R antibody, improved outcomes in patients "
    "with systemic lupus erythematosus, said Dr. Helena Marsh of Westbridge General Hospital.\n"
)


@pytest.fixture(scope="module")
def result() -> dict:
    return extract_text(TEXT, "t.txt")


def test_every_scored_document_is_a_valid_result():
    for path in DOCS:
        ExtractionResult.model_validate(extract_text(path.read_text(encoding="utf-8"), str(path)))


def test_the_model_reads_the_fields_kg_extract_prints(result: dict):
    model = ExtractionResult.model_validate(result)
    develops = [r for r in model.relations if r.type == "DEVELOPS"]
    assert develops[0].source.name == "Acme Therapeutics"
    assert develops[0].evidence.rule == "develops.possessive"
    assert model.model_dump(by_alias=True) == result


def _broken(result: dict, change) -> dict:
    bad = copy.deepcopy(result)
    change(bad)
    return bad


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["entities"][0].update(type="Gene"), "not an entity label"),
        (lambda r: r["entities"][0]["properties"].update(colour="red"), "no properties"),
        (lambda r: r["relations"][0].update(type="CURES"), "unknown relationship type"),
        (lambda r: r["relations"][0]["evidence"].update(rule="possessive"), "dotted name"),
        (lambda r: r["relations"][0]["evidence"].update(rule="leads.x"), "does not create"),
        (lambda r: r["relations"][0]["from"].update(id="drug:nothing"), "is not an entity"),
        (lambda r: r["relations"][0]["to"].update(type="Company"), "the ontology has no"),
        (lambda r: r["relations"][0]["evidence"].update(sentence=""), "at least 1"),
    ],
)
def test_output_the_ontology_does_not_know_is_rejected(result: dict, change, message: str):
    with pytest.raises(ValidationError, match=message):
        ExtractionResult.model_validate(_broken(result, change))
