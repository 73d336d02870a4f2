"""A read source to the extraction contract: free text, structured facts, or both.

Why here and not in the extractor: the extractor reads text and knows nothing
of formats. A source may bring facts its record states (CT.gov fields, PubMed
authors), free-text fields of a record read only for what the fields lack (a
study's summary), and metadata (title, date, DOI, URL, PMID, journal, authors,
format) that beat what the extractor can guess from the text; this module joins
them into the one dict the writer takes.
Module-level and free of Neo4j, so `kg extract` and worker processes use it.
"""

from __future__ import annotations

import bisect
import copy
from typing import Any

from graph.ontology import DOCUMENT_LABEL, node_type
from loaders.extract.document import document_id, read_title
from loaders.sources.model import SourceText
from loaders.structured.passages import add_passage_facts

#: SourceText metadata -> Document property; the ontology decides which are written.
_DOCUMENT_FIELDS = {
    "title": "title",
    "published_at": "publishedAt",
    "doi": "doi",
    "url": "url",
    "authors": "authors",
    "pmid": "pmid",
    "journal": "journal",
    "format": "format",
}


#: Formats whose records state their own date and DOI: the extractor's guesses from the text
#: (a date or DOI quoted in an abstract) never stand in for them.
_RECORD_FORMATS = frozenset({"pubmed-xml", "medline", "ctgov"})


def _annotate_pages(extraction: dict[str, Any], page_starts: tuple[int, ...]) -> None:
    """Append "(page N)" to each evidence sentence of a PDF, from the sentence's offset."""
    if not page_starts:
        return
    for relation in extraction.get("relations", []):
        evidence = relation.get("evidence") or {}
        start = evidence.get("start")
        if isinstance(start, int):
            page = bisect.bisect_right(page_starts, start)
            evidence["sentence"] = f"{evidence['sentence']} (page {max(page, 1)})"


def extract_source(item: SourceText, timings: dict[str, float] | None = None) -> dict[str, Any]:
    """The extraction of one source: the extractor's (when the text is free text) plus the
    record's structured facts, with the document's metadata from the source where it has it.

    `timings`, when given, accumulates the extractor's seconds per stage."""
    from loaders.extract import extract_text, extractor_version  # CPU-side only

    if item.free_text:
        extraction = extract_text(item.text, item.source, timings)
        _annotate_pages(extraction, item.page_starts)
    else:
        extraction = {"document": {"title": read_title(item.text)}, "entities": [], "relations": []}
    if item.structured:
        structured = copy.deepcopy(item.structured)
        extraction["entities"] = extraction.get("entities", []) + structured.get("entities", [])
        extraction["relations"] = extraction.get("relations", []) + structured.get("relations", [])
    for field, passage in item.passages:  # a record's free text: only what its fields lack
        found = item.text.find(passage)
        reading = extract_text(passage, item.source, timings)
        add_passage_facts(extraction, reading, field, found if found >= 0 else None)
    document = extraction.setdefault("document", {})
    if item.format in _RECORD_FORMATS:  # a date or DOI quoted in an abstract is not the record's
        for attribute in ("published_at", "doi"):
            document.pop(_DOCUMENT_FIELDS[attribute], None)
    allowed = node_type(DOCUMENT_LABEL).property_names
    for attribute, prop in _DOCUMENT_FIELDS.items():
        value = getattr(item, attribute)
        if value and prop in allowed:
            document[prop] = list(value) if isinstance(value, tuple) else value
    document["id"] = document_id(item.text)
    document["source"] = item.source
    document["text"] = item.text
    document["extractorVersion"] = extractor_version()
    return extraction
