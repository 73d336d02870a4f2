"""What a source reader hands to the loader: a document with its metadata, or a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceText:
    """One document read from an input, with what its format states about it.

    `source` is where the document can be found again: the file path for a file
    that is one document, the record's or item's URL (or `path#id`) for a file
    that holds several. `structured` is a partial extraction (entities and
    relations stated by the record's fields); with `free_text` false it is the
    whole extraction and the free-text extractor does not run on `text`;
    `passages` are then the record's free-text fields as (field, text), which
    the extractor reads for what the structure lacks (a study's summary), with
    evidence naming the field. `page_starts` are the text offsets where PDF
    pages begin, so evidence can name its page. `format` is the reader's name.
    """

    source: str
    text: str
    format: str = "text"
    title: str | None = None
    published_at: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    doi: str | None = None
    pmid: str | None = None
    journal: str | None = None
    structured: dict[str, Any] | None = None
    free_text: bool = True
    passages: tuple[tuple[str, str], ...] = ()
    page_starts: tuple[int, ...] = field(default=())


def author_names(value: str | None) -> tuple[str, ...]:
    """Authors from one metadata string: page and PDF metadata list several with ";"."""
    if not value:
        return ()
    names = (" ".join(part.split()) for part in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class SourceError:
    """An input that could not be read, with a one-line reason for the user.

    `skipped` marks a file a folder holds that is not a document (a gold file, a
    spreadsheet): reported with its reason, but not a failure of the load.
    """

    source: str
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class UnreadableSource(ValueError):
    """Raised by a format reader; becomes a SourceError with this message."""
