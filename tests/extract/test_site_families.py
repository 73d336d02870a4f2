"""Sites written in the ways real articles write them: acronyms and short names, plural heads,
affiliation lines with markers, "X and The Y", health systems."""

from .conftest import names, rels


def test_affiliation_markers_are_no_part_of_the_site(extract):
    r = extract(
        "Authors\n\n1Department of Oncology, Lakeside University Hospital, Brno; "
        "2Kessel Cancer Institute, Ostrava; ³Harbor Medical Center, Tallinn; 4University of "
        "Eastvale, Eastvale.\n"
    )
    assert {
        "Lakeside University Hospital",
        "Kessel Cancer Institute",
        "Harbor Medical Center",
        "University of Eastvale",
    } <= names(r, "Site")


def test_universities_of_two_places_and_two_places_universities(extract):
    r = extract(
        "Teams at the Universities of Norland and Eastvale led the work, with colleagues from "
        "Ridge, Vale and Kessel universities."
    )
    assert {
        "University of Norland",
        "University of Eastvale",
        "Ridge University",
        "Vale University",
        "Kessel University",
    } <= names(r, "Site")
    assert "Norland" not in {a for e in r["entities"] for a in e["aliases"]}


def test_and_the_starts_a_second_site(extract):
    r = extract("said Jo Lane, MD, of Lakeside Institute Norland and The University of Eastvale.")
    assert {"Lakeside Institute Norland", "University of Eastvale"} <= names(r, "Site")
    assert rels(r, "PART_OF") == set()


def test_institutions_named_by_a_known_short_name(extract):
    r = extract(
        "Patients were enrolled at UCLA, KAIST and MD Anderson. Dr. Ada Stone of Dana-Farber "
        "presented the data."
    )
    assert {"UCLA", "KAIST", "MD Anderson", "Dana-Farber"} <= names(r, "Site")
    assert ("Ada Stone", "Dana-Farber") in rels(r, "AFFILIATED_WITH")


def test_a_hospital_of_a_health_system(extract):
    r = extract(
        "The infusions were given at Ridge Children's Hospital, part of Eastvale Health System. "
        "The immune System and the National Health System are no sites."
    )
    assert names(r, "Site") == {"Ridge Children's Hospital", "Eastvale Health System"}
    assert rels(r, "PART_OF") == {("Ridge Children's Hospital", "Eastvale Health System")}


def test_french_hospices_head_first(extract):
    r = extract("Prof. Claire Dumas of Hospices Civils de Norville said the data were clear.")
    assert "Hospices Civils de Norville" in names(r, "Site")


def test_a_unit_of_a_health_system_named_with_of(extract):
    r = extract("Dr. Tom Ruiz of the Lakeside Cancer Institute of Norland Health System agreed.")
    assert {"Lakeside Cancer Institute", "Norland Health System"} <= names(r, "Site")
    assert rels(r, "PART_OF") == {("Lakeside Cancer Institute", "Norland Health System")}
