"""Generalization round B7: makers in parentheses, units, combination products, Latin names."""

from .conftest import names, rels


def test_every_company_in_a_drugs_parenthesis_develops_it(extract):
    r = extract(
        "Acme Bio is developing zelvatrimab for eczema. Rival drugs include tavolimab "
        "(Kestrel Bio and Norvo Pharma) and rinotinib (Halden Labs's Osprey Therapeutics)."
    )
    develops = rels(r, "DEVELOPS")
    assert {("Kestrel Bio", "tavolimab"), ("Norvo Pharma", "tavolimab")} <= develops
    assert {("Osprey Therapeutics", "rinotinib"), ("Halden Labs", "rinotinib")} <= develops
    assert ("Kestrel Bio", "zelvatrimab") not in develops


def test_a_unit_named_in_apposition_is_a_company_that_develops_the_drug(extract):
    r = extract("Brightwell, Acme Pharma's rare disease unit, developed olvatinib.")
    assert {"Brightwell", "Acme Pharma"} <= names(r, "Company")
    assert ("Brightwell", "olvatinib") in rels(r, "DEVELOPS")
    assert not any("rare disease" in d for d in names(r, "Disease"))


def test_a_camelcase_combination_product_is_a_drug_with_its_components(extract):
    r = extract(
        "Acme Bio's NovaDuo, a combination of pramlintide and semaglutide, a GLP-1 receptor "
        "agonist, reduced weight in obesity."
    )
    assert {"NovaDuo", "pramlintide", "semaglutide"} <= names(r, "Drug")
    develops = rels(r, "DEVELOPS")
    assert {("Acme Bio", "NovaDuo"), ("Acme Bio", "pramlintide"), ("Acme Bio", "semaglutide")} <= (
        develops
    )
    assert ("NovaDuo", "obesity") in rels(r, "INDICATED_FOR")
    assert ("NovaDuo", "GLP-1 receptor") in rels(r, "TARGETS")


def test_latin_second_words_stay_in_the_disease_name(extract):
    r = extract(
        "Zelvatrimab is being studied in alopecia areata, pemphigus vulgaris, lichen planus "
        "and pyoderma gangrenosum."
    )
    diseases = names(r, "Disease")
    assert {"alopecia areata", "pemphigus vulgaris", "lichen planus", "pyoderma gangrenosum"} <= (
        diseases
    )
    assert not {"alopecia", "pemphigus"} & diseases


def test_nhs_trusts_and_city_university_medical_centers_are_one_site(extract):
    r = extract(
        "Dr. Tom Ray of Northfield Teaching Hospitals NHS Foundation Trust and Dr. Sue Kim "
        "of Leiden University Medical Center led the study of zelvatrimab."
    )
    sites = names(r, "Site")
    assert {
        "Northfield Teaching Hospitals NHS Foundation Trust",
        "Leiden University Medical Center",
    } <= (sites)
    assert "Leiden University" not in sites
    assert not rels(r, "PART_OF")
