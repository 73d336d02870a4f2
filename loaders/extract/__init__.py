"""The extractor: text in, typed entities and relations out. Knows nothing of Neo4j.

`extract_text(text, source)` returns the contract object of one document:
{"document": {...}, "entities": [...], "relations": [...]} (see docs/extraction.md).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

#: The extractor's release; `extractor_version()` adds a fingerprint of its code and data.
EXTRACTOR_RELEASE = "0.1.0"


@cache
def extractor_version() -> str:
    """The release and a fingerprint of every rule module, word list and record mapping.

    Why a fingerprint: the rules change far more often than a release number would, and a
    graph must be able to tell which documents an older extractor read (`kg load` reads
    those again and replaces what the older reading said)."""
    package = Path(__file__).parent
    loaders = package.parent
    files = [*package.rglob("*.py"), *(package / "data").iterdir()]
    files += (loaders / "structured").rglob("*.py")
    digest = hashlib.sha256()
    for path in sorted(f for f in files if f.is_file()):
        digest.update(path.relative_to(loaders).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_RELEASE}+{digest.hexdigest()[:12]}"


def extract_text(text: str, source: str, timings: dict[str, float] | None = None) -> dict:
    """Entities and relations an analyst would note from one pharma news document.

    With `timings`, the seconds of each extraction stage are added to it by stage name.
    """
    from loaders.extract.pipeline import extract_document

    return extract_document(text, source, timings)


__all__ = ["EXTRACTOR_RELEASE", "extract_text", "extractor_version"]
