"""Syndication partners: tokens for the full-text feed, created and checked here.

Issuing, rotating and revoking a token are written to Wagtail's audit log.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import Partner

TOKEN_BYTES = 24
LOG_ACTIONS = {
    "khabar.partner.create": (_("ساخت شریک خبری"), _("شریک خبری و توکن ساخته شد")),
    "khabar.partner.rotate": (_("تعویض توکن شریک"), _("توکن شریک عوض شد")),
    "khabar.partner.revoke": (_("لغو توکن شریک"), _("توکن شریک لغو شد")),
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@transaction.atomic
def partner_create(*, name: str) -> tuple[Partner, str]:
    """Create a partner and return it with its token (shown only this once)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    partner = Partner.objects.create(name=name, token_hash=_hash(token))
    log(instance=partner, action="khabar.partner.create")
    return partner, token


@transaction.atomic
def partner_rotate(*, partner: Partner) -> str:
    """Give ``partner`` a new token; the old one stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    partner.token_hash = _hash(token)
    partner.save(update_fields=["token_hash"])
    log(instance=partner, action="khabar.partner.rotate")
    return token


@transaction.atomic
def partner_revoke(*, partner: Partner) -> None:
    """Stop ``partner``'s token from reading the feed."""
    partner.active = False
    partner.save(update_fields=["active"])
    log(instance=partner, action="khabar.partner.revoke")


def partner_for_token(*, token: str) -> Partner | None:
    """Return the active partner holding ``token`` and note the read, or None."""
    partner = Partner.objects.filter(token_hash=_hash(token), active=True).first()
    if partner is not None:
        Partner.objects.filter(pk=partner.pk).update(last_used_at=timezone.now())
    return partner
