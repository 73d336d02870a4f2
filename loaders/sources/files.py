"""Reading inputs for `kg extract` and `kg load`: files and folders to documents.

One place decides what counts as a readable document, so both commands accept
and reject exactly the same inputs with the same one-line messages. The format
of a file is read from its content (loaders/sources/detect.py) unless the user
names it; a file may hold several documents (a feed, a PubMed set, a studies
page). Nothing is dropped silently: a folder's file that is not a document is
reported as skipped, with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from loaders.sources.detect import DOCUMENT_SUFFIXES, FORMATS, NOT_DOCUMENT_SUFFIXES, detect_format
from loaders.sources.model import SourceError, SourceText, UnreadableSource

Reader = Callable[[str, bytes], list]


def _readers() -> dict[str, Reader]:
    from loaders.sources.ctgov import read_ctgov
    from loaders.sources.feeds import read_feed
    from loaders.sources.html import read_html
    from loaders.sources.jsonl import read_jsonl
    from loaders.sources.pdf import read_pdf
    from loaders.sources.plain import read_text
    from loaders.sources.pubmed import read_medline, read_pubmed_xml

    return {
        "text": read_text,
        "html": read_html,
        "feed": read_feed,
        "pubmed-xml": read_pubmed_xml,
        "medline": read_medline,
        "ctgov": read_ctgov,
        "pdf": read_pdf,
        "jsonl": read_jsonl,
    }


def _hidden(name: str) -> bool:
    return name.startswith(".")


def folder_skip_reason(name: str) -> str | None:
    """Why a folder's file is not a document, or None when it is one to read."""
    low = name.lower()
    if low.endswith(NOT_DOCUMENT_SUFFIXES):
        return "gold annotations, not a document"
    if not low.endswith(DOCUMENT_SUFFIXES):
        suffix = Path(name).suffix or "no extension"
        return f"not a document type ({suffix}); name the file to read it anyway"
    return None


def expand_path(path: str) -> Iterator[str]:
    """A folder becomes every file in it (recursively, sorted, hidden entries left out).

    Every file is listed, documents or not: `iter_sources` reports the others as
    skipped, so the count of results matches this listing.
    """
    p = Path(path)
    if not p.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield str(Path(root) / name)


def _read_bytes(path: str, max_bytes: int) -> bytes | SourceError:
    p = Path(path)
    if not p.exists():
        return SourceError(path, "no such file or folder")
    if not p.is_file():
        return SourceError(path, "not a regular file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            return SourceError(path, f"file is {size} bytes, above the limit of {max_bytes} bytes")
        data = p.read_bytes()
    except OSError as exc:
        return SourceError(path, f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return SourceError(path, "empty file")
    return data


def read_source(
    path: str, max_bytes: int, source_format: str | None = None
) -> list[SourceText | SourceError]:
    """Every document in one file, or one SourceError saying in one line why it cannot be used."""
    if source_format is not None and source_format not in FORMATS:
        return [SourceError(path, f"unknown format {source_format!r}; formats are {list(FORMATS)}")]
    data = _read_bytes(path, max_bytes)
    if isinstance(data, SourceError):
        return [data]
    try:
        fmt = source_format or detect_format(path, data)
        found = _readers()[fmt](path, data)
    except UnreadableSource as error:
        return [SourceError(path, str(error))]
    return found or [SourceError(path, "no document in the file")]


def iter_sources(
    paths: list[str], max_bytes: int, source_format: str | None = None
) -> Iterator[SourceText | SourceError]:
    """Every document named by `paths` (files or folders), in input order.

    A file named on the command line is always read (with `source_format`, or its
    detected format); in a folder, files that are not documents by their name are
    reported as skipped rather than read, whatever the format asked for.
    """
    for path in paths:
        if not Path(path).is_dir():
            yield from read_source(path, max_bytes, source_format)
            continue
        documents = 0
        for file in expand_path(path):
            reason = folder_skip_reason(Path(file).name)
            if reason:
                yield SourceError(file, reason, skipped=True)
                continue
            documents += 1
            yield from read_source(file, max_bytes, source_format)
        if not documents:
            yield SourceError(path, "folder contains no document files")
