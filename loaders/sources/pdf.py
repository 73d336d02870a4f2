"""PDF with a text layer: the text of every page, and where each page starts.

pypdf reads the text layer; a PDF without one (a scan) is refused with a
reason that says so, since there is nothing to extract without OCR.
"""

from __future__ import annotations

import io

from loaders.sources.model import SourceText, UnreadableSource, author_names
from loaders.text_input import TextInputError, normalise_text


def _clean(page: str) -> str:
    """One page's text through the shared normalisation ('' for a blank page)."""
    try:
        return normalise_text(page).strip()
    except TextInputError:
        return ""


def read_pdf(path: str, data: bytes) -> list[SourceText]:
    """One document; `page_starts[i]` is the offset in the text where page i+1 begins."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd files are noise
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableSource("encrypted PDF; decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except UnreadableSource:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise UnreadableSource(f"not a readable PDF ({error})") from None
    starts: list[int] = []
    chunks: list[str] = []
    offset = 0
    for page in pages:
        page = _clean(page)
        starts.append(offset)
        chunks.append(page)
        offset += len(page) + 2
    if not any(chunks):
        raise UnreadableSource(f"PDF with no text layer (scanned?); {len(pages)} page(s)")
    text = "\n\n".join(chunks)
    title = (info.title or "").strip() if info else ""
    author = (info.author or "").strip() if info else ""
    return [
        SourceText(
            path,
            text,
            format="pdf",
            title=title or None,
            authors=author_names(author),
            page_starts=tuple(starts),
        )
    ]
