"""Relay-style cursors and the page-size cap.

Cursors are opaque to clients but carry the (sort key, id) of the last row, so the next
page is a keyset query (`WHERE key > $after`) rather than an ever-growing SKIP.
"""

from __future__ import annotations

import base64
import binascii
import json

from api.graphql.errors import UserError

DEFAULT_PAGE_SIZE = 20


def encode_cursor(sort_key: str, node_id: str) -> str:
    raw = json.dumps([sort_key, node_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """(sort key, id) from a cursor; a malformed cursor is the client's error."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
        sort_key, node_id = value
        if not isinstance(sort_key, str) or not isinstance(node_id, str):
            raise ValueError
        return sort_key, node_id
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        # Not echoed back: a cursor is the client's own input and may be arbitrarily long.
        raise UserError("invalid cursor: use the endCursor of a previous page") from None


def checked_page_size(first: int | None, cap: int, default: int = DEFAULT_PAGE_SIZE) -> int:
    """`first` if it is within [0, cap]; larger requests are refused, not silently clamped."""
    if first is None:
        return min(default, cap)
    if first < 0:
        raise UserError(f"first must not be negative (got {first})")
    if first > cap:
        raise UserError(
            f"page size too large: first={first} is above the server's maximum of {cap}; "
            "page through results with `after`"
        )
    return first
