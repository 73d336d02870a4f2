"""Each input format yields what its source states (pure parsing; no database)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from source_helpers import relations, sources_of, write_scanned_pdf, write_text_pdf

from graph.extraction_model import ExtractionError, parse_extraction
from loaders.source_extraction import extract_source
from loaders.sources import SourceError, SourceText, detect_format, iter_sources
from loaders.sources.ctgov import study_document

BIG = 10_000_000


def read(path: Path, fmt: str | None = None) -> list[SourceText | SourceError]:
    return list(iter_sources([str(path)], BIG, fmt))


# --- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("pubmed2.xml", "pubmed-xml"),
        ("pubmed_result2.medline.txt", "medline"),
        ("NCT05894239.json", "ctgov"),
        ("ctgov_studies_page.json", "ctgov"),
        ("fda-press-releases.rss.xml", "feed"),
        ("fda-mylotarg-press-announcement.html", "html"),
    ],
)
def test_format_is_read_from_the_content_whatever_the_file_is_called(
    samples, tmp_path, sample, expected
):
    renamed = tmp_path / "download.txt"
    shutil.copy(samples / sample, renamed)
    assert detect_format(str(renamed), renamed.read_bytes()) == expected
    assert all(isinstance(item, SourceText) for item in read(renamed))


def test_a_text_that_starts_like_json_is_still_text(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("[Press release] Acme starts a trial.\n")
    (item,) = read(note)
    assert item.format == "text" and item.text.startswith("[Press release]")


def test_format_option_overrides_detection(samples, tmp_path):
    (item,) = read(samples / "fda-mylotarg-press-announcement.html", "text")
    assert item.format == "text" and "<!DOCTYPE html>" in item.text
    (error,) = read(samples / "pubmed2.xml", "nonsense")
    assert isinstance(error, SourceError) and "unknown format 'nonsense'" in error.message


def test_unknown_xml_and_json_get_a_reason_that_names_the_kind(tmp_path):
    svg = tmp_path / "figure.xml"
    svg.write_text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')
    other = tmp_path / "data.json"
    other.write_text('{"entities": []}')
    (xml_error,) = read(svg)
    (json_error,) = read(other)
    assert "XML of a kind the loader does not read (root element <svg>)" in xml_error.message
    assert "neither a ClinicalTrials.gov study" in json_error.message


# --- PubMed -----------------------------------------------------------------------------


def test_pubmed_xml_gives_one_document_per_article_with_its_metadata(samples):
    docs = read(samples / "pubmed2.xml")
    assert [d.pmid for d in docs] == ["11748933", "11700088"]
    first = docs[0]
    assert first.source == "https://pubmed.ncbi.nlm.nih.gov/11748933/"
    assert first.title.startswith("Is cryopreservation a homogeneous process?")
    assert first.doi == "10.1006/cryo.2001.2328"
    assert first.journal == "Cryobiology"
    assert (first.format, first.url) == ("pubmed-xml", "https://pubmed.ncbi.nlm.nih.gov/11748933/")
    assert first.authors[:2] == ("A R Taddei", "F Barbato") and len(first.authors) == 8
    assert first.published_at == "2001-12-26"  # PubDate has no day: the PubMed date is used
    assert "Diplodus puntazzo spermatozoa" in first.text and first.free_text


def test_pubmed_authors_with_affiliations_become_investigators_at_sites(samples):
    extraction = extract_source(read(samples / "pubmed2.xml")[0])
    (fact,) = [r for r in extraction["relations"] if r["type"] == "AFFILIATED_WITH"]
    assert (fact["from"]["name"], fact["to"]["name"]) == (
        "A R Taddei",
        "Università degli Studi della Tuscia",
    )
    site = next(e for e in extraction["entities"] if e["id"] == fact["to"]["id"])
    assert site["properties"] == {"kind": "university", "city": "Viterbo", "country": "Italy"}
    evidence = fact["evidence"]["sentence"]
    assert evidence.startswith("PubMed XML PMID 11748933, MedlineCitation.Article.AuthorList")
    document = extraction["document"]
    assert document["doi"] == "10.1006/cryo.2001.2328"
    assert document["publishedAt"] == "2001-12-26"
    assert document["source"] == "https://pubmed.ncbi.nlm.nih.gov/11748933/"
    assert document["url"] == "https://pubmed.ncbi.nlm.nih.gov/11748933/"
    assert (document["pmid"], document["journal"]) == ("11748933", "Cryobiology")
    assert document["authors"][0] == "A R Taddei" and document["format"] == "pubmed-xml"


def test_medline_file_with_four_citations_gives_four_documents(samples):
    docs = read(samples / "pubmed_result2.medline.txt")
    assert [d.pmid for d in docs] == ["16403221", "16377612", "14871861", "14630660"]
    assert docs[1].title == (
        "GenomeDiagram: a python package for the visualization of large-scale genomic data."
    )
    assert docs[1].published_at == "2005-12-23"  # DEP, the electronic publication date
    assert docs[1].doi == "10.1093/bioinformatics/btk021"
    assert docs[1].journal == "Bioinformatics (Oxford, England)"
    assert docs[3].doi is None and docs[3].published_at == "2003-11-22"
    assert {d.format for d in docs} == {"medline"}
    assert docs[2].authors == ("M J L de Hoon", "S Imoto", "J Nolan", "S Miyano")
    assert not any(d.text.startswith("PMID-") for d in docs)
    facts = relations(extract_source(docs[2]), "AFFILIATED_WITH")
    assert facts == {("M J L de Hoon", "University of Tokyo")}


# --- ClinicalTrials.gov ---------------------------------------------------------------------


@pytest.fixture
def inavo122(samples) -> dict:
    (item,) = read(samples / "NCT05894239.json")
    assert item.free_text is False
    return extract_source(item)


def _entity(extraction: dict, label: str) -> list[dict]:
    return [e for e in extraction["entities"] if e["type"] == label]


def test_ctgov_study_gives_the_trial_with_its_registry_fields(inavo122):
    (trial,) = _entity(inavo122, "Trial")
    assert trial["id"] == "trial:nct05894239" and trial["name"] == "INAVO122"
    assert trial["properties"] == {
        "registryId": "NCT05894239",
        "acronym": "INAVO122",
        "phase": "PHASE_3",
        "phaseText": "Phase 3",
        "design": ["randomized", "double-blind", "parallel-group"],
        "status": "recruiting",
        "enrollment": 230,
        "siteCount": 2,
        "countries": ["Hong Kong"],
        "startDate": "2023-09-08",
        "primaryCompletionDate": "2026-09-28",
        "completionDate": "2032-12-28",
    }
    document = inavo122["document"]
    assert document["source"] == "https://clinicaltrials.gov/study/NCT05894239"
    assert document["url"] == document["source"] and document["format"] == "ctgov"
    assert document["title"].startswith("A Study to Evaluate the Efficacy and Safety of Inavolisib")
    assert document["publishedAt"] == "2025-08-03"


def test_ctgov_study_links_sponsor_conditions_study_drugs_and_sites(inavo122):
    assert relations(inavo122, "SPONSORED_BY") == {("INAVO122", "Hoffmann-La Roche")}
    assert relations(inavo122, "STUDIES") == {("INAVO122", "Metastatic Breast Cancer")}
    assert relations(inavo122, "EVALUATES") == {("INAVO122", "inavolisib"), ("INAVO122", "Phesgo")}
    assert relations(inavo122, "CONDUCTED_AT") == {
        ("INAVO122", "Queen Mary Hospital"),
        ("INAVO122", "Tuen Mun Hospital"),
    }
    site = next(e for e in _entity(inavo122, "Site") if e["name"] == "Tuen Mun Hospital")
    assert site["properties"]["city"] == "Hong Kong"


def test_ctgov_placebo_classes_and_eligibility_criteria_create_nothing(inavo122):
    names = {e["name"].lower() for e in inavo122["entities"]}
    for never in ("placebo", "taxane-based chemotherapy", "tamoxifen", "fulvestrant"):
        assert never not in names
    diseases = {e["name"] for e in _entity(inavo122, "Disease")}
    assert diseases == {"Metastatic Breast Cancer"}  # none from the exclusion criteria
    assert not _entity(inavo122, "Investigator")  # the official "Clinical Trials" is no person
    assert "TARGETS" not in {r["type"] for r in inavo122["relations"]}


@pytest.mark.parametrize(
    ("registry", "kept"),
    [
        ("2023-05-14", "2023-05-14"),
        ("2023-05", "2023-05"),  # a month is a month: no day is invented
        ("2023", "2023"),
        ("2023-13", None),
        ("2023-02-30", None),
        ("May 2023", None),
    ],
)
def test_ctgov_dates_keep_the_precision_the_registry_gives(samples, registry, kept):
    study = json.loads((samples / "NCT05894239.json").read_text())
    study["protocolSection"]["statusModule"]["startDateStruct"]["date"] = registry
    (trial,) = _entity(extract_source(study_document("study.json", 0, study)), "Trial")
    assert trial["properties"].get("startDate") == kept
    assert trial["properties"]["completionDate"] == "2032-12-28"


SUMMARY = "protocolSection.descriptionModule.briefSummary"


def test_ctgov_summary_adds_no_drug_disease_or_trial_the_record_lacks(inavo122):
    # the real summary names Phesgo's parts (pertuzumab, trastuzumab) and "HER2-positive
    # advanced breast cancer": none of them is a drug or condition of the record
    names = {e["name"].lower() for e in inavo122["entities"]}
    assert not names & {"pertuzumab", "trastuzumab", "pertuzumab trial"}
    assert {e["type"] for e in inavo122["entities"]} == {
        "Trial",
        "Disease",
        "Drug",
        "Company",
        "Site",
    }
    assert not [r for r in inavo122["relations"] if r["evidence"]["sentence"].startswith(SUMMARY)]


def test_ctgov_summary_adds_targets_and_developer_with_the_field_as_evidence(samples):
    # the real record, with a summary written for this test that states what no field can
    study = json.loads((samples / "NCT05894239.json").read_text())
    study["protocolSection"]["descriptionModule"]["briefSummary"] = (
        "This study will evaluate the efficacy and safety of Roche's inavolisib in combination "
        "with Phesgo, an anti-HER2 antibody combination, in participants with metastatic breast "
        "cancer. Inavolisib is also studied with metformin in type 2 diabetes."
    )
    extraction = extract_source(study_document("study.json", 0, study))
    added = {
        (r["type"], r["from"]["name"], r["to"]["name"]): r["evidence"]["sentence"]
        for r in extraction["relations"]
        if r["evidence"]["sentence"].startswith(f"{SUMMARY}: ")
    }
    assert set(added) == {
        ("TARGETS", "Phesgo", "HER2"),
        ("DEVELOPS", "Hoffmann-La Roche", "inavolisib"),  # the record's sponsor, as Roche
        ("DEVELOPS", "Hoffmann-La Roche", "Phesgo"),
        ("INDICATED_FOR", "inavolisib", "Metastatic Breast Cancer"),
        ("INDICATED_FOR", "Phesgo", "Metastatic Breast Cancer"),
    }
    assert added[("TARGETS", "Phesgo", "HER2")].endswith(
        "in participants with metastatic breast cancer."
    )
    names = {e["name"] for e in extraction["entities"]}
    assert "metformin" not in names and "type 2 diabetes" not in names
    assert [e["name"] for e in _entity(extraction, "Target")] == ["HER2"]
    assert relations(extraction, "EVALUATES") == {
        ("INAVO122", "inavolisib"),
        ("INAVO122", "Phesgo"),
    }


def test_ctgov_evidence_names_the_record_field(inavo122):
    evidence = {r["type"]: r["evidence"]["sentence"] for r in inavo122["relations"]}
    assert evidence["SPONSORED_BY"] == (
        "protocolSection.sponsorCollaboratorsModule.leadSponsor: Hoffmann-La Roche (INDUSTRY)"
    )
    assert evidence["STUDIES"].startswith("protocolSection.conditionsModule.conditions[0]")


def test_ctgov_studies_page_gives_one_document_per_study(samples):
    docs = read(samples / "ctgov_studies_page.json")
    assert [d.source for d in docs] == [
        "https://clinicaltrials.gov/study/NCT05013879",
        "https://clinicaltrials.gov/study/NCT01126879",
    ]
    kinesiotape, genistein = (extract_source(d) for d in docs)
    assert relations(kinesiotape, "EVALUATES") == set()  # a device is not a drug
    assert relations(kinesiotape, "LEADS") == {("Suzanne Babyar", "NCT05013879")}
    assert relations(kinesiotape, "AFFILIATED_WITH") == {
        ("Suzanne Babyar", "Burke Rehabilitation Hospital")
    }
    babyar = _entity(kinesiotape, "Investigator")[0]
    assert babyar["properties"] == {"title": "PT, PhD"}
    # academic sponsors are Sites (the model's SPONSORED_BY ends at a Company)
    assert relations(genistein, "SPONSORED_BY") == set()
    assert "Northwestern University" in {e["name"] for e in _entity(genistein, "Site")}
    (trial,) = _entity(genistein, "Trial")
    assert trial["properties"]["phase"] == "PHASE_2"
    # three staged conditions are one disease, as free text would name it
    staged = next(e for e in _entity(genistein, "Disease") if e["id"] == "disease:prostate-cancer")
    assert staged["name"] == "prostate cancer"
    assert staged["aliases"] == [f"Stage {n} Prostate Cancer" for n in ("I", "II", "III")]
    assert "placebo-controlled" in trial["properties"]["design"]


# --- feeds, HTML ----------------------------------------------------------------------------


def test_rss_feed_gives_one_document_per_item_with_its_date(samples):
    docs = read(samples / "fda-press-releases.rss.xml")
    assert [d.published_at for d in docs] == ["2017-12-13", "2017-12-12", "2017-12-11"]
    assert docs[2].title.startswith('FDA approves Admelog, the first short-acting "follow-on"')
    assert len(set(sources_of(docs))) == 3
    admelog = extract_source(docs[2])
    assert ("insulin lispro", "type 1 diabetes") in relations(admelog, "INDICATED_FOR")
    assert admelog["document"]["publishedAt"] == "2017-12-11"


def test_html_page_gives_its_main_text_and_metadata_without_navigation(samples):
    (page,) = read(samples / "fda-mylotarg-press-announcement.html")
    assert page.title == "FDA approves Mylotarg for treatment of acute myeloid leukemia"
    assert page.published_at == "2017-09-01"
    assert page.url.endswith("/fda-approves-mylotarg-treatment-acute-myeloid-leukemia")
    assert page.authors == ("U.S. Food and Drug Administration",)  # one author, not two
    assert "gemtuzumab ozogamicin" in page.text
    for furniture in ("Skip to main content", "Subscribe to FDA RSS feeds", "<p>"):
        assert furniture not in page.text
    extraction = extract_source(page)
    assert relations(extraction, "INDICATED_FOR") == {
        ("gemtuzumab ozogamicin", "acute myeloid leukemia")
    }


# --- PDF, JSON Lines ------------------------------------------------------------------------


def test_pdf_text_layer_is_read_and_evidence_names_its_page(tmp_path):
    (item,) = read(write_text_pdf(tmp_path / "report.pdf"))
    assert item.format == "pdf" and item.title == "Velmotamab assessment report"
    assert "lupus nephritis" in item.text and len(item.page_starts) == 2
    extraction = extract_source(item)
    evidence = {
        (r["type"], r["to"]["name"]): r["evidence"]["sentence"] for r in extraction["relations"]
    }
    assert evidence[("INDICATED_FOR", "lupus nephritis")].endswith("(page 2)")


def test_pdf_without_text_layer_says_scanned(tmp_path):
    (error,) = read(write_scanned_pdf(tmp_path / "scan.pdf"))
    assert isinstance(error, SourceError)
    assert "no text layer (scanned?)" in error.message


def test_json_lines_records_load_and_a_bad_line_is_named(tmp_path):
    lines = [
        {
            "title": "Acme starts trial",
            "text": "Acme began a study.",
            "url": "https://a.example/1",
            "publishedAt": "2026-03-01T09:00:00Z",
            "author": "Jane Roe; John Doe",
        },
        {"title": "No text"},
        {
            "text": "Second story without a URL.",
            "publishedAt": "2026-03-02",
            "authors": ["Ann Lee"],
        },
    ]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    first, bad, third = read(crawl)
    assert (first.source, first.title, first.published_at) == (
        "https://a.example/1",
        "Acme starts trial",
        "2026-03-01",
    )
    assert first.text == "Acme starts trial\n\nAcme began a study."
    assert isinstance(bad, SourceError) and bad.source.endswith("crawl.jsonl:2")
    assert "'text' must be a non-empty string" in bad.message
    assert third.source == f"{crawl}#line-3"
    assert (first.url, first.authors, third.url, third.authors) == (
        "https://a.example/1",
        ("Jane Roe", "John Doe"),
        None,
        ("Ann Lee",),
    )


@pytest.mark.parametrize(
    ("intervention", "drugs"),
    [
        ("Evusheld", ["tixagevimab", "cilgavimab"]),  # a brand combination: its parts
        ("Keytruda", ["pembrolizumab"]),
        ("Atezolizumab 1200 mg IV", ["atezolizumab"]),
        ("Capecitabine + Oxaliplatin", ["capecitabine", "oxaliplatin"]),
        ("Tap Block - Bupivacaine", ["bupivacaine"]),
        ("BAT4406F", ["BAT4406F"]),
        ("Placebo", []),
        ("Taxane-based Chemotherapy", []),
        ("Optional Endocrine Therapy of Investigator's Choice", []),
    ],
)
def test_an_intervention_name_becomes_the_drugs_it_names(intervention, drugs):
    from loaders.structured.ctgov import drug_names

    assert drug_names(intervention) == drugs


def test_a_pubmed_book_record_is_named_not_dropped(samples, tmp_path):
    xml = (samples / "pubmed2.xml").read_text()
    book = "<PubmedBookArticle><BookDocument><PMID>1</PMID></BookDocument></PubmedBookArticle>"
    mixed = tmp_path / "mixed.xml"
    mixed.write_text(xml.replace("</PubmedArticleSet>", book + "</PubmedArticleSet>"))
    items = read(mixed)
    assert [type(i).__name__ for i in items] == ["SourceText", "SourceText", "SourceError"]
    assert "record 3 is a PubMed book record" in items[2].message


def test_atom_feed_items_are_documents_with_their_links(tmp_path):
    atom = tmp_path / "news.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        "<entry><title>Acme doses first patient</title>"
        '<link href="https://news.example/acme-1"/><id>urn:1</id>'
        "<updated>2026-03-04T10:00:00Z</updated><author><name>Jane Roe</name></author>"
        "<summary type='html'>&lt;p&gt;Acme dosed the &lt;b&gt;first&lt;/b&gt; patient.&lt;/p&gt;"
        "</summary></entry></feed>"
    )
    (item,) = read(atom)
    assert (item.source, item.published_at) == ("https://news.example/acme-1", "2026-03-04")
    assert item.text == "Acme doses first patient\n\nAcme dosed the first patient."
    assert (item.url, item.authors, item.format) == (
        "https://news.example/acme-1",
        ("Jane Roe",),
        "feed",
    )


def test_kg_extract_prints_a_line_per_record_and_names_skipped_files(samples, tmp_path):
    import subprocess
    import sys

    for name in ("pubmed_result2.medline.txt", "fda-press-releases.rss.xml"):
        shutil.copy(samples / name, tmp_path / name)
    (tmp_path / "notes.gold.json").write_text("{}")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    sources = [json.loads(line)["document"]["source"] for line in proc.stdout.splitlines()]
    assert len(sources) == 7 and sources[3] == "https://pubmed.ncbi.nlm.nih.gov/16403221/"
    assert proc.stderr.strip() == (
        f"skipped: {tmp_path / 'notes.gold.json'}: gold annotations, not a document"
    )


def test_a_date_or_doi_quoted_in_an_abstract_is_not_the_records(tmp_path):
    medline = tmp_path / "one.txt"
    medline.write_text(
        "PMID- 123\nTI  - Outcomes of a registry.\nDP  - 2019\n"
        "AB  - Patients treated from January 5, 2010 were followed (see 10.1000/xyz123).\n"
    )
    (item,) = read(medline)
    document = extract_source(item)["document"]
    assert "publishedAt" not in document and "doi" not in document
    assert document["title"] == "Outcomes of a registry."


def test_every_sample_extraction_fits_the_ontology_with_its_metadata(samples, tmp_path):
    items = [item for sample in sorted(samples.iterdir()) for item in read(sample)]
    items += read(write_text_pdf(tmp_path / "report.pdf"))
    formats = set()
    for item in items:
        extraction = extract_source(item)
        model = parse_extraction(extraction)  # the writer's gate and kg extract's contract
        formats.add(model.document.properties()["format"])
    assert formats == {"ctgov", "html", "feed", "pubmed-xml", "medline", "pdf"}
    with pytest.raises(ExtractionError, match="document has unknown property 'author'"):
        parse_extraction({"document": {"id": "x", "source": "s", "title": "t", "author": "A"}})
    with pytest.raises(ExtractionError, match="document property 'authors' must be string"):
        parse_extraction({"document": {"id": "x", "source": "s", "title": "t", "authors": "A"}})
