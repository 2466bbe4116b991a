"""Opaque cursors for keyset pagination: stable under new publications."""

import base64
import json
from datetime import datetime

from django.db.models import Q


class BadCursor(ValueError):
    """The cursor was not one this API handed out."""


def encode(*values: object) -> str:
    """Return a cursor for the position after ``values``."""
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> list:
    """Return the values of a cursor, or raise BadCursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as error:
        raise BadCursor("invalid cursor") from error
    if not isinstance(values, list):
        raise BadCursor("invalid cursor")
    return values


def after_article(cursor: str) -> Q:
    """Return the filter for articles after a (published_at, id) cursor."""
    values = decode(cursor)
    try:
        moment, pk = datetime.fromisoformat(values[0]), int(values[1])
    except (IndexError, TypeError, ValueError) as error:
        raise BadCursor("invalid cursor") from error
    return Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=pk)
