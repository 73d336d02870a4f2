"""RSS and Atom feeds: one document per item, with its link, date, title and author.

feedparser reads every feed dialect (RSS 0.9x-2.0, RSS 1.0, Atom) and
sanitises item HTML; the loader keeps only its text.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from loaders.sources.html import html_to_text
from loaders.sources.model import SourceError, SourceText, UnreadableSource, author_names
from loaders.text_input import TextInputError, normalise_text


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _body(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary", "")
    best = max(contents + [summary], key=len) if (contents or summary) else ""
    return html_to_text(best)


def _authors(entry) -> tuple[str, ...]:
    """The item's author names (feedparser parses "mail@x (Name)" and Atom <author><name>)."""
    named = [a.get("name", "") for a in entry.get("authors", []) if isinstance(a, dict)]
    names = tuple(dict.fromkeys(" ".join(n.split()) for n in named if n and n.strip()))
    return names or author_names(entry.get("author"))


def _item_source(path: str, entry, title: str, date: str | None) -> str:
    """An item's link, else its guid, else the file with a stable key from title and date."""
    link = entry.get("link")
    if link:
        return link
    guid = entry.get("id")
    if guid:
        return f"{path}#{guid}"
    key = hashlib.sha1(f"{title}\n{date}".encode()).hexdigest()[:12]
    return f"{path}#item-{key}"


def read_feed(path: str, data: bytes) -> list[SourceText | SourceError]:
    """One SourceText per item with text; an item with neither title nor text is reported."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        reason = f" ({problem})" if problem else ""
        raise UnreadableSource(f"feed without items{reason}")
    out: list[SourceText | SourceError] = []
    for index, entry in enumerate(feed.entries, start=1):
        title = " ".join(html_to_text(entry.get("title", "")).split())
        date = _date(entry)
        source = _item_source(path, entry, title, date)
        body = _body(entry)
        parts = [p for p in (title, body) if p]
        try:
            text = normalise_text("\n\n".join(parts))
        except TextInputError:
            out.append(SourceError(f"{path}#item {index}", "feed item without title or text"))
            continue
        out.append(
            SourceText(
                source,
                text,
                format="feed",
                title=title or None,
                published_at=date,
                url=entry.get("link") or None,
                authors=_authors(entry),
            )
        )
    return out
