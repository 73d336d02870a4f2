"""Which format a file is in, read from its content (the extension only breaks ties).

Why content first: analysts save PubMed exports as .txt, feeds as .xml and
registry records as .json or with no extension at all; a reader chosen by the
name alone reads markup as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from loaders.sources.model import UnreadableSource

#: Every format a reader exists for; `--format` accepts these names.
FORMATS = ("text", "html", "feed", "pubmed-xml", "medline", "ctgov", "pdf", "jsonl")

#: Files a folder contributes as documents (anything else in a folder is reported as skipped).
DOCUMENT_SUFFIXES = (
    ".txt",
    ".md",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".rss",
    ".atom",
    ".json",
    ".jsonl",
    ".ndjson",
    ".pdf",
    ".medline",
    ".nbib",
)
#: Annotation files that sit beside documents in a corpus; never documents themselves.
NOT_DOCUMENT_SUFFIXES = (".gold.json",)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MEDLINE = re.compile(r"^PMID- *\d+", re.M)
_XML_ROOT = re.compile(r"<(?!\?|!)([A-Za-z_][\w:.-]*)")


def _head_text(data: bytes) -> str:
    """The start of the file as text, good enough to recognise markup (any encoding)."""
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            encoding = "utf-8" if bom == _BOMS[0] else "utf-16"
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _without_xml_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def _markup_format(head: str) -> str | None:
    low = _without_xml_comments(head).lower()
    if "<!doctype html" in low or re.search(r"<html[\s>]", low):
        return "html"
    root = _XML_ROOT.search(_without_xml_comments(head))
    name = root.group(1).lower() if root else ""
    if name in {"pubmedarticleset", "pubmedarticle", "medlinecitationset"}:
        return "pubmed-xml"
    if name in {"rss", "feed", "rdf:rdf"}:
        return "feed"
    if name in {"head", "body", "article", "div", "p", "meta", "title"}:
        return "html"
    return None


def _json_format(text: str, suffix: str) -> str:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip()]
        first = lines[0] if lines else ""
        try:
            json.loads(first)
        except json.JSONDecodeError:
            raise UnreadableSource("looks like JSON but is not valid JSON") from None
        return "jsonl"
    if isinstance(value, dict) and ("protocolSection" in value or "studies" in value):
        return "ctgov"
    if isinstance(value, dict) and "text" in value:
        return "jsonl"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    raise UnreadableSource(
        "JSON, but neither a ClinicalTrials.gov study (protocolSection or a studies page) "
        "nor JSON Lines of {title, text, url, publishedAt}"
    )


_TEXT_SUFFIXES = (".txt", ".md", ".text")


def detect_format(path: str, data: bytes) -> str:
    """The format of `data` (a file's bytes); raises UnreadableSource for a known non-document.

    A plain-text name (.txt, .md) that starts like unknown markup or broken JSON is
    read as text: a press release may well begin with "[" or "<".
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    suffix = Path(path).suffix.lower()
    head = _head_text(data).lstrip()
    if _MEDLINE.match(head):
        return "medline"
    try:
        if head.startswith("<"):
            found = _markup_format(head)
            if found:
                return found
            if suffix in {".html", ".htm", ".xhtml"}:
                return "html"
            root = _XML_ROOT.search(_without_xml_comments(head))
            kind = f"<{root.group(1)}>" if root else "unknown"
            raise UnreadableSource(
                f"XML of a kind the loader does not read (root element {kind}); it reads "
                "PubMed (PubmedArticleSet), RSS/Atom feeds and HTML"
            )
        if head.startswith(("{", "[")):
            return _json_format(data.decode("utf-8-sig", errors="replace"), suffix)
    except UnreadableSource:
        if suffix in _TEXT_SUFFIXES:
            return "text"
        raise
    return "text"
