"""One company, one id: the same company written with or without corporate words."""

from __future__ import annotations

from loaders.extract import extract_text


def _company_ids(text: str) -> dict[str, str]:
    result = extract_text(text, "company-identity.txt")
    return {e["name"]: e["id"] for e in result["entities"] if e["type"] == "Company"}


def test_corporate_and_legal_tails_do_not_change_a_companys_id():
    first = _company_ids("Astellas Pharma Inc. announced that zolbetuximab met its endpoint.")
    second = _company_ids("Astellas said zolbetuximab will be filed in Japan.")
    assert list(first.values()) == list(second.values()) == ["company:astellas"]


def test_both_spellings_in_one_document_are_one_company():
    ids = _company_ids(
        "Gilead Sciences, Inc. licensed lenacapavir. Gilead expects approval of lenacapavir."
    )
    assert set(ids.values()) == {"company:gilead"}


def test_a_hyphenated_subsidiary_keeps_the_word_that_tells_it_from_its_parent():
    ids = _company_ids(
        "Sichuan Kelun-Biotech Biopharmaceutical Co., Ltd., a subsidiary of Sichuan Kelun "
        "Pharmaceutical Co., Ltd., develops sacituzumab tirumotecan."
    )
    assert len(set(ids.values())) == 2
