"""The ontology gate (graph/extraction_model.py): bad extractions are refused with messages
that name the document, the entity or relation and the field."""

from __future__ import annotations

import copy

import pytest
from graph_factories import CD19, ZENTRA, ZX101, doc_a, entity, extraction, relation

from graph.extraction_model import ExtractionError, parse_extraction


def problems_of(ex: dict) -> str:
    with pytest.raises(ExtractionError) as info:
        parse_extraction(ex)
    assert info.value.document == ex["document"]["source"]
    return str(info.value)


def test_a_well_formed_extraction_passes():
    parse_extraction(doc_a())


def test_unknown_label_is_named():
    ex = doc_a()
    ex["entities"].append({**entity("Drug", "QX-9"), "type": "Molecule"})
    message = problems_of(ex)
    assert "news/a.txt" in message
    assert "unknown label 'Molecule'" in message


def test_unknown_relationship_type_is_named():
    ex = doc_a()
    ex["relations"].append(relation("INVESTIGATES", ZENTRA, ZX101, "Someone studies it."))
    assert "unknown relationship type 'INVESTIGATES'" in problems_of(ex)


def test_mentions_cannot_be_extracted_as_a_fact():
    ex = doc_a()
    ex["relations"].append(relation("MENTIONS", ZENTRA, ZX101, "x"))
    assert "unknown relationship type 'MENTIONS'" in problems_of(ex)


def test_disallowed_pair_of_ends_is_explained():
    ex = doc_a()
    ex["relations"].append(relation("DEVELOPS", ZX101, CD19, "ZX-101 develops CD19."))
    message = problems_of(ex)
    assert "may not connect Drug -> Target" in message
    assert "Company -> Drug" in message


def test_unknown_property_names_are_refused_on_nodes_and_relationships():
    ex = doc_a()
    ex["entities"][1]["properties"]["colour"] = "blue"
    ex["relations"][1]["properties"]["strength"] = "high"
    message = problems_of(ex)
    assert "unknown property 'colour' for label Drug" in message
    assert "relation #1 TARGETS has unknown property 'strength'" in message


def test_relation_end_must_be_among_the_documents_entities():
    ex = doc_a()
    stranger = entity("Disease", "gout")
    ex["relations"].append(relation("INDICATED_FOR", ZX101, stranger, "ZX-101 for gout."))
    assert "Disease 'gout' (id 'disease:gout') is not among the document's entities" in (
        problems_of(ex)
    )


def test_id_must_carry_its_types_prefix():
    ex = doc_a()
    ex["entities"][0] = {**ex["entities"][0], "id": "drug:zentra"}
    assert "id must be a string starting with 'company:'" in problems_of(ex)


def test_wrong_value_types_and_missing_evidence_are_refused():
    ex = doc_a()
    ex["entities"].append(entity("Trial", "ZEN-1 study", enrollment="forty"))
    ex["relations"][0]["evidence"] = {"sentence": "  "}
    ex["document"]["publishedAt"] = "last spring"
    message = problems_of(ex)
    assert "'enrollment' must be int" in message
    assert "relation #0 DEVELOPS needs evidence.sentence" in message
    assert "'publishedAt' must be date" in message


def test_document_needs_id_and_source_and_known_fields():
    ex = doc_a()
    del ex["document"]["source"]
    ex["document"]["mood"] = "upbeat"
    with pytest.raises(ExtractionError) as info:
        parse_extraction(ex)
    message = str(info.value)
    assert str(info.value).startswith(f"document {ex['document']['id']}: ")
    assert "document 'source' must be a non-empty string" in message
    assert "document has unknown property 'mood'" in message


def test_all_problems_are_reported_at_once():
    ex = copy.deepcopy(doc_a())
    ex["entities"][1]["properties"]["colour"] = "blue"
    ex["relations"].append(relation("PART_OF", ZX101, ZX101, "odd"))
    with pytest.raises(ExtractionError) as info:
        parse_extraction(ex)
    assert len(info.value.problems) == 2


def test_same_id_with_two_types_is_refused():
    ex = extraction(
        "x.txt",
        "text",
        [entity("Drug", "ZX-101"), {**entity("Target", "ZX-101"), "id": "drug:zx-101"}],
        [],
    )
    assert "id must be a string starting with 'target:'" in problems_of(ex)
