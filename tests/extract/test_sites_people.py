"""Sites, their nesting, and the people who work there."""

from .conftest import entity, names, rels


def test_hospital_at_university_part_of_and_affiliation(extract):
    r = extract(
        "The study was led by Professor Maria Lund from Eastvale Hospital at Norland University."
    )
    assert names(r, "Site") == {"Eastvale Hospital", "Norland University"}
    assert rels(r, "PART_OF") == {("Eastvale Hospital", "Norland University")}
    assert rels(r, "AFFILIATED_WITH") == {
        ("Maria Lund", "Eastvale Hospital"),
        ("Maria Lund", "Norland University"),
    }


def test_affiliated_hospital_of_university(extract):
    r = extract("said Chen Lei, MD, of the Second Affiliated Hospital of Ridge Medical University.")
    assert "Second Affiliated Hospital of Ridge Medical University" in names(r, "Site")
    assert rels(r, "PART_OF") == {
        ("Second Affiliated Hospital of Ridge Medical University", "Ridge Medical University")
    }
    assert rels(r, "AFFILIATED_WITH") == {
        ("Chen Lei", "Second Affiliated Hospital of Ridge Medical University")
    }


def test_possessive_site_and_role_pattern(extract):
    r = extract(
        "Anna Berg, the director of oncology at Kessel University's Harbor Cancer Center, spoke."
    )
    assert names(r, "Investigator") == {"Anna Berg"}
    assert rels(r, "PART_OF") == {("Harbor Cancer Center", "Kessel University")}


def test_executives_are_not_investigators(extract):
    r = extract('"We are pleased," said John Hale, Chief Executive Officer of Vantor Therapeutics.')
    assert names(r, "Investigator") == set()


def test_conference_and_society_are_not_sites(extract):
    r = extract(
        "Data were shown at the American Society of Hematology Annual Meeting and Congress."
    )
    assert names(r, "Site") == set()


def test_centre_inside_a_clinic_name_gives_the_parent(extract):
    r = extract("said Dr. Ada Stone, director of the Lakeside Clinic Sleep Research Center.")
    assert rels(r, "PART_OF") == {("Lakeside Clinic Sleep Research Center", "Lakeside Clinic")}
    assert ("Ada Stone", "Lakeside Clinic") in rels(r, "AFFILIATED_WITH")


def test_people_without_title_next_to_a_site_or_author_role(extract):
    r = extract(
        "The data were presented by Nora Vance of Hillcrest University Hospital. "
        "According to lead author Tomas Reyes, the effect was durable."
    )
    assert {"Nora Vance", "Tomas Reyes"} <= names(r, "Investigator")
    assert ("Nora Vance", "Hillcrest University Hospital") in rels(r, "AFFILIATED_WITH")


def test_academy_of_sciences_is_a_site_but_a_society_academy_is_not(extract):
    r = extract(
        "Li Wei, a professor at the Northern Academy of Medical Sciences, spoke at the "
        "American Academy of Dermatology meeting."
    )
    assert names(r, "Site") == {"Northern Academy of Medical Sciences"}


def test_company_research_heads_are_not_investigators(extract):
    r = extract(
        '"Encouraging," said Dr. Mia Torres, Head of Research and Development at Pellion Bio.'
    )
    assert names(r, "Investigator") == set()


def test_hospital_comma_university_and_city_after_university(extract):
    r = extract(
        "said Professor Liu Yang, director of neurology at Eastbank Hospital, Riverside University."
        " "
        "Researchers led by Karl Brandt, MD, of Rhine University Essen in Germany agreed."
    )
    assert ("Eastbank Hospital", "Riverside University") in rels(r, "PART_OF")
    assert ("Karl Brandt", "Rhine University Essen") in rels(r, "AFFILIATED_WITH")


def test_name_shapes(extract):
    r = extract(
        "said Dr. Mary McDonald of Eastvale Hospital. Professor Ramón Pérez of Norland University "
        "and Dr. Sean O'Brien of Ridge Clinic agreed."
    )
    assert {"Mary McDonald", "Ramón Pérez", "Sean O'Brien"} <= names(r, "Investigator")


def test_affiliated_to_and_defined_long_site_names(extract):
    r = extract(
        "Professor Wang Jun of Eastlake Hospital affiliated to Norland University School of "
        "Medicine led it. Researchers at the University of Avalon, Port Ridge (UAPR) agreed; "
        "Jane Roe, MD, of UAPR spoke."
    )
    assert ("Eastlake Hospital", "Norland University School of Medicine") in rels(r, "PART_OF")
    assert ("Jane Roe", "University of Avalon, Port Ridge") in rels(r, "AFFILIATED_WITH")


def test_not_involved_in_a_later_sentence(extract):
    r = extract(
        '"A major advance," said Dr. Paul Meyer of Crestwood Hospital about korvimab in glioma. '
        "Dr. Meyer was not involved in the study."
    )
    assert rels(r, "LEADS") == set()


def test_head_first_names_and_parenthesised_affiliation(extract):
    r = extract(
        "Dr. Maria Lopez (Hospital Universitario 9 de Mayo, Madrid) and Professor Jean Dupont of "
        "Institut Lumière and Dr. Luca Bianchi of Istituto Nazionale dei Tumori spoke, as did "
        "Aisha Rahman, MBBS, of Queen's College London."
    )
    assert {
        "Hospital Universitario 9 de Mayo",
        "Institut Lumière",
        "Istituto Nazionale dei Tumori",
        "Queen's College London",
    } <= names(r, "Site")
    assert ("Maria Lopez", "Hospital Universitario 9 de Mayo") in rels(r, "AFFILIATED_WITH")


def test_two_hospitals_joined_by_and_the(extract):
    r = extract(
        "Doctors at the Hospital for Joint Care and the Hospital of the Avalon University met."
    )
    assert {"Hospital for Joint Care", "Hospital of the Avalon University"} <= names(r, "Site")


def test_executives_in_lower_case_or_named_after_their_role_are_not_investigators(extract):
    r = extract(
        '"We are proud," said Dr. Mara Quist, founder and chief executive officer of Velto Bio. '
        "Velto Bio's chief medical officer, Aron Feld, MD, PhD, said the data were strong. "
        "Lina Brok, Executive Director of the Board at Velto Bio, commented on the deal. "
        "Professor Ida Renn, chairman of the department of oncology at Lakeside Hospital, "
        "led the trial."
    )
    assert names(r, "Investigator") == {"Ida Renn"}


def test_site_chains_part_of_and_parents_inside_names(extract):
    r = extract(
        "The study was led by Professor Wen Lin of Lakeside Hospital, which is affiliated with "
        "Harbor Medical College of Eastfield University of Science and Technology. "
        "Professor Rui Tan of the Institute of Blood Diseases Hospital of the Northern Academy "
        "of Medical Sciences co-led it. Dr. Ana Ruiz of Saint-Louis Hospital, part of "
        "Assistance Publique-Hôpitaux de Lyon (AP-HL), also spoke."
    )
    part_of = rels(r, "PART_OF")
    # A college with a name of its own is named so, its "X of Y" form an alias (one node
    # whether another document writes it short or long).
    assert ("Lakeside Hospital", "Harbor Medical College") in part_of
    assert ("Harbor Medical College", "Eastfield University of Science and Technology") in part_of
    college = entity(r, "Site", "Harbor Medical College")
    assert college["aliases"] == [
        "Harbor Medical College of Eastfield University of Science and Technology"
    ]
    assert any(b == "Northern Academy of Medical Sciences" for _, b in part_of)
    assert ("Saint-Louis Hospital", "Assistance Publique-Hôpitaux de Lyon") in part_of


def test_trailing_country_word_and_society_meetings(extract):
    r = extract(
        "Discussant Mia Holt, MD, of the National Heart Centre Norway, who was not involved, "
        "spoke. Data were presented at the American College of Nephrology's Annual Scientific "
        "Session."
    )
    assert names(r, "Site") == {"National Heart Centre Norway"}


def test_site_names_with_elided_articles_and_foundation_heads(extract):
    r = extract(
        "Professor Amara Osei of Vall d'Hebron University Hospital led the trial of belatumab. "
        "Dr. Lucia Ferri, who directs the myeloma program at Fondazione Policlinico "
        "Universitario Agostino Gemelli, presented data on belatumab."
    )
    assert {
        "Vall d'Hebron University Hospital",
        "Fondazione Policlinico Universitario Agostino Gemelli",
    } <= names(r, "Site")
    assert ("Amara Osei", "Vall d'Hebron University Hospital") in rels(r, "AFFILIATED_WITH")
