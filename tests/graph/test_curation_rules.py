"""The curation rules alone: a document's rows as the curators decided (no database needed)."""

from __future__ import annotations

from graph_factories import entity, extraction, relation

from graph.curation_rules import Decision, apply_decisions, kept_apart
from graph.ontology import CurationAction
from graph.writer import build_rows

ACME = entity("Company", "Acme Biologics", aliases=("Acme",))
ACME_LABS = entity("Company", "Acme Research Laboratories", aliases=("ARL",))
HALO = entity("Company", "Halo Pharma")
DRUG = entity("Drug", "ZX-101", aliases=("ZX101",))
OTHER = entity("Drug", "velmotamab")
SITE_A = entity("Site", "North Hospital")
SITE_B = entity("Site", "North Hospital Campus")


def rows_of(entities, relations):
    return build_rows(extraction("news/x.txt", "some text", entities, relations))


def ids(rows, label):
    return [row["id"] for row in rows.entities.get(label, [])]


def facts(rows):
    return sorted(row["fact"] for rel_rows in rows.relations.values() for row in rel_rows)


def merge(keep, *absorbed, label="Company"):
    return Decision(
        "c-1", CurationAction.MERGE, label, (keep, *absorbed), keep=keep, absorbed=absorbed
    )


def test_a_document_naming_no_decided_node_is_returned_untouched():
    rows = rows_of([HALO, DRUG], [relation("DEVELOPS", HALO, DRUG, "Halo develops ZX-101.")])
    assert apply_decisions(rows, [merge(ACME["id"], ACME_LABS["id"])]) is rows


def test_merge_gives_the_absorbed_rows_and_facts_the_kept_id_and_folds_them():
    rows = rows_of(
        [ACME, ACME_LABS, DRUG],
        [
            relation("DEVELOPS", ACME_LABS, DRUG, "ARL develops ZX-101."),
            relation("DEVELOPS", ACME, DRUG, "Acme develops ZX-101."),
        ],
    )
    out = apply_decisions(rows, [merge(ACME["id"], ACME_LABS["id"])])
    (company,) = out.entities["Company"]
    assert company["id"] == ACME["id"]
    assert company["name"] == "Acme Research Laboratories", "the writer's rule: the longest"
    assert set(company["names"]) == {"Acme Biologics", "Acme", "Acme Research Laboratories", "ARL"}
    assert "arl" in company["keys"] and company["count"] == 2
    (develops,) = out.relations["DEVELOPS"]
    assert develops["fact"] == f"DEVELOPS|{ACME['id']}|{DRUG['id']}"
    assert develops["sentence"] == "Acme develops ZX-101.", "one evidence per document and fact"
    assert len(rows.entities["Company"]) == 2, "the input rows are not changed"


def test_merge_drops_a_fact_that_would_become_a_self_loop():
    rows = rows_of([SITE_A, SITE_B], [relation("PART_OF", SITE_B, SITE_A, "B is part of A.")])
    out = apply_decisions(rows, [merge(SITE_A["id"], SITE_B["id"], label="Site")])
    assert ids(out, "Site") == [SITE_A["id"]] and facts(out) == []


def test_decisions_apply_in_order_so_a_later_decision_sees_the_merged_node():
    rows = rows_of([ACME_LABS, DRUG], [relation("DEVELOPS", ACME_LABS, DRUG, "ARL has ZX-101.")])
    decisions = [
        merge(ACME["id"], ACME_LABS["id"]),
        Decision("c-2", CurationAction.ALIAS_ADD, "Company", (ACME["id"],), names=("Acme Corp",)),
        Decision(
            "c-3",
            CurationAction.REJECT,
            "Company",
            (ACME["id"], DRUG["id"]),
            fact=f"DEVELOPS|{ACME['id']}|{DRUG['id']}",
        ),
    ]
    out = apply_decisions(rows, decisions)
    (company,) = out.entities["Company"]
    assert company["id"] == ACME["id"] and "Acme Corp" in company["names"]
    assert "acme corp" in company["keys"]
    assert facts(out) == [], "the rejected fact is dropped after the merge renamed it"


def test_split_moves_only_the_rows_using_a_split_name():
    split = Decision(
        "c-4",
        CurationAction.SPLIT,
        "Company",
        (ACME["id"],),
        names=("Acme Research Laboratories",),
        new_id="company:acme-research-laboratories",
    )
    labs = {**ACME_LABS, "id": ACME["id"]}  # the extractor gave both names one id
    moved = apply_decisions(
        rows_of([labs, DRUG], [relation("DEVELOPS", labs, DRUG, "ARL has ZX-101.")]), [split]
    )
    assert ids(moved, "Company") == ["company:acme-research-laboratories"]
    assert facts(moved) == [f"DEVELOPS|company:acme-research-laboratories|{DRUG['id']}"]
    stays = rows_of([ACME, DRUG], [relation("DEVELOPS", ACME, DRUG, "Acme has ZX-101.")])
    assert ids(apply_decisions(stays, [split]), "Company") == [ACME["id"]]


def test_alias_remove_takes_the_name_and_a_row_left_nameless_gets_the_fallback():
    remove = Decision(
        "c-5",
        CurationAction.ALIAS_REMOVE,
        "Company",
        (ACME["id"],),
        names=("ACME",),  # any spelling that folds to the same key
        fallback_name="Acme Biologics",
    )
    (row,) = apply_decisions(rows_of([ACME], []), [remove]).entities["Company"]
    assert row["names"] == ["Acme Biologics"] and row["keys"] == ["acme biologics"]
    only_alias = {**entity("Company", "Acme"), "id": ACME["id"]}
    (row,) = apply_decisions(rows_of([only_alias], []), [remove]).entities["Company"]
    assert row["name"] == "Acme Biologics" and row["names"] == ["Acme Biologics"]


def test_reject_drops_only_the_rejected_fact():
    rows = rows_of(
        [ACME, DRUG, OTHER],
        [
            relation("DEVELOPS", ACME, DRUG, "Acme has ZX-101."),
            relation("DEVELOPS", ACME, OTHER, "Acme has velmotamab."),
        ],
    )
    reject = Decision(
        "c-6",
        CurationAction.REJECT,
        "Company",
        (ACME["id"], DRUG["id"]),
        fact=f"DEVELOPS|{ACME['id']}|{DRUG['id']}",
    )
    out = apply_decisions(rows, [reject])
    assert facts(out) == [f"DEVELOPS|{ACME['id']}|{OTHER['id']}"]
    assert ids(out, "Drug") == sorted([DRUG["id"], OTHER["id"]]), "mentions stay"


def test_kept_apart_names_each_split_pair_for_resolution():
    split = Decision(
        "c-7", CurationAction.SPLIT, "Company", (ACME["id"],), names=("ARL",), new_id="company:arl"
    )
    assert kept_apart([merge(ACME["id"], HALO["id"]), split]) == {
        frozenset((ACME["id"], "company:arl"))
    }
