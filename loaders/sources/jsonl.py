"""JSON Lines of {title, text, url, publishedAt, author(s)}: for teams with their own crawlers.

Each line is one document; a bad line is reported by its number and the others
still load.
"""

from __future__ import annotations

import json

from loaders.sources.html import iso_date
from loaders.sources.model import SourceError, SourceText, UnreadableSource, author_names
from loaders.text_input import TextInputError, decode_text, normalise_text


def _optional_string(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value.strip() or None


def _authors(record: dict) -> tuple[str, ...]:
    """`authors` (a list of names) or `author` (one string, several separated by ";")."""
    names = record.get("authors")
    if names is None:
        return author_names(_optional_string(record, "author"))
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError("'authors' must be a list of strings")
    return tuple(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))


def _document(path: str, number: int, record: object) -> SourceText:
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ValueError("'text' must be a non-empty string")
    title = _optional_string(record, "title")
    url = _optional_string(record, "url")
    raw_date = _optional_string(record, "publishedAt")
    published = iso_date(raw_date)
    if raw_date and published is None:
        raise ValueError(f"'publishedAt' {raw_date!r} is not an ISO date (YYYY-MM-DD)")
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    return SourceText(
        url or f"{path}#line-{number}",
        normalise_text(text),
        format="jsonl",
        title=title,
        published_at=published,
        url=url,
        authors=_authors(record),
    )


def read_jsonl(path: str, data: bytes) -> list[SourceText | SourceError]:
    """One document per non-empty line (a single JSON object with 'text' counts as one line)."""
    try:
        content = decode_text(data)
    except TextInputError as error:
        raise UnreadableSource(str(error)) from None
    lines = content.splitlines()
    try:  # a whole-file object (pretty-printed over several lines) is one record
        whole = json.loads(content)
        if isinstance(whole, dict):
            lines = [json.dumps(whole)]
    except json.JSONDecodeError:
        pass
    out: list[SourceText | SourceError] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out.append(_document(path, number, json.loads(line)))
        except (ValueError, TextInputError) as error:  # JSONDecodeError is a ValueError
            out.append(SourceError(f"{path}:{number}", f"JSON Lines record: {error}"))
    if not out:
        raise UnreadableSource("JSON Lines file without records")
    return out
