"""The API key that guards writes: `Authorization: Bearer <key>`, compared in constant time."""

from __future__ import annotations

import hmac

from api.graphql.errors import UserError
from config.settings import Settings


class Unauthorized(UserError):
    """The request may not write: no key configured, no key given, or a wrong key."""


def require_api_key(settings: Settings, authorization: str | None) -> None:
    """Raise Unauthorized unless `authorization` carries the configured API key.

    Without a configured key (KG_API_KEY unset) writes are disabled outright, so a
    deployment cannot be left writable by accident.
    """
    expected = settings.kg_api_key
    if not expected:
        raise Unauthorized(
            "mutations are disabled: the server has no API key configured (set KG_API_KEY)"
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Unauthorized("unauthorized: send the API key as `Authorization: Bearer <key>`")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("unauthorized: wrong API key")
