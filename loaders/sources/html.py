"""HTML pages: the article's main text and its metadata, without navigation and boilerplate.

trafilatura does the work: it finds the main content block of a page and reads
title, date and canonical URL from the page's metadata; authors come from the
page's author meta tags first (see `page_authors`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

from loaders.sources.model import SourceText, UnreadableSource, author_names
from loaders.text_input import TextInputError, decode_text, normalise_text

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|article|section)\b[^>]*>", re.I)
_NOT_TEXT = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's summary, a page too small for trafilatura):
    scripts and styles dropped, block tags as line breaks, entities decoded."""
    text = _BLOCK.sub("\n", _NOT_TEXT.sub(" ", fragment))
    text = html.unescape(_TAG.sub(" ", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def iso_date(value: str | None) -> str | None:
    """The calendar date of an ISO date or date-time string, or None when it is not one."""
    if not value:
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


#: Meta tags that name a page's author(s), one per tag or several separated by ";".
_AUTHOR_META = frozenset({"author", "article:author", "citation_author", "dc.creator"})


class _AuthorMeta(HTMLParser):
    """Collects the content of the page's author meta tags, as written."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        fields = {k.lower(): v or "" for k, v in attrs}
        kind = (fields.get("name") or fields.get("property") or "").lower()
        content = fields.get("content", "").strip()
        if kind in _AUTHOR_META and content and "://" not in content:  # not a profile URL
            self.names.append(content)


def page_authors(html_text: str, fallback: str | None) -> tuple[str, ...]:
    """The authors the page's meta tags name, else what trafilatura found (a byline, JSON-LD).

    Why not trafilatura's alone: it splits names on "and" and drops dots, so
    "U.S. Food and Drug Administration" became two authors, "U S Food" and "Drug Administration".
    """
    parser = _AuthorMeta()
    parser.feed(html_text)
    names = tuple(dict.fromkeys(n for value in parser.names for n in author_names(value)))
    return names or author_names(fallback)


def _decode(data: bytes) -> str:
    try:
        return decode_text(data)
    except TextInputError:
        return data.decode("latin-1")  # legacy pages; the charset is not worth failing over


def read_html(path: str, data: bytes) -> list[SourceText]:
    """One document: title (from the page's metadata) then the main text."""
    import trafilatura  # heavy import; only when a page is read

    html_text = _decode(data)
    page = trafilatura.bare_extraction(
        html_text, with_metadata=True, include_comments=False, include_tables=True
    )
    body = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if not body:  # trafilatura drops pages below its minimum size: keep their text
        page = trafilatura.extract_metadata(html_text)
        body = html_to_text(html_text)
    if not body:
        raise UnreadableSource("HTML page without readable text")
    title = (page.title or "").strip() or None
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    try:
        text = normalise_text(body)
    except TextInputError as error:
        raise UnreadableSource(str(error)) from None
    return [
        SourceText(
            path,
            text,
            format="html",
            title=title,
            published_at=iso_date(page.date),
            url=page.url or None,
            authors=page_authors(html_text, page.author),
        )
    ]
