"""people.author_line: the names on a journal article's or abstract's author line."""

from .conftest import names

TITLE = "Zorvatinib in advanced renal carcinoma: a randomized phase 2 trial\n\n"


def test_author_line_with_degrees_markers_and_semicolons(extract):
    r = extract(
        TITLE + "Helena M. Varga, MD, PhD1, Wei Zhang2, Tomasz Nowak, MD3; Priya Raman4 and "
        "Oluwaseun Adeyemi5\n\n1Department of Oncology, Lakeside University Hospital, Brno.\n"
    )
    assert {
        "Helena M. Varga",
        "Wei Zhang",
        "Tomasz Nowak",
        "Priya Raman",
        "Oluwaseun Adeyemi",
    } <= names(r, "Investigator")


def test_names_run_together_or_separated_by_markers_only(extract):
    r = extract(
        TITLE + "Ana Berg 1 Glen J Korn 2 Li Wen 3\nJean-Luc Marto1Kai Sun2Rosa Y. C. Lam3\n"
    )
    found = names(r, "Investigator")
    assert {
        "Ana Berg",
        "Glen J Korn",
        "Li Wen",
        "Jean-Luc Marto",
        "Kai Sun",
        "Rosa Y. C. Lam",
    } <= found


def test_pubmed_style_markers_and_bare_initials(extract):
    r = extract(
        TITLE + "Zhen Tao 3,#, Ming Lau 2,4,5,#, Yan Zhou 1,2,3,\n"
        "Edwin L Kors, Boris Fedlin, Marga Moone, Jeff S Abra\n"
        "Jane Roe¹², Tom Ruiz³*\n"
    )
    assert {
        "Zhen Tao",
        "Ming Lau",
        "Yan Zhou",
        "Edwin L Kors",
        "Boris Fedlin",
        "Marga Moone",
        "Jeff S Abra",
        "Jane Roe",
        "Tom Ruiz",
    } <= names(r, "Investigator")


def test_labelled_author_line(extract):
    r = extract(TITLE + "Authors: Ellen Cusko, Chelsey Wang\n")
    assert {"Ellen Cusko", "Chelsey Wang"} <= names(r, "Investigator")


def test_title_case_headlines_and_plain_pairs_are_no_author_lines(extract):
    r = extract(
        "Lilly Wins Approval, Novo Gains Share, Pfizer Cuts Jobs\n"
        "Vantor Therapeutics And Kessel Pharma Sign Deal\n"
        "Anna Berg and Tom Ruiz\n"
        "Boston, Massachusetts\n"
    )
    assert names(r, "Investigator") == set()


def test_three_part_names_with_glued_symbol_markers(extract):
    r = extract(
        TITLE + "Hana Park1†‡ Young Suk Jang2‡ Jae-Min Ko1‡ Seung Ho Shin4*†§ Yoo Mi Na6\n"
        "  • 1Division of Infectious Diseases, Norland Medical Center, Seoul\n"
    )
    assert {"Hana Park", "Young Suk Jang", "Jae-Min Ko", "Seung Ho Shin", "Yoo Mi Na"} <= names(
        r, "Investigator"
    )
    assert "Norland Medical Center" in names(r, "Site")


def test_a_journalists_byline_is_no_author_line(extract):
    r = extract(
        "Norland trial meets goal\nBy Jane Roe and Tom Ruiz, MD\nBy Ana Lee, Bo Kim, Li Wen\n"
    )
    assert names(r, "Investigator") <= {"Tom Ruiz"}
