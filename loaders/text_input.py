"""One normalisation of incoming text for every entry point (files, feeds, the API).

Why one function: a document's id is the hash of its text, so `kg load` and the
`ingestDocument` mutation must clean text the same way, or the same article
loaded both ways becomes two documents. Cleaning here means: decode bytes by
their byte-order mark (UTF-8, UTF-16, UTF-32) or as strict UTF-8, drop the BOM,
NUL and other control characters (tabs and line breaks stay), and replace lone
surrogates, which Neo4j cannot store. Text that is empty after cleaning (a
BOM-only file, only whitespace) is an error, never an empty document.
"""

from __future__ import annotations

import codecs
import re

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: C0 controls except tab, line feed and carriage return; DEL; C1 controls; BOM / zero-width
#: no-break space anywhere (a BOM in the middle comes from concatenated files).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class TextInputError(ValueError):
    """Input that cannot become a document's text; the message is written for the user."""


def decode_text(data: bytes) -> str:
    """Bytes to text: by BOM when there is one, else strict UTF-8.

    Raises TextInputError naming the first bad byte, so a user can find it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise TextInputError(
                    f"not {encoding.upper()} text although it starts with a {encoding.upper()} "
                    f"byte-order mark (bad byte at offset {exc.start + len(bom)})"
                ) from None
    if b"\x00" in data:
        raise TextInputError("binary file, not text (NUL bytes and no UTF-16 byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextInputError(f"not UTF-8 text (bad byte at offset {exc.start})") from None


def normalise_text(text: str) -> str:
    """The text a document is stored and hashed as; raises TextInputError when nothing is left."""
    cleaned = _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    if not cleaned.strip():
        raise TextInputError("empty document (nothing left after removing byte-order marks)")
    return cleaned


def text_from_bytes(data: bytes) -> str:
    """`decode_text` then `normalise_text`: what every file reader uses."""
    return normalise_text(decode_text(data))
