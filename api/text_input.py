"""Checks of document text arriving through the API, matching what `kg load` refuses.

Why: `kg load` refuses binary files (NUL bytes) and empty files and drops a UTF-8 BOM, but
the mutation stored NUL characters and loaded a BOM-only text as an empty document.

PLACEHOLDER: the shared normalisation of incoming text (BOM, NUL and control characters,
UTF-16) is being written in loaders/ by another branch; once it lands, `usable_text` should
call it and keep only the translation of its refusals into UserError.
"""

from __future__ import annotations

from api.graphql.errors import UserError

BOM = "\ufeff"


def well_formed(value: str, field: str) -> str:
    """`value` if it is valid Unicode; UserError naming `field` if it has a lone surrogate.

    JSON can carry "\\ud800" escapes that decode to no character: they cannot be stored.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UserError(
            f"{field} is not valid Unicode (a lone surrogate character at position "
            f"{error.start}); send well-formed UTF-8 text"
        ) from None
    return value


def usable_text(text: str) -> str:
    """`text` without a leading byte-order mark; UserError if it is not a usable document."""
    well_formed(text, "text")
    if "\x00" in text:
        raise UserError(
            "text contains NUL characters: send the document as plain text, not a binary file"
        )
    if text.startswith(BOM):
        text = text[len(BOM) :]
    if not text.strip():
        raise UserError("text must not be empty (it has only whitespace or a byte-order mark)")
    return text
