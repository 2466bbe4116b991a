"""Store comments brought over from another site, with the decision made there.

An imported comment was already moderated where it was written, so it skips
the moderation pipeline: no assessment, no ``LogEntry`` in the moderators'
queue, no reply notice. Each one is known by a key of the import's own
(``wxr:<site>:<post>:<comment-id>``), kept in ``dedupe_key`` (a digest, so it
can never equal a reader's), which lets a re-run update instead of
duplicating. A comment a moderator has since reviewed here is left alone.
"""

import hashlib
import ipaddress
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from khabar.text import search_key

from .models import Comment

ANONYMOUS = "ناشناس"
CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


def import_key_digest(key: str) -> str:
    """Return the ``dedupe_key`` an imported comment with ``key`` is stored under."""
    return hashlib.sha256(f"import\x1f{key}".encode()).hexdigest()


def _clean_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _clean_ip(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


@transaction.atomic
def comment_import(
    *,
    article,
    key: str,
    name: str,
    text: str,
    status: Comment.Status,
    created_at: datetime,
    parent: Comment | None = None,
    email: str = "",
    ip_address: str = "",
) -> tuple[Comment, str]:
    """Create or update the imported comment ``key`` as given; return it and what
    happened (created, updated, unchanged, or kept when a moderator reviewed it).

    The text is stored as written, like every comment; a blank name becomes
    «ناشناس», an invalid e-mail or IP address is dropped.
    """
    text = text.strip()
    if not text:
        raise ValueError("an imported comment needs text")
    fields = {
        "article": article,
        "parent": parent,
        "name": (name.strip() or ANONYMOUS)[:80],
        "email": _clean_email(email.strip()),
        "text": text,
        "status": status,
        "created_at": created_at,
        "ip_address": _clean_ip(ip_address),
        "text_key": hashlib.sha256(search_key(text).encode()).hexdigest(),
    }
    dedupe_key = import_key_digest(key)
    comment = Comment.objects.filter(dedupe_key=dedupe_key).first()
    if comment is not None and comment.moderated_at is not None:
        return comment, KEPT
    if comment is not None and all(
        getattr(comment, name) == value for name, value in fields.items()
    ):
        return comment, UNCHANGED
    outcome = UPDATED if comment is not None else CREATED
    comment = comment or Comment(dedupe_key=dedupe_key)
    for name, value in fields.items():
        setattr(comment, name, value)
    comment.full_clean(exclude=["dedupe_key", "article", "parent"])
    comment.save()
    return comment, outcome
