"""Real public files of every format, loaded from one folder into the real Neo4j.

Done when each yields what its source states and no file is left out without a
line naming it (issue 11).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient
from source_helpers import SAMPLES, write_text_pdf
from typer.testing import CliRunner

from api.main import create_app
from config.settings import Settings, get_settings
from graph.schema import ensure_schema
from kg.cli import app
from loaders.pipeline import load_paths

DB = "neo4j"
#: Documents in the folder: 3 studies, 2 + 4 PubMed records, 3 feed items, 1 page, 1 PDF.
DOCUMENTS = 14


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, tmp_path / sample.name)
    write_text_pdf(tmp_path / "assessment-report.pdf")
    (tmp_path / "notes.gold.json").write_text('{"entities": []}')
    (tmp_path / "budget.csv").write_text("a,b\n1,2\n")
    return tmp_path


#: The evidence sentences of fact relationship `r`: its SUPPORTS records (one per document).
EVIDENCE_OF_R = (
    "COLLECT { MATCH (:Document)-[ev:SUPPORTS {fact: type(r) + '|' + startNode(r).id + '|' "
    "+ endNode(r).id}]->() RETURN ev.sentence } AS evidence"
)


def one(graph: neo4j.Driver, query: str, **params):
    records = graph.execute_query(query, params, database_=DB).records
    return records[0] if records else None


def test_every_format_loads_from_one_folder_and_yields_what_its_source_states(
    graph, settings: Settings, folder
):
    # two worker processes: records with structured facts travel to them and back intact
    summary = load_paths(graph, settings, [str(folder)], workers=2)
    assert (summary.loaded, summary.failed, summary.skipped) == (DOCUMENTS, 0, 2), summary.failures
    assert {Path(s.source).name for s in summary.skips} == {"notes.gold.json", "budget.csv"}
    by_format = graph.execute_query(
        "MATCH (d:Document) RETURN d.format AS format, count(*) AS n", database_=DB
    ).records
    assert {r["format"]: r["n"] for r in by_format} == {
        "ctgov": 3,
        "pubmed-xml": 2,
        "medline": 4,
        "feed": 3,
        "html": 1,
        "pdf": 1,
    }  # every file that is a document yielded its records; the other two are named skips

    study = one(
        graph,
        "MATCH (d:Document {source: $url}) RETURN d.title AS title, d.publishedAt AS date",
        url="https://clinicaltrials.gov/study/NCT05894239",
    )
    assert study["title"].startswith("A Study to Evaluate the Efficacy and Safety of Inavolisib")
    assert str(study["date"]) == "2025-08-03"

    trial = one(graph, "MATCH (t:Trial {registryId: 'NCT05894239'}) RETURN t")["t"]
    assert (trial["acronym"], trial["phase"], trial["status"], trial["enrollment"]) == (
        "INAVO122",
        "PHASE_3",
        "recruiting",
        230,
    )
    assert (trial["startDate"], trial["primaryCompletionDate"], trial["completionDate"]) == (
        "2023-09-08",
        "2026-09-28",
        "2032-12-28",
    )
    facts = graph.execute_query(
        "MATCH (t:Trial {registryId: 'NCT05894239'})-[r]->(x) "
        "RETURN type(r) AS type, x.name AS name, " + EVIDENCE_OF_R,
        database_=DB,
    ).records
    by_type = {}
    for fact in facts:
        by_type.setdefault(fact["type"], set()).add(fact["name"])
    assert by_type == {
        "SPONSORED_BY": {"Hoffmann-La Roche"},
        "STUDIES": {"Metastatic Breast Cancer"},
        "EVALUATES": {"inavolisib", "Phesgo"},
        "CONDUCTED_AT": {"Queen Mary Hospital", "Tuen Mun Hospital"},
    }
    sponsor = next(f for f in facts if f["type"] == "SPONSORED_BY")
    assert sponsor["evidence"] == [
        "protocolSection.sponsorCollaboratorsModule.leadSponsor: Hoffmann-La Roche (INDUSTRY)"
    ]
    mentioned = one(
        graph,
        "MATCH (:Document {source: $url})-[:MENTIONS]->(x:Disease) RETURN collect(x.name) AS n",
        url="https://clinicaltrials.gov/study/NCT05894239",
    )["n"]
    assert mentioned == ["Metastatic Breast Cancer"]  # nothing from the exclusion criteria

    pubmed = one(
        graph,
        "MATCH (d:Document {source: 'https://pubmed.ncbi.nlm.nih.gov/11748933/'}) "
        "RETURN d.doi AS doi, d.publishedAt AS date, d.title AS title, d.url AS url, "
        "d.pmid AS pmid, d.journal AS journal, d.authors AS authors",
    )
    assert pubmed["doi"] == "10.1006/cryo.2001.2328" and str(pubmed["date"]) == "2001-12-26"
    assert (pubmed["url"], pubmed["pmid"], pubmed["journal"]) == (
        "https://pubmed.ncbi.nlm.nih.gov/11748933/",
        "11748933",
        "Cryobiology",
    )
    assert pubmed["authors"][:2] == ["A R Taddei", "F Barbato"]
    citation = one(
        graph,
        "MATCH (d:Document {pmid: '14871861'}) RETURN d.journal AS journal, d.authors AS authors",
    )
    assert citation["journal"] == "Bioinformatics (Oxford, England)"
    assert citation["authors"] == ["M J L de Hoon", "S Imoto", "J Nolan", "S Miyano"]
    medline = one(
        graph,
        "MATCH (i:Investigator)-[r:AFFILIATED_WITH]->(s:Site {name: 'University of Tokyo'}) "
        "RETURN i.name AS who, s.country AS country, " + EVIDENCE_OF_R,
    )
    assert medline["who"] == "M J L de Hoon" and medline["country"] == "Japan"
    assert medline["evidence"][0].startswith("MEDLINE PMID 14871861")
    medline_docs = one(
        graph,
        "MATCH (d:Document) WHERE d.source STARTS WITH $p RETURN count(d) AS n",
        p="https://pubmed.ncbi.nlm.nih.gov/",
    )["n"]
    assert medline_docs == 6

    items = graph.execute_query(
        "MATCH (d:Document) WHERE d.source CONTAINS 'fda-press-releases.rss.xml#' "
        "RETURN d.title AS title, toString(d.publishedAt) AS date ORDER BY date",
        database_=DB,
    ).records
    assert [r["date"] for r in items] == ["2017-12-11", "2017-12-12", "2017-12-13"]
    page = one(
        graph,
        "MATCH (d:Document) WHERE d.source ENDS WITH 'fda-mylotarg-press-announcement.html' "
        "MATCH (d)-[:MENTIONS]->(x:Drug)-[r:INDICATED_FOR]->(y:Disease) "
        "RETURN d.title AS title, x.name AS drug, y.name AS disease, d.url AS url, "
        "d.authors AS authors",
    )
    assert (page["title"], page["drug"], page["disease"]) == (
        "FDA approves Mylotarg for treatment of acute myeloid leukemia",
        "gemtuzumab ozogamicin",
        "acute myeloid leukemia",
    )
    assert page["url"] == (
        "https://www.fda.gov/news-events/press-announcements/"
        "fda-approves-mylotarg-treatment-acute-myeloid-leukemia"
    )
    assert page["authors"] == ["U.S. Food and Drug Administration"]
    pdf = one(
        graph,
        "MATCH (:Drug {name: 'velmotamab'})-[r:INDICATED_FOR]->(y:Disease) "
        "WHERE y.name = 'lupus nephritis' RETURN " + EVIDENCE_OF_R,
    )
    assert pdf["evidence"][0].endswith("(page 2)")

    # the same metadata through GraphQL, whose types come from the ontology
    answer = _metadata_through_graphql(settings)
    assert answer["document"] == {
        "url": "https://pubmed.ncbi.nlm.nih.gov/16377612/",
        "pmid": "16377612",
        "journal": "Bioinformatics (Oxford, England)",
        "authors": ["Leighton Pritchard", "Jennifer A White", "Paul R J Birch", "Ian K Toth"],
        "format": "medline",
    }
    assert answer["study"] == {
        "url": "https://clinicaltrials.gov/study/NCT05894239",
        "format": "ctgov",
    }
    assert answer["trial"] == {
        "startDate": "2023-09-08",
        "primaryCompletionDate": "2026-09-28",
        "completionDate": "2032-12-28",
    }

    again = load_paths(graph, settings, [str(folder)])
    assert (again.unchanged, again.loaded, again.nodes_created) == (DOCUMENTS, 0, 0)

    # nodes of a graph loaded before the model had these properties: simply absent
    graph.execute_query(
        "MATCH (d:Document {pmid: '16377612'}) "
        "REMOVE d.url, d.pmid, d.journal, d.authors, d.format",
        database_=DB,
    )
    graph.execute_query(
        "MATCH (t:Trial {registryId: 'NCT05894239'}) "
        "REMOVE t.startDate, t.primaryCompletionDate, t.completionDate",
        database_=DB,
    )
    old = _metadata_through_graphql(settings)
    assert old["document"] == {
        "url": None,
        "pmid": None,
        "journal": None,
        "authors": [],
        "format": None,
    }
    assert set(old["trial"].values()) == {None}


def _metadata_through_graphql(settings: Settings) -> dict:
    """Document metadata and trial dates, asked for as a frontend would."""
    query = (
        "query($pmid: String!, $study: String!) {"
        " document(source: $pmid) { url pmid journal authors format }"
        " study: document(source: $study) { url format }"
        ' trial(name: "NCT05894239") { startDate primaryCompletionDate completionDate } }'
    )
    variables = {
        "pmid": "https://pubmed.ncbi.nlm.nih.gov/16377612/",
        "study": "https://clinicaltrials.gov/study/NCT05894239",
    }
    with TestClient(create_app(settings)) as client:
        answer = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in answer, answer
    return answer["data"]


def test_kg_load_names_every_file_it_did_not_read(
    graph, settings: Settings, folder, monkeypatch: pytest.MonkeyPatch
):
    for name in ("NCT05894239.json", "pubmed2.xml", "pubmed_result2.medline.txt"):
        (folder / name).unlink()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "memo#2.txt").write_text("Acme Therapeutics starts a trial of velmotamab.\n")
    monkeypatch.setenv("NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password or "")
    get_settings.cache_clear()
    try:
        monkeypatch.chdir(folder.parent)  # a relative path, as a user types it
        result = CliRunner().invoke(app, ["load", folder.name])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1, "the unreadable PDF is a failure"
    err = result.stderr
    assert "skipped" in err and "notes.gold.json: gold annotations, not a document" in err
    assert "budget.csv: not a document type (.csv)" in err
    assert "scan.pdf" in err and "not a readable PDF" in err
    assert "Documents: 8 loaded, 0 unchanged, 0 replaced, 1 failed" in result.stdout
    assert "Skipped 2 files that are not documents" in result.stdout
    memo = str((folder / "memo#2.txt").resolve())  # a "#" in a file name is no record marker
    assert one(graph, "MATCH (d:Document {source: $s}) RETURN d.id AS id", s=memo) is not None
