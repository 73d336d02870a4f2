"""PubMed records: efetch XML (PubmedArticleSet) and MEDLINE text, one document per record.

Each record keeps its PMID, DOI, journal, publication date, title and abstract;
the abstract goes through the free-text extractor, and the authors with an
affiliation are mapped field by field (loaders/structured/pubmed.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from loaders.sources.model import SourceError, SourceText, UnreadableSource
from loaders.text_input import TextInputError, decode_text, normalise_text

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


@dataclass
class PubmedAuthor:
    """An author as the record names them, with their affiliations and the field they are in."""

    name: str
    affiliations: list[str]
    field: str


@dataclass
class PubmedRecord:
    pmid: str
    title: str
    abstract: str
    journal: str | None = None
    doi: str | None = None
    published_at: str | None = None
    authors: list[PubmedAuthor] = field(default_factory=list)
    #: How evidence names the record: "PubMed XML" or "MEDLINE".
    kind: str = "PubMed XML"


def _full_date(year: str | None, month: str | None, day: str | None) -> str | None:
    """An ISO date only when year, month and day are all given (no invented days)."""
    if not (year and month and day):
        return None
    month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    try:
        return dt.date(int(year), int(month_no or 0), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


# --- efetch XML -------------------------------------------------------------------------


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _xml_date(element) -> str | None:
    if element is None:
        return None
    return _full_date(element.findtext("Year"), element.findtext("Month"), element.findtext("Day"))


def _xml_abstract(article) -> str:
    parts = []
    for node in article.findall("Abstract/AbstractText"):
        label = node.get("Label")
        text = _text(node)
        if text:
            parts.append(f"{label}: {text}" if label and label.upper() != "UNLABELLED" else text)
    return "\n".join(parts)


def _xml_authors(article) -> list[PubmedAuthor]:
    out = []
    for index, author in enumerate(article.findall("AuthorList/Author"), start=1):
        last = (author.findtext("LastName") or "").strip()
        first = (author.findtext("ForeName") or author.findtext("Initials") or "").strip()
        name = " ".join(x for x in (first, last) if x)
        affiliations = [_text(a) for a in author.findall("AffiliationInfo/Affiliation")]
        if name:
            out.append(
                PubmedAuthor(
                    name,
                    [a for a in affiliations if a],
                    f"MedlineCitation.Article.AuthorList.Author[{index}].AffiliationInfo",
                )
            )
    return out


def _xml_record(node) -> PubmedRecord | None:
    citation = node.find("MedlineCitation")
    if citation is None:
        return None
    article = citation.find("Article")
    pmid = (citation.findtext("PMID") or "").strip()
    if article is None or not pmid:
        return None
    doi = None
    for ident in node.findall("PubmedData/ArticleIdList/ArticleId"):
        if ident.get("IdType") == "doi" and ident.text:
            doi = ident.text.strip()
    for ident in article.findall("ELocationID"):
        if doi is None and ident.get("EIdType") == "doi" and ident.text:
            doi = ident.text.strip()
    dates = node.findall("PubmedData/History/PubMedPubDate")
    history = next((d for d in dates if d.get("PubStatus") == "pubmed"), None)
    published = (
        _xml_date(article.find("ArticleDate"))
        or _xml_date(article.find("Journal/JournalIssue/PubDate"))
        or _xml_date(history)
    )
    return PubmedRecord(
        pmid=pmid,
        title=_text(article.find("ArticleTitle")),
        abstract=_xml_abstract(article),
        journal=_text(article.find("Journal/Title")) or None,
        doi=doi,
        published_at=published,
        authors=_xml_authors(article),
        kind="PubMed XML",
    )


def parse_pubmed_xml(data: bytes) -> list[PubmedRecord | str]:
    """Every record of an efetch answer: a PubmedRecord, or why a record is not read.

    Entity expansion and external entities are refused (defusedxml).
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data, forbid_dtd=False)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise UnreadableSource(f"PubMed XML that does not parse ({error})") from None
    nodes = [root] if root.tag == "PubmedArticle" else list(root)
    out: list[PubmedRecord | str] = []
    for index, node in enumerate(nodes, start=1):
        record = _xml_record(node) if node.tag == "PubmedArticle" else None
        if record is not None:
            out.append(record)
        elif node.tag == "PubmedBookArticle":
            out.append(f"record {index} is a PubMed book record, which the loader does not read")
        elif node.tag == "PubmedArticle":
            out.append(f"record {index} has no PMID or article")
    return out


# --- MEDLINE text -------------------------------------------------------------------------

_TAG = re.compile(r"^([A-Z]{2,4})\s*- ?(.*)$")


def _medline_fields(block: str) -> Iterator[tuple[str, str]]:
    tag, value = None, []
    for line in block.splitlines():
        match = _TAG.match(line)
        if match:
            if tag:
                yield tag, " ".join(" ".join(value).split())
            tag, value = match.group(1), [match.group(2)]
        elif tag and line.startswith(" "):
            value.append(line.strip())
    if tag:
        yield tag, " ".join(" ".join(value).split())


def _medline_date(fields: list[tuple[str, str]]) -> str | None:
    for tag, value in fields:
        if tag == "DEP" and re.fullmatch(r"\d{8}", value):
            return _full_date(value[:4], value[4:6], value[6:])
    for tag, value in fields:
        if tag == "DP":
            parts = value.split()
            if len(parts) >= 3:
                return _full_date(parts[0], parts[1], parts[2])
    for tag, value in fields:
        if tag in {"EDAT", "PHST"} and ("[pubmed]" in value or tag == "EDAT"):
            m = re.match(r"(\d{4})/(\d{2})/(\d{2})", value)
            if m:
                return _full_date(*m.groups())
    return None


def _medline_record(block: str) -> PubmedRecord | None:
    fields = list(_medline_fields(block))
    first = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    pmid = first.get("PMID", "").strip()
    if not pmid:
        return None
    ids = [v for t, v in fields if t in {"AID", "LID"} and v.endswith("[doi]")]
    doi = ids[0].removesuffix("[doi]").strip() if ids else None
    authors: list[PubmedAuthor] = []
    loose: list[str] = []  # AD lines before any author: the first author's (older records)
    for tag, value in fields:
        if tag == "FAU":
            last, _, fore = value.partition(",")
            name = " ".join(x for x in (fore.strip(), last.strip()) if x)
            authors.append(PubmedAuthor(name, [], f"MEDLINE FAU[{len(authors) + 1}] and AD"))
        elif tag == "AD":
            (authors[-1].affiliations if authors else loose).append(value)
    if loose and authors and not authors[0].affiliations:
        authors[0].affiliations.extend(loose)
    return PubmedRecord(
        pmid=pmid,
        title=first.get("TI", ""),
        abstract=first.get("AB", ""),
        journal=first.get("JT") or first.get("TA"),
        doi=doi,
        published_at=_medline_date(fields),
        authors=authors,
        kind="MEDLINE",
    )


def parse_medline(data: bytes) -> list[PubmedRecord | str]:
    """Every citation of a MEDLINE (PubMed 'Format: PubMed') file; blank lines separate them."""
    try:
        text = decode_text(data)
    except TextInputError as error:
        raise UnreadableSource(str(error)) from None
    blocks = re.split(r"\n\s*\n(?=PMID-)", "\n" + text.replace("\r\n", "\n"))
    return [r for r in (_medline_record(b) for b in blocks if b.strip()) if r is not None]


# --- records to documents --------------------------------------------------------------


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def record_document(path: str, record: PubmedRecord) -> SourceText | SourceError:
    """The record as a document: title and abstract as text, authors as structured facts."""
    from loaders.structured.pubmed import author_facts

    url = pubmed_url(record.pmid)
    parts = [p for p in (record.title, record.abstract) if p]
    try:
        text = normalise_text("\n\n".join(parts))
    except TextInputError:
        return SourceError(f"{path}#PMID {record.pmid}", "PubMed record without title or abstract")
    return SourceText(
        url,
        text,
        format="pubmed-xml" if record.kind == "PubMed XML" else "medline",
        title=record.title or None,
        published_at=record.published_at,
        url=url,
        doi=record.doi,
        pmid=record.pmid,
        journal=record.journal,
        authors=tuple(dict.fromkeys(a.name for a in record.authors)),
        structured=author_facts(record),
    )


def _documents(
    path: str, records: list[PubmedRecord | str], kind: str
) -> list[SourceText | SourceError]:
    if not any(isinstance(r, PubmedRecord) for r in records):
        reasons = "; ".join(r for r in records if isinstance(r, str))
        raise UnreadableSource(f"{kind} without any usable PubMed record ({reasons or 'none'})")
    return [
        record_document(path, r) if isinstance(r, PubmedRecord) else SourceError(path, r)
        for r in records
    ]


def read_pubmed_xml(path: str, data: bytes) -> list[SourceText | SourceError]:
    return _documents(path, parse_pubmed_xml(data), "PubMed XML")


def read_medline(path: str, data: bytes) -> list[SourceText | SourceError]:
    return _documents(path, parse_medline(data), "MEDLINE file")
