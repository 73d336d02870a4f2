"""The extractor: text in, typed entities and relations out. Knows nothing of Neo4j.

`extract_text(text, source)` returns the contract object of one document:
{"document": {...}, "entities": [...], "relations": [...]} (see docs/extraction.md).
"""

from __future__ import annotations

EXTRACTOR_VERSION = "0.1.0"


def extract_text(text: str, source: str, timings: dict[str, float] | None = None) -> dict:
    """Entities and relations an analyst would note from one pharma news document.

    With `timings`, the seconds of each extraction stage are added to it by stage name.
    """
    from loaders.extract.pipeline import extract_document

    return extract_document(text, source, timings)


__all__ = ["EXTRACTOR_VERSION", "extract_text"]
