"""Companies from corporate words, legal suffixes, tickers and possessives."""

from .conftest import entity, names, rels


def test_legal_suffix_variants_are_one_company(extract):
    r = extract(
        "Quillon Biosciences, Inc. announced data. Quillon Biosciences Ltd. is based in Basel. "
        "Quillon also said more."
    )
    c = entity(r, "Company", "Quillon Biosciences")
    assert c["id"] == "company:quillon"
    assert {"Quillon Biosciences, Inc.", "Quillon Biosciences Ltd.", "Quillon"} <= set(c["aliases"])


def test_ticker_gives_company_and_property(extract):
    r = extract("Marrow Labs (NASDAQ: MRWL) today reported results.")
    assert entity(r, "Company", "Marrow Labs")["properties"]["ticker"] == "NASDAQ: MRWL"


def test_possessive_before_drug_means_develops(extract):
    r = extract(
        "Tessaro's velotumab met its endpoint while Bruton's tyrosine kinase was not studied."
    )
    assert names(r, "Company") == {"Tessaro"}
    assert rels(r, "DEVELOPS") == {("Tessaro", "velotumab")}


def test_regulators_and_agencies_are_not_companies(extract):
    r = extract("The FDA's decision on korvimab and the NMPA's review are due.")
    assert names(r, "Company") == set()


def test_brand_with_company_in_parentheses(extract):
    r = extract("The agency approved dorvitamab (Hexavo; Pellion) for adults.")
    assert rels(r, "DEVELOPS") == {("Pellion", "dorvitamab")}


def test_two_companies_sharing_a_possessive_both_develop(extract):
    r = extract("Pellion and Kastor Bio's velotumab, an anti-CD38 antibody, was approved.")
    assert rels(r, "DEVELOPS") == {("Pellion", "velotumab"), ("Kastor Bio", "velotumab")}


def test_role_of_company_is_not_part_of_the_name(extract):
    r = extract('"Good data," said Ana Ruiz, Chief Executive Officer of Kastor Therapeutics.')
    assert names(r, "Company") == {"Kastor Therapeutics"}
    assert names(r, "Investigator") == set()


def test_given_name_form_of_a_company_merges(extract):
    r = extract("Pfizer said Eli Lilly's tirzepatide and Lilly's orforglipron were studied.")
    assert "Eli Lilly" in names(r, "Company")
    assert "Lilly" not in names(r, "Company")


def test_one_word_press_release_subject_is_a_company(extract):
    r = extract(
        "GENEVA, May 2, 2025 -- Velantis today announced that velotumab met its endpoint. "
        "The trial was run by Velantis in Europe. Researchers reported that it was well tolerated."
    )
    assert names(r, "Company") == {"Velantis"}
    assert rels(r, "DEVELOPS") == {("Velantis", "velotumab")}


def test_developed_by_two_companies(extract):
    r = extract(
        "Velotumab, developed by Pellion Therapeutics and Kastor Bio, is an anti-CD38 antibody."
    )
    assert rels(r, "DEVELOPS") == {
        ("Pellion Therapeutics", "velotumab"),
        ("Kastor Bio", "velotumab"),
    }


def test_licensor_also_develops(extract):
    r = extract(
        "Pellion Bio holds an exclusive license from Kastor Therapeutics to develop velotumab."
    )
    assert rels(r, "DEVELOPS") >= {("Kastor Therapeutics", "velotumab")}


def test_journals_are_not_companies(extract):
    r = extract(
        "The results of velotumab were published in Clinical Therapeutics and in the journal "
        "Cancer Biologics, and Pellion Therapeutics' velotumab was approved."
    )
    assert names(r, "Company") == {"Pellion Therapeutics"}


def test_drug_from_company(extract):
    r = extract("Analysts expect growth from velotumab (Zentaly) from Pellion Therapeutics.")
    assert rels(r, "DEVELOPS") == {("Pellion Therapeutics", "velotumab")}


def test_deal_sentences_give_every_party_the_drug(extract):
    r = extract(
        "Torvanumab was engineered by Quillon Bio, Inc. (NYSE: QLB), which licensed it to "
        "Harlow Therapeutics in 2021. Ostrava Pharmaceuticals develops the antibody in Asia. "
        "Pelzumab, which Dorn Biologics and Vantor Pharmaceuticals are developing jointly, "
        "is tested with torvanumab."
    )
    develops = rels(r, "DEVELOPS")
    assert {
        ("Quillon Bio", "torvanumab"),
        ("Harlow Therapeutics", "torvanumab"),
        ("Ostrava Pharmaceuticals", "torvanumab"),
        ("Dorn Biologics", "pelzumab"),
        ("Vantor Pharmaceuticals", "pelzumab"),
    } <= develops
    assert ("Dorn Biologics", "torvanumab") not in develops


def test_capitalised_names_country_entities_known_as_and_place_prefixes(extract):
    r = extract(
        'ZENTRIX (Asia) Limited ("ZENTRIX") today announced approval of kavotinib. '
        "Sorvex (Nasdaq and Euronext: SRVX) discovered the drug. "
        "Wellbeck Pharmaceuticals, Inc., known as WBX outside the United States, markets "
        "kavotinib in Europe. "
        "WBX said sales grew. Denver-based Halcyon Therapeutics holds rights in Japan. "
        "An Investigational Oral Therapeutic was shown."
    )
    assert names(r, "Company") == {
        "ZENTRIX",
        "Sorvex",
        "Wellbeck Pharmaceuticals",
        "Halcyon Therapeutics",
    }
    assert "WBX" in entity(r, "Company", "Wellbeck Pharmaceuticals")["aliases"]
    assert ("Sorvex", "kavotinib") in rels(r, "DEVELOPS")


def test_possessive_before_coordinated_drugs_develops_each(extract):
    r = extract("Acme Bio's lead drugs, velotinib (Velta), rafatumab and simbitide, did well.")
    assert rels(r, "DEVELOPS") == {
        ("Acme Bio", "velotinib"),
        ("Acme Bio", "rafatumab"),
        ("Acme Bio", "simbitide"),
    }


def test_parent_group_is_its_own_company_not_the_developer(extract):
    r = extract("Pelion Biotech, a member of the Harrow Group, makes caltuximab.")
    harrow = next(e for e in r["entities"] if e["type"] == "Company" and "Harrow" in e["name"])
    assert "Harrow Group" in {harrow["name"], *harrow["aliases"]}
    assert rels(r, "DEVELOPS") == {("Pelion Biotech", "caltuximab")}


def test_childrens_society_is_not_a_company(extract):
    r = extract(
        "Dr. Ana Ruiz, a member of the Children's Oncology Group, led the caltuximab trial."
    )
    assert names(r, "Company") == set()
