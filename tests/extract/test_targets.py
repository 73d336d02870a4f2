"""Targets only where the text states a mechanism; TARGETS links to the nearest drug."""

from .conftest import entity, names, rels


def test_anti_and_action_patterns(extract):
    r = extract(
        "Velotumab is an anti-CD38 antibody. Rimtinib, an oral KRAS inhibitor, was also tested. "
        "Prexalimab is a TIGIT antagonist."
    )
    assert names(r, "Target") == {"CD38", "KRAS", "TIGIT"}
    assert rels(r, "TARGETS") == {
        ("velotumab", "CD38"),
        ("rimtinib", "KRAS"),
        ("prexalimab", "TIGIT"),
    }
    action = {
        (x["from"]["name"], x["properties"].get("action"))
        for x in r["relations"]
        if x["type"] == "TARGETS"
    }
    assert ("rimtinib", "inhibitor") in action and ("prexalimab", "antagonist") in action


def test_abbreviated_target_keeps_long_form_as_alias(extract):
    r = extract("Dovacimab, a thymic stromal lymphopoietin (TSLP) blocker, cut exacerbations.")
    t = entity(r, "Target", "TSLP")
    assert "thymic stromal lymphopoietin" in t["aliases"]
    assert t["id"] == "target:tslp"


def test_bispecific_targets_both(extract):
    r = extract("Zanolimab, which targets both LAG-3 and PD-1, entered the clinic.")
    assert rels(r, "TARGETS") == {("zanolimab", "LAG-3"), ("zanolimab", "PD-1")}


def test_dual_receptor_agonist(extract):
    r = extract("Nivatide is a dual GIP/GLP-1 receptor agonist for weight loss.")
    assert names(r, "Target") == {"GIP receptor", "GLP-1 receptor"}


def test_biomarker_without_mechanism_is_not_a_target(extract):
    r = extract("Patients with EGFR-mutant tumors received korvimab.")
    assert names(r, "Target") == set()


def test_greek_letter_symbols_and_fusion_protein_inn(extract):
    r = extract(
        "Bintrafusp alfa, a bifunctional fusion protein targeting PD-L1 and TGF-β, was tested."
    )
    assert rels(r, "TARGETS") == {("bintrafusp alfa", "PD-L1"), ("bintrafusp alfa", "TGF-β")}


def test_nuclear_receptor_and_c_prefixed_symbols(extract):
    r = extract(
        "Pelestrant, an oral selective estrogen receptor degrader, was tested. "
        "QX-410, a c-Kit-directed antibody-drug conjugate, was also tested."
    )
    assert rels(r, "TARGETS") == {("pelestrant", "estrogen receptor"), ("QX-410", "KIT")}


def test_mutation_before_action_word_points_to_the_gene(extract):
    r = extract("Velorasib, a KRAS G12C inhibitor, shrank tumors.")
    assert rels(r, "TARGETS") == {("velorasib", "KRAS")}


def test_autoantibody_status_is_not_a_target(extract):
    r = extract("Velotumab helped patients with aquaporin-4 antibody-positive disease.")
    assert names(r, "Target") == set()


def test_factor_names_are_targets(extract):
    r = extract(
        "Korvacopan, an oral factor B inhibitor, and abelimab, a Factor XIa inhibitor, advanced."
    )
    assert rels(r, "TARGETS") == {
        ("korvacopan", "complement factor B"),
        ("abelimab", "Factor XIa"),
    }


def test_bispecific_written_with_x_gives_two_targets(extract):
    r = extract("Glofalimab, a CD3xCD19 bispecific antibody, was tested.")
    assert rels(r, "TARGETS") == {("glofalimab", "CD3"), ("glofalimab", "CD19")}
