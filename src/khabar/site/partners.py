"""Syndication partners: tokens for the full-text feed, created and checked here."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from .models import Partner

TOKEN_BYTES = 24


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@transaction.atomic
def partner_create(*, name: str) -> tuple[Partner, str]:
    """Create a partner and return it with its token (shown only this once)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    partner = Partner.objects.create(name=name, token_hash=_hash(token))
    return partner, token


@transaction.atomic
def partner_rotate(*, partner: Partner) -> str:
    """Give ``partner`` a new token; the old one stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    partner.token_hash = _hash(token)
    partner.save(update_fields=["token_hash"])
    return token


def partner_revoke(*, partner: Partner) -> None:
    """Stop ``partner``'s token from reading the feed."""
    partner.active = False
    partner.save(update_fields=["active"])


def partner_for_token(*, token: str) -> Partner | None:
    """Return the active partner holding ``token`` and note the read, or None."""
    partner = Partner.objects.filter(token_hash=_hash(token), active=True).first()
    if partner is not None:
        Partner.objects.filter(pk=partner.pk).update(last_used_at=timezone.now())
    return partner
