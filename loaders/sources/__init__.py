"""Inputs analysts have, read as documents: text, HTML, feeds, PubMed, CT.gov, PDF, JSON Lines.

`iter_sources(paths, max_bytes, source_format=None)` yields a `SourceText` per
document (with title, date, URL... when its format states them, and for
structured records their facts) or a `SourceError` per input it could not read.
"""

from loaders.sources.detect import DOCUMENT_SUFFIXES, FORMATS, detect_format
from loaders.sources.files import expand_path, iter_sources, read_source
from loaders.sources.model import SourceError, SourceText, UnreadableSource

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FORMATS",
    "SourceError",
    "SourceText",
    "UnreadableSource",
    "detect_format",
    "expand_path",
    "iter_sources",
    "read_source",
]
