"""The site learns from its moderators: every approve and reject is a label.

:func:`site_model_learn` fits a candidate (the prior plus a delta,
:mod:`khabar.moderation.engine.learning`) on the site's labelled history once
``KHABAR_LEARN_EVERY`` new decisions exist, and switches to it only when it
ranks the newest decisions, held back from training, at least as well as the
model in force. Every attempt is stored (``SiteModel``) and logged with its
before and after figures; a refused candidate is kept inactive, for the record.
"""

import logging

from django.conf import settings
from django.db import transaction

from . import engine
from .config import config_forget, site_config
from .engine.learning import learn
from .models import SiteModel
from .pipeline import use_site_model
from .selectors import labelled_decisions, labelled_since, site_model_latest

logger = logging.getLogger("khabar.moderation")


def learn_every() -> int:
    """Return how many new moderator decisions start a new candidate."""
    return int(getattr(settings, "KHABAR_LEARN_EVERY", 100))


def site_model_learn(*, force: bool = False) -> SiteModel | None:
    """Fit, judge and maybe switch to a new site model; return the attempt.

    Returns ``None`` when fewer than :func:`learn_every` decisions arrived
    since the last attempt (unless ``force``), or when the history is too
    small or one-sided to fit and judge a candidate.
    """
    latest = site_model_latest()
    if not force and labelled_since(latest.last_decision if latest else 0) < (
        learn_every()
    ):
        return None
    rows = labelled_decisions()
    if not rows:
        return None
    config = site_config()
    use_site_model(config.site_model_id)
    docs = [(engine.text_features(text), label) for text, label, _ in rows]
    outcome = learn(
        engine.prior_model(), engine.default_model(), docs, threshold=config.insult_hold
    )
    if outcome is None:
        return None
    candidate, review = outcome
    attempt = _record(candidate.delta.dumps(), review, last_decision=rows[-1][2])
    logger.info(
        "site model %s on %d decisions: average precision %.3f -> %.3f, "
        "F1 %.3f -> %.3f on the newest %d held back",
        "switched to" if review.accepted else "refused",
        review.trained_on,
        review.ap_before,
        review.ap_after,
        review.f1_before,
        review.f1_after,
        review.held_back,
    )
    return attempt


@transaction.atomic
def _record(delta: bytes, review, *, last_decision: int) -> SiteModel:
    """Store one attempt; when accepted it becomes the one active model."""
    if review.accepted:
        SiteModel.objects.filter(active=True).update(active=False)
    attempt = SiteModel.objects.create(
        delta=delta,
        prior=getattr(settings, "KHABAR_INSULT_MODEL", "") or "",
        trained_on=review.trained_on,
        held_back=review.held_back,
        last_decision=last_decision,
        ap_before=review.ap_before,
        ap_after=review.ap_after,
        f1_before=review.f1_before,
        f1_after=review.f1_after,
        active=review.accepted,
    )
    if review.accepted:
        transaction.on_commit(config_forget)
    return attempt
