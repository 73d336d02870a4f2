"""Generalization round B8: antibody-peptide conjugates, event qualifiers, owners in headlines."""

from .conftest import names, rels


def test_an_antibody_inn_followed_by_a_peptide_inn_is_one_drug(extract):
    r = extract(
        "Acme Bio said zorvebart pelaglutide, a GIPR antagonist and GLP-1R agonist, reduced "
        "weight in adults with obesity. Zorvebart pelaglutide was well tolerated."
    )
    drugs = names(r, "Drug")
    assert "zorvebart pelaglutide" in drugs
    assert "zorvebart" not in drugs and "pelaglutide" not in drugs
    assert ("Acme Bio", "zorvebart pelaglutide") in rels(r, "DEVELOPS")


def test_an_antibody_inn_before_an_ordinary_word_stays_alone(extract):
    r = extract("Patients received kelvimab and then placebo for eczema.")
    assert "kelvimab" in names(r, "Drug")


def test_acute_before_an_event_condition_is_a_qualifier(extract):
    r = extract(
        "Dalvoretide is being tested in acute ischaemic stroke. It previously failed in "
        "ischaemic stroke."
    )
    assert len(names(r, "Disease")) == 1


def test_a_company_possessive_in_a_headline_is_not_part_of_a_disease(extract):
    r = extract(
        "Acme Bio's once-weekly obesity shot beats rivals\n\n"
        "Acme Bio's rinoglutide reduced weight in adults with obesity."
    )
    assert names(r, "Disease") == {"obesity"}


def test_an_eponym_possessive_stays_in_the_disease_name(extract):
    r = extract("Halvatinib is studied in early Crohn's disease.")
    assert "Crohn's disease" in names(r, "Disease") or "crohn's disease" in {
        n.lower() for n in names(r, "Disease")
    }


def test_both_ends_of_an_acquisition_are_companies(extract):
    r = extract(
        "Norvo, which acquired Kestrel Immune Sciences last year, develops povetacicept. "
        "Halvex was bought by Osprey Therapeutics."
    )
    assert {"Norvo", "Kestrel Immune Sciences", "Halvex", "Osprey Therapeutics"} <= names(
        r, "Company"
    )


def test_sleep_apnea_is_a_disease(extract):
    r = extract("Rinoglutide is also being studied in heart failure and sleep apnea.")
    assert {"heart failure", "sleep apnea"} <= names(r, "Disease")
    assert ("rinoglutide", "sleep apnea") in rels(r, "INDICATED_FOR")


def test_a_brand_named_with_its_maker_and_label_is_a_drug_that_is_not_studied(extract):
    r = extract(
        "Acme Bio starts trial\n\n"
        "The phase 2 trial of Acme's zelvatrimab enrolled adults with hereditary angioedema. "
        "Vantrel (Norvo Therapeutics), approved for on-demand treatment of hereditary "
        "angioedema, is an alternative."
    )
    assert "Vantrel" in names(r, "Drug")
    assert ("Norvo Therapeutics", "Vantrel") in rels(r, "DEVELOPS")
    assert ("Vantrel", "hereditary angioedema") in rels(r, "INDICATED_FOR")
    evaluated = {d for _, d in rels(r, "EVALUATES")}
    assert "zelvatrimab" in evaluated and "Vantrel" not in evaluated


def test_a_body_substance_as_a_verb_object_is_not_a_drug(extract):
    r = extract("Tenecteplase dissolves fibrin in the clot of patients with ischemic stroke.")
    assert names(r, "Drug") == {"tenecteplase"}


def test_university_of_x_college_of_medicine_is_one_site(extract):
    r = extract(
        '"The data are striking," said Dr. Anna Berg of the University of Riverton '
        "College of Medicine."
    )
    assert names(r, "Site") == {"University of Riverton College of Medicine"}


def test_a_university_inside_a_hospitals_name_is_no_parent(extract):
    r = extract("Professor Li Wen of Harbin University Cancer Hospital & Institute led the study.")
    assert ("Li Wen", "Harbin University Cancer Hospital & Institute") in rels(r, "AFFILIATED_WITH")
    assert rels(r, "PART_OF") == set()


def test_a_centre_part_of_a_umc_is_two_sites(extract):
    r = extract("Dr. Joost Veld of the MS Center Westburg, part of Westburg UMC, led the study.")
    assert ("MS Center Westburg", "Westburg UMC") in rels(r, "PART_OF")
