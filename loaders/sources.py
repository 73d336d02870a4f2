"""Reading input documents for `kg extract` and `kg load`.

One place decides what counts as a readable document, so both commands accept
and reject exactly the same inputs with the same one-line messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Bytes that never appear in text files; one of them means "binary".
_BINARY_MARKERS = (b"\x00",)
#: Files a folder contributes: documents only, not gold files or other data beside them.
#: A file named on the command line is always read, whatever its name.
DOCUMENT_SUFFIXES = (".txt", ".md", ".text")


@dataclass(frozen=True)
class SourceText:
    """A readable document: where it came from (as given) and its text."""

    source: str
    text: str


@dataclass(frozen=True)
class SourceError:
    """An input that could not be read, with a one-line reason for the user."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def _is_document(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(DOCUMENT_SUFFIXES)


def expand_path(path: str) -> Iterator[str]:
    """A folder becomes its document files (recursively, sorted, hidden entries skipped)."""
    p = Path(path)
    if not p.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_document(name):
                yield str(Path(root) / name)


def read_source(path: str, max_bytes: int) -> SourceText | SourceError:
    """Read one file as UTF-8 text, or say in one line why it cannot be used."""
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
    if any(marker in data for marker in _BINARY_MARKERS):
        return SourceError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SourceError(path, f"not UTF-8 text (bad byte at offset {exc.start})")
    return SourceText(path, text)


def iter_sources(paths: list[str], max_bytes: int) -> Iterator[SourceText | SourceError]:
    """Every document named by `paths` (files or folders), in input order."""
    for path in paths:
        if Path(path).is_dir():
            files = list(expand_path(path))
            if not files:
                yield SourceError(path, "folder contains no document files (.txt, .md, .text)")
            for file in files:
                yield read_source(file, max_bytes)
        else:
            yield read_source(path, max_bytes)
