"""Plain text and Markdown: the whole file is one document."""

from __future__ import annotations

from loaders.sources.model import SourceText, UnreadableSource
from loaders.text_input import TextInputError, text_from_bytes


def read_text(path: str, data: bytes) -> list[SourceText]:
    """The file's text, cleaned by the shared normalisation."""
    try:
        return [SourceText(path, text_from_bytes(data), format="text")]
    except TextInputError as error:
        raise UnreadableSource(str(error)) from None
