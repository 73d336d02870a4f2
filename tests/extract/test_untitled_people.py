"""Investigators quoted or named without a title: by a clause, a specialist noun, a site's
possessive, a parenthesised site, or a role written before the name."""

from .conftest import names, rels

DRUG = "Zorvatinib is developed by Vantor Therapeutics for renal cancer.\n"


def test_clause_between_name_and_site(extract):
    r = extract(
        DRUG + '"This is a big step," said Anna Berg, who treats patients at Harbor Cancer '
        "Institute. Diego Alvarez, a member of the research team at Norland Institute of "
        "Oncology, agreed."
    )
    assert {"Anna Berg", "Diego Alvarez"} <= names(r, "Investigator")
    assert ("Anna Berg", "Harbor Cancer Institute") in rels(r, "AFFILIATED_WITH")


def test_patients_and_relatives_at_a_site_are_no_investigators(extract):
    r = extract(
        DRUG + '"I feel better," said Jane Roe, a patient at Lakeside Hospital. Tom Ruiz, '
        "who was a participant at Kessel University Hospital, agreed."
    )
    assert names(r, "Investigator") == set()


def test_possessive_site_parenthesised_site_and_said_at(extract):
    r = extract(
        DRUG + "Kessel University's Rafael Ortiz said the data were strong. The results were "
        'presented by Lena Fischer (Lakeside University Hospital, Brno). "It is durable," '
        "said Pavel Novak at Eastvale Medical Center."
    )
    assert {"Rafael Ortiz", "Lena Fischer", "Pavel Novak"} <= names(r, "Investigator")
    assert ("Pavel Novak", "Eastvale Medical Center") in rels(r, "AFFILIATED_WITH")


def test_specialist_nouns_and_roles_before_the_name(extract):
    r = extract(
        DRUG + "Oncologist Paul Chapin said the results would change practice. Neurologists "
        "Ruth Adler and Ben Stein ran the visits. Study co-author Mei Tanaka agreed. Principal "
        "investigator Kofi Mensah said enrolment was complete. Researchers led by Samuel Okafor "
        "at Ridge University found the drug reduced tumours."
    )
    assert {
        "Paul Chapin",
        "Ruth Adler",
        "Ben Stein",
        "Mei Tanaka",
        "Kofi Mensah",
        "Samuel Okafor",
    } <= names(r, "Investigator")
