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


def test_names_of_one_lexicon_group_in_one_document_are_one_company():
    """resolve.company_lexicon: a company's abbreviation and full or regional name."""
    ids = _company_ids(
        "Rival vaccine maker GSK sells zelvatrimab. GlaxoSmithKline's zelvatrimab is approved."
    )
    assert len(set(ids.values())) == 1
    ids = _company_ids(
        "Acme will test tavolimab with MSD's (Merck & Co., Inc., Rahway, NJ, USA) "
        "pembrolizumab in lung cancer."
    )
    assert len({v for k, v in ids.items() if k != "Acme"}) == 1


def test_merck_alone_is_not_joined_to_msd():
    """'Merck' alone may be Merck KGaA: the lexicon puts it in no group."""
    ids = _company_ids("MSD develops pembrolizumab. Merck develops avelumab in Europe.")
    assert len(set(ids.values())) == 2
