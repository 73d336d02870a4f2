"""Row building: a document's repeated entities and facts are folded before writing."""

from __future__ import annotations

from graph_factories import ZENTRA, ZX101, entity, extraction, relation

from graph import ontology
from graph.writer import build_rows, entity_clause, relation_clause


def test_repeated_entities_fold_into_one_row_with_unioned_names_and_counts():
    first = entity("Drug", "ZX-101", aliases=("ZX101",), mentions=2, modality="antibody")
    again = {
        **entity("Drug", "ZX-101", aliases=("ZX101", "Zentrumab"), mentions=1),
        "properties": {"xrefs": ["CHEMBL:1"], "mechanism": None},
    }
    rows = build_rows(extraction("s.txt", "t", [first, again], []))
    (row,) = rows.entities["Drug"]
    assert row["names"] == ["ZX-101", "ZX101", "Zentrumab"]
    assert row["count"] == 3
    assert row["scalars"] == {"modality": "antibody"}
    assert row["lists"]["xrefs"] == ["CHEMBL:1"]


def test_a_fact_stated_twice_in_one_document_is_supported_once():
    rows = build_rows(
        extraction(
            "s.txt",
            "t",
            [ZENTRA, ZX101],
            [
                relation("DEVELOPS", ZENTRA, ZX101, "First sentence."),
                relation("DEVELOPS", ZENTRA, ZX101, "Second sentence."),
            ],
        )
    )
    assert rows.relations["DEVELOPS"] == [
        {
            "from": ZENTRA["id"],
            "to": ZX101["id"],
            "fact": f"DEVELOPS|{ZENTRA['id']}|{ZX101['id']}",
            "props": {},
            "sentence": "First sentence.",
            "rule": None,
        }
    ]


def test_null_document_fields_are_left_out():
    rows = build_rows(extraction("s.txt", "t", [], []))
    assert "publishedAt" not in rows.document and "doi" not in rows.document
    assert rows.document["source"] == "s.txt"


def test_statements_interpolate_only_model_names_and_parameterize_values():
    statement = entity_clause("Trial")
    assert "UNWIND $rows AS row" in statement
    assert "MERGE (n:`Trial` {id: row.id})" in statement
    assert "n.`countries`" in statement and "n.`design`" in statement
    rel = relation_clause("TARGETS")
    assert "MATCH (a:`Drug` {id: row.from})" in rel
    assert "MATCH (b:`Target` {id: row.to})" in rel
    for bad in ("Molecule", "Document"):
        try:
            entity_clause(bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"{bad} should be refused")
    for label in ontology.ENTITY_LABELS:
        assert f"MERGE (n:`{label}` {{id: row.id}})" in entity_clause(label)
    for rel_type in ontology.FACT_RELATIONSHIP_TYPES:
        assert f"MERGE (a)-[r:`{rel_type}`]->(b)" in relation_clause(rel_type)
