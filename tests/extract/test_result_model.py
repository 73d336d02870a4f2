"""The extractor's output is the typed extraction model (graph/extraction_model.py), the one the
writer and the API's ingest load: every scored document fits it; off-ontology output fails."""

from __future__ import annotations

import copy

import pytest

from graph.extraction_model import ExtractionError, parse_extraction
from loaders.extract import extract_text

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
        parse_extraction(
            extract_text(path.read_text(encoding="utf-8"), str(path)), from_extractor=True
        )


def test_the_model_reads_the_fields_kg_extract_prints(result: dict):
    model = parse_extraction(result, from_extractor=True)
    develops = [r for r in model.relations if r.type == "DEVELOPS"]
    assert develops[0].source.name == "Acme Therapeutics"
    assert develops[0].evidence.rule == "develops.possessive"
    assert model.model_dump(by_alias=True) == result  # the model reads every printed field


def _broken(result: dict, change) -> dict:
    bad = copy.deepcopy(result)
    change(bad)
    return bad


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["entities"][0].update(type="Gene"), "unknown label 'Gene'"),
        (lambda r: r["entities"][0]["properties"].update(colour="red"), "unknown property"),
        (lambda r: r["relations"][0].update(type="CURES"), "unknown relationship type"),
        (lambda r: r["relations"][0]["evidence"].update(rule="possessive"), "dotted name"),
        (lambda r: r["relations"][0]["evidence"].update(rule="leads.x"), "does not create"),
        (lambda r: r["relations"][0]["evidence"].pop("rule"), "dotted name"),
        (lambda r: r["relations"][0]["from"].update(id="drug:nothing"), "not among the"),
        (lambda r: r["relations"][0]["to"].update(type="Company"), "may not connect"),
        (lambda r: r["relations"][0]["evidence"].update(sentence=""), "needs evidence.sentence"),
        (lambda r: r["entities"][0]["mentions"][0].update(start=-1), r"mentions\[0\].start' must"),
    ],
)
def test_output_the_ontology_does_not_know_is_rejected(result: dict, change, message: str):
    with pytest.raises(ExtractionError, match=message):
        parse_extraction(_broken(result, change), from_extractor=True)


def test_rules_are_free_text_for_other_producers(result: dict):
    """Records and hand-made extraction files may name their evidence's rule as they like;
    only the extractor promises `<type>.<rule>`."""
    bad = _broken(result, lambda r: r["relations"][0]["evidence"].update(rule="record field"))
    assert parse_extraction(bad).relations[0].evidence.rule == "record field"
