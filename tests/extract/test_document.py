"""Title, date and DOI come from the text itself."""

from loaders.extract.document import document_id, read_date, read_doi, read_title


def test_title_is_first_non_empty_line():
    assert read_title("\n\n  Orvex Reports Data  \nBody text.") == "Orvex Reports Data"


def test_dateline_formats():
    assert read_date("LONDON, Feb. 3, 2024 /Wire/ -- Text") == "2024-02-03"
    assert read_date("OSLO, 7 March 2023 -- Text") == "2023-03-07"
    assert read_date("Posted 2022-11-30 by staff") == "2022-11-30"
    assert read_date("No date in this one.") is None


def test_first_date_in_text_wins():
    text = "MADRID, June 9, 2021 -- Results first shown on May 1, 2020 were updated."
    assert read_date(text) == "2021-06-09"


def test_doi_without_trailing_punctuation():
    assert read_doi("See doi:10.1234/abc.5678. More") == "10.1234/abc.5678"
    assert read_doi("no identifier") is None


def test_document_id_is_content_hash():
    assert document_id("a") == document_id("a") != document_id("b")
    assert len(document_id("a")) == 64


def test_related_links_after_the_article_are_not_content():
    from loaders.extract import extract_text

    text = (
        "Velotumab Shows Benefit\n\nPellion Therapeutics' velotumab, an anti-CD38 antibody, "
        "helped patients with multiple myeloma.\n\nRead more about myeloma\n\nThe data were "
        "positive.\n\nRelated Articles\n\nKastor Bio's korvimab fails in psoriasis\n"
    )
    r = extract_text(text, "x")
    drugs = {e["name"] for e in r["entities"] if e["type"] == "Drug"}
    assert drugs == {"velotumab"}


def test_forward_looking_statements_are_not_content():
    from loaders.extract import extract_text

    text = (
        "Pellion Reports Data\n\nPellion Therapeutics' velotumab, an anti-CD38 antibody, helped "
        "patients with multiple myeloma in a Phase 2 study of 80 patients.\n\n"
        "Forward-Looking Statements\nThis release discusses the potential of velotumab to treat "
        "amyloidosis.\n"
    )
    r = extract_text(text, "x")
    assert {e["name"] for e in r["entities"] if e["type"] == "Disease"} == {"multiple myeloma"}


def test_legal_suffix_before_a_ticker_does_not_end_the_sentence():
    from loaders.extract.text import sentence_spans

    text = "Acme granted Bolt Bio, Inc. (NASDAQ: BOLT) rights to it. The deal closed."
    assert len(sentence_spans(text)) == 2


_WIRE_COPY = (
    "June 4 (Newswire) - Pellion Therapeutics said on Tuesday\n"
    "Japan's health ministry has approved velotumab, its drug for\n"
    "multiple myeloma, giving patients another treatment option\n"
    "after Kastor Bio's korvimab received the nod last year.\n"
    "Pellion said Japan is the second major market in which the\n"
    "drug has been approved, after the United States where it is\n"
    "sold under the brand name Velonza.\n"
)


def test_a_hard_wrapped_text_reads_its_sentences_across_line_breaks():
    from loaders.extract import extract_text

    r = extract_text(_WIRE_COPY, "wire.txt")
    facts = {(f["type"], f["from"]["name"], f["to"]["name"]) for f in r["relations"]}
    assert ("DEVELOPS", "Pellion Therapeutics", "velotumab") in facts
    assert ("INDICATED_FOR", "velotumab", "multiple myeloma") in facts
    assert not any("Tuesday" in e["name"] for e in r["entities"])
    # Offsets stay those of the text as given; only its line breaks read as spaces.
    for entity in r["entities"]:
        for m in entity["mentions"]:
            assert _WIRE_COPY[m["start"] : m["end"]].replace("\n", " ") == m["text"]
    assert r["document"]["title"] == "June 4 (Newswire) - Pellion Therapeutics said on Tuesday"


def test_texts_with_a_line_per_paragraph_or_item_keep_their_line_breaks():
    from loaders.extract.text import unwrap_hard_wraps

    paragraphs = "\n".join(
        f"Paragraph {i} of a release says that velotumab is studied in myeloma patients in "
        "many countries and that the company will report results next year."
        for i in range(6)
    )
    items = "Pipeline\nvelotumab\nkorvimab\nzelvatrimab\nContacts\nmedia relations\n"
    for text in (paragraphs, items, _WIRE_COPY.replace("\n", "\n\n")):
        assert unwrap_hard_wraps(text) == text
    unwrapped = unwrap_hard_wraps(_WIRE_COPY)
    assert len(unwrapped) == len(_WIRE_COPY) and unwrapped.count("\n") < 3
