"""HTML pages: the article's main text and its metadata, without navigation and boilerplate.

trafilatura does the work: it finds the main content block of a page and reads
title, author, date and canonical URL from the page's meta tags.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from loaders.sources.model import SourceText, UnreadableSource
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
            author=page.author or None,
        )
    ]
