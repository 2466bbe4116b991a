"""Bound the moderators' workload: the insult hold band from recent traffic.

:func:`hold_band_refresh` chooses the insult hold threshold so that at most
the site's ``held_share`` of its recent comments wait for a person, and
raises it where moderators approve nearly everything held near its bottom
(:mod:`khabar.moderation.engine.band`). It runs as a task when the band is
older than ``KHABAR_BAND_SECONDS`` and after the site's model changes, and
from ``khabar moderation refresh``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from .config import config_forget
from .engine.band import Band, floor_from_decisions, hold_threshold
from .models import HoldBand, ModerationSettings
from .selectors import held_decisions, recent_traffic

logger = logging.getLogger("khabar.moderation")


def band_seconds() -> int:
    """Return how old a band may get before it is chosen again (seconds)."""
    return int(getattr(settings, "KHABAR_BAND_SECONDS", 300))


def band_is_stale(band: HoldBand | None) -> bool:
    """Tell whether ``band`` is missing or older than :func:`band_seconds`."""
    age = timedelta(seconds=band_seconds())
    return band is None or band.updated_at < timezone.now() - age


@transaction.atomic
def hold_band_refresh(*, site: Site | None = None) -> HoldBand | None:
    """Choose the insult hold threshold from recent traffic and decisions; store it."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    config = ModerationSettings.for_site(site)
    floor = floor_from_decisions(
        held_decisions(), floor=config.insult_hold, reject=config.insult_reject
    )
    band: Band = hold_threshold(
        recent_traffic(reject=config.insult_reject),
        share=config.held_share,
        floor=floor,
        reject=config.insult_reject,
    )
    stored, _ = HoldBand.objects.update_or_create(
        site=site,
        defaults={
            "hold": band.hold,
            "floor": band.floor,
            "traffic": band.traffic,
            "expected_share": band.expected_share,
            "updated_at": timezone.now(),
        },
    )
    logger.info(
        "insult hold band %.4f (floor %.4f) over %d recent comments: %.1f%% held",
        band.hold,
        band.floor,
        band.traffic,
        100 * band.expected_share,
    )
    transaction.on_commit(config_forget)
    return stored
