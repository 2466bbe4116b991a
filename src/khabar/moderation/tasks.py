"""Background work of moderation: the hold band and the site's own model."""

from django.db import transaction
from django_tasks import task

from .learning import site_model_learn
from .selectors import LABELS
from .workload import hold_band_refresh


@task()
def hold_band_refresh_task() -> float | None:
    """Choose the insult hold band from the site's recent traffic."""
    band = hold_band_refresh()
    return band.hold if band else None


@task()
def site_model_learn_task() -> bool:
    """Learn from new moderator decisions; after a review, follow them with the band."""
    review = site_model_learn()
    if review is not None:
        hold_band_refresh()
    return bool(review and review.active)


def decision_logged(sender, instance, created: bool, **kwargs) -> None:
    """Queue learning after a moderator's approve or reject (a ``post_save``)."""
    if created and instance.action in LABELS:
        transaction.on_commit(site_model_learn_task.enqueue)
