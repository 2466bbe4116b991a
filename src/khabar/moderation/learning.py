"""The site learns from its moderators: every approve and reject is a label.

:func:`site_model_learn` feeds the moderators' new decisions, oldest first,
to the site's learner (:class:`engine.learning.SiteLearner`): each is scored
by the model in force and by the learner's shadow, then learned from. Every
``KHABAR_LEARN_EVERY`` decisions the shadow is reviewed against the model in
force on the newest of those scores and switched to only when it is not
worse. Every review is stored (``SiteModel``) and logged with its before and
after figures; a refused shadow is kept inactive, for the record.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import engine
from .config import config_forget, site_config
from .engine.learning import Review, SiteLearner
from .models import LearnerState, SiteModel
from .pipeline import use_site_model
from .selectors import labelled_after

logger = logging.getLogger("khabar.moderation")


def learn_every() -> int:
    """Return how many decisions pass between two reviews of the shadow."""
    return int(getattr(settings, "KHABAR_LEARN_EVERY", 100))


@transaction.atomic
def site_model_learn(*, review_now: bool = False) -> SiteModel | None:
    """Learn from the decisions not seen yet; return the newest review, if any.

    ``review_now`` reviews the shadow after the new decisions even between
    two scheduled reviews (``khabar moderation learn``).
    """
    state = _state()
    config = site_config()
    use_site_model(config.site_model_id)
    learner = _learner(state)
    prior, active = engine.prior_model(), engine.site_delta()
    every, latest = learn_every(), None
    for log_id, text, label in labelled_after(state.last_decision):
        learner.observe(prior, active, engine.text_features(text), label)
        state.last_decision = log_id
        if learner.seen % every == 0:
            latest = _review(learner, config.insult_hold) or latest
            active = engine.site_delta() if latest and latest.active else active
    if review_now:
        latest = _review(learner, config.insult_hold) or latest
    state.state = learner.dumps()
    state.updated_at = timezone.now()
    state.save()
    return latest


def _state() -> LearnerState:
    """Return the learner's row, locked; a new prior starts a new learner."""
    state = LearnerState.objects.select_for_update().first() or LearnerState()
    prior = getattr(settings, "KHABAR_INSULT_MODEL", "") or ""
    if state.prior != prior:
        state.state, state.prior = b"", prior
    return state


def _learner(state: LearnerState) -> SiteLearner:
    """Return the stored learner, or a new one (also for an unreadable state)."""
    if not state.state:
        return SiteLearner()
    try:
        return SiteLearner.loads(bytes(state.state))
    except engine.ModelError:
        logger.warning("the site learner's state was unreadable: learning anew")
        return SiteLearner()


def _review(learner: SiteLearner, threshold: float) -> SiteModel | None:
    """Review the shadow; store the review and switch to the shadow if not worse."""
    review = learner.review(threshold)
    if review is None:
        return None
    delta = learner.delta()
    attempt = _record(delta.dumps(), review)
    if review.accepted:
        engine.use_delta(delta)
    logger.info(
        "site model %s after %d decisions: average precision %.3f -> %.3f, "
        "F1 %.3f -> %.3f on the newest %d, scored before learning from them",
        "switched to" if review.accepted else "refused",
        review.decisions,
        review.ap_before,
        review.ap_after,
        review.f1_before,
        review.f1_after,
        review.window,
    )
    return attempt


def _record(delta: bytes, review: Review) -> SiteModel:
    """Store one review; when accepted its delta becomes the one active model."""
    if review.accepted:
        SiteModel.objects.filter(active=True).update(active=False)
    attempt = SiteModel.objects.create(
        delta=delta,
        prior=getattr(settings, "KHABAR_INSULT_MODEL", "") or "",
        decisions=review.decisions,
        window=review.window,
        ap_before=review.ap_before,
        ap_after=review.ap_after,
        f1_before=review.f1_before,
        f1_after=review.f1_after,
        active=review.accepted,
    )
    if review.accepted:
        transaction.on_commit(config_forget)
    return attempt
