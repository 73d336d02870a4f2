"""Generalization round B6: non-ASCII names, ADC names, deal wording and other hard cases."""

from .conftest import names, rels


def test_names_with_accented_letters_are_not_cut(extract):
    r = extract(
        "Zelvatrimab, an anti-CD20 antibody, is being studied in Sjögren's disease and in "
        "Waldenström's macroglobulinaemia."
    )
    diseases = names(r, "Disease")
    assert {"Sjögren's disease", "Waldenström's macroglobulinaemia"} <= diseases
    assert not any(d.startswith(("gren", "m's")) for d in diseases)


def test_spaced_dash_before_a_head_word_keeps_one_institution(extract):
    r = extract(
        "The trial of zelvatrimab was led by Professor Anna Müller of "
        "Charité – Universitätsmedizin Berlin."
    )
    assert "Charité – Universitätsmedizin Berlin" in names(r, "Site")
    assert ("Anna Müller", "Charité – Universitätsmedizin Berlin") in rels(r, "AFFILIATED_WITH")


def test_dash_after_a_site_ends_the_name(extract):
    r = extract("Northfield Hospital – New Data on zelvatrimab were shown by Dr. Ian Cole.")
    assert "Northfield Hospital" in names(r, "Site")
    assert not any("New" in s for s in names(r, "Site"))


def test_company_names_with_accented_letters(extract):
    r = extract(
        "Grünenthal GmbH said its partner Société Acme Pharma SA will develop zelvatrimab, "
        "an anti-CD20 antibody, in lupus."
    )
    assert {"Grünenthal", "Société Acme Pharma"} <= names(r, "Company")


def test_antibody_drug_conjugate_is_one_drug_and_its_payload_alone_is_not(extract):
    r = extract(
        "Acme Bio said vortuzumab zaltecan improved survival in breast cancer. The zaltecan "
        "payload is a topoisomerase inhibitor. Irinotecan was the comparator."
    )
    drugs = names(r, "Drug")
    assert "vortuzumab zaltecan" in drugs
    assert "zaltecan" not in drugs
    assert "irinotecan" in {d.lower() for d in drugs}


def test_conjugates_with_other_payload_stems(extract):
    r = extract("Pelotug mafodotin and nexituzumab soravtansine are being studied in lymphoma.")
    assert {"pelotug mafodotin", "nexituzumab soravtansine"} <= names(r, "Drug")
    assert not {"mafodotin", "soravtansine"} & names(r, "Drug")


def test_formerly_and_now_give_one_company_with_both_names(extract):
    r = extract(
        "Nordfjord Therapeutics (formerly Kestrel Bio) is developing tavolimab for psoriasis. "
        "Brightwater Pharma, formerly known as Osprey Labs, filed for approval. "
        "Halden Labs, now Corvid Biosciences, will comment."
    )
    companies = {e["name"]: set(e["aliases"]) for e in r["entities"] if e["type"] == "Company"}
    assert "Kestrel Bio" in companies["Nordfjord Therapeutics"]
    assert "Osprey Labs" in companies["Brightwater Pharma"]
    assert any(
        "Corvid Biosciences" in {n, *a} and "Halden Labs" in {n, *a} for n, a in companies.items()
    )
    assert len(companies) == 3
    assert ("Nordfjord Therapeutics", "tavolimab") in rels(r, "DEVELOPS")


def test_corporate_group_word_after_a_known_name_is_the_same_company(extract):
    r = extract(
        "Nordwind Pharma International GmbH will market zelvatrimab in Europe. "
        "Nordwind Pharma said the launch is planned for 2026. Nordwind Pharma expects growth."
    )
    assert len([e for e in r["entities"] if e["type"] == "Company"]) == 1


def test_and_company_is_a_legal_suffix_with_the_short_form_as_alias(extract):
    r = extract("Eli Lilly and Company said Lilly will develop zelvatrimab for lupus.")
    companies = [e for e in r["entities"] if e["type"] == "Company"]
    assert len(companies) == 1
    assert "Lilly" in {companies[0]["name"], *companies[0]["aliases"]}


def test_city_university_hospital_is_one_site_without_a_parent(extract):
    r = extract("The study of zelvatrimab was led by Dr. Ian Cole of Nordby University Hospital.")
    assert names(r, "Site") == {"Nordby University Hospital"}
    assert rels(r, "PART_OF") == set()


def test_title_case_directed_in_a_headline_gives_the_bare_target(extract):
    r = extract("Acme Reports Zelvatrimab HER2-Directed ADC Data\n\nZelvatrimab data were shown.")
    assert "HER2" in names(r, "Target")
    assert not any("Directed" in t for t in names(r, "Target"))
