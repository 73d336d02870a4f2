"""Document text arriving through the API, cleaned exactly as `kg load` cleans files.

Why: the document id is the hash of its text, so the mutation must use the loaders' one
normalisation (loaders/text_input.py: BOM, control characters, lone surrogates) or the same
article sent both ways would become two documents. NUL characters are refused rather than
dropped, as `kg load` refuses a binary file: they mean the client sent the wrong thing.
"""

from __future__ import annotations

from api.graphql.errors import UserError
from loaders.text_input import TextInputError, normalise_text


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
    """The text to store; UserError if it is not a usable document."""
    well_formed(text, "text")
    if "\x00" in text:
        raise UserError(
            "text contains NUL characters: send the document as plain text, not a binary file"
        )
    try:
        return normalise_text(text)
    except TextInputError as error:
        raise UserError(f"text must not be empty: {error}") from None
