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


def test_targets_as_objects_of_mechanism_verbs(extract):
    r = extract(
        "Dorvalintide is a weekly analogue that activates both the orexin receptor and the "
        "somatostatin receptor. Kelsiran is designed to silence the messenger RNA that encodes "
        "serum amyloid protein (SAP). Trevatercept acts by sequestering activin B and "
        "related ligands. "
        "Pelzumab binds two distinct epitopes on HER3."
    )
    assert rels(r, "TARGETS") == {
        ("dorvalintide", "orexin receptor"),
        ("dorvalintide", "somatostatin receptor"),
        ("kelsiran", "SAP"),
        ("trevatercept", "activin B"),
        ("pelzumab", "HER3"),
    }
    assert "serum amyloid protein" in entity(r, "Target", "SAP")["aliases"]


def test_spelled_out_receptors_with_shared_head_and_greek_abbreviation(extract):
    r = extract(
        "Moxiglutide is a dual agonist of the glucagon-like peptide-2 (GLP-2) and "
        "oxyntomodulin peptide (OXM) receptors. Tenifibranor is an agonist of the retinoid "
        "X receptors alpha and gamma (RXRα/γ). Sepatinib is an inhibitor of the "
        'fibroblast growth factor receptor ("FGFR") family.'
    )
    assert ("moxiglutide", "GLP-2 receptor") in rels(r, "TARGETS")
    assert ("moxiglutide", "OXM receptor") in rels(r, "TARGETS")
    assert {("tenifibranor", "RXRα"), ("tenifibranor", "RXRγ")} <= rels(r, "TARGETS")
    assert ("sepatinib", "FGFR") in rels(r, "TARGETS")


def test_slashed_symbol_names_two_targets(extract):
    r = extract("Lorociclib is a CDK2/9 inhibitor.")
    assert rels(r, "TARGETS") == {("lorociclib", "CDK2"), ("lorociclib", "CDK9")}
