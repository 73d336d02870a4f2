"""HTML pages: the article's main text and its metadata, without navigation and boilerplate.

trafilatura does the work: it finds the main content block of a page and reads
title, author, date and canonical URL from the page's meta tags.
"""

from __future__ import annotations

import datetime as dt

from loaders.sources.model import SourceText, UnreadableSource
from loaders.text_input import TextInputError, decode_text, normalise_text


def iso_date(value: str | None) -> str | None:
    """The calendar date of an ISO date or date-time string, or None when it is not one."""
    if not value:
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _decode(data: bytes) -> str:
    try:
        return decode_text(data)
    except TextInputError:
        return data.decode("latin-1")  # legacy pages; the charset is not worth failing over


def read_html(path: str, data: bytes) -> list[SourceText]:
    """One document: title (from the page's metadata) then the main text."""
    import trafilatura  # heavy import; only when a page is read

    page = trafilatura.bare_extraction(
        _decode(data), with_metadata=True, include_comments=False, include_tables=True
    )
    body = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if not body:
        raise UnreadableSource("HTML page without readable main text")
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
            author=page.author or None,
        )
    ]
