"""The story trash: deleting a story takes it offline and keeps it, restorable.

A story in the trash is unpublished (readers get 410 Gone at its address, as
for a withdrawn story, and its news code stays reserved), hidden from the
page explorer, and cannot be edited until restored. Restoring publishes again
the revision that was live when it was trashed, or leaves a draft a draft.
Only a user with ``newsroom.purge_article`` deletes a story for good. Every
step is written to Wagtail's audit log, whose entries outlive the page.
"""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.models import Page

from .models import ArticlePage

TRASH_ACTION = "khabar.trash"
RESTORE_ACTION = "khabar.restore"
LOG_ACTIONS = {
    TRASH_ACTION: (_("انتقال به سطل بازیافت"), _("به سطل بازیافت رفت")),
    RESTORE_ACTION: (_("بازگردانی از سطل بازیافت"), _("از سطل بازیافت برگشت")),
}


class TrashError(Exception):
    """A trash operation that is not allowed; the message says why, in Persian."""


def articles_trashed():
    """Return the stories in the trash, most recently trashed first."""
    return (
        ArticlePage.objects.filter(trashed_at__isnull=False)
        .select_related("trashed_by")
        .order_by("-trashed_at")
    )


def page_has_articles_below(*, page: Page) -> bool:
    """Tell whether deleting ``page`` would take stories with it."""
    return ArticlePage.objects.descendant_of(page).exists()


@transaction.atomic
def article_trash(
    *, article: ArticlePage, user: AbstractBaseUser | None
) -> ArticlePage:
    """Take ``article`` offline into the trash; nothing of it is deleted."""
    article = ArticlePage.objects.select_for_update().get(pk=article.pk)
    if article.trashed_at is not None:
        return article
    article.trashed_live_revision_id = (
        article.live_revision_id if article.live else None
    )
    if article.live:
        article.unpublish(user=user, log_action=True)
        article.refresh_from_db()
    article.revisions.update(approved_go_live_at=None)
    article.trashed_at = timezone.now()
    article.trashed_by = user
    article.save(update_fields=["trashed_at", "trashed_by", "trashed_live_revision"])
    log(instance=article, action=TRASH_ACTION, user=user)
    return article


@transaction.atomic
def article_restore(
    *, article: ArticlePage, user: AbstractBaseUser | None
) -> ArticlePage:
    """Bring ``article`` back from the trash, live again if it was live."""
    article = ArticlePage.objects.select_for_update().get(pk=article.pk)
    if article.trashed_at is None:
        return article
    revision = article.trashed_live_revision
    article.trashed_at = None
    article.trashed_by = None
    article.trashed_live_revision = None
    article.save(update_fields=["trashed_at", "trashed_by", "trashed_live_revision"])
    log(instance=article, action=RESTORE_ACTION, user=user)
    if revision is not None:
        revision.publish(user=user)
        article.refresh_from_db()
    return article


@transaction.atomic
def article_purge(*, article: ArticlePage, user: AbstractBaseUser | None) -> None:
    """Delete a trashed ``article`` for good; its audit log entries stay.

    Raises TrashError for a story that is not in the trash: a live story is
    never one click away from being gone.
    """
    if article.trashed_at is None:
        raise TrashError(_("فقط خبرِ سطل بازیافت برای همیشه حذف می\u200cشود."))
    DeletePageAction(article, user=user).execute(skip_permission_checks=True)


def articles_trash_expire(*, days: int) -> int:
    """Delete for good the stories that have been in the trash over ``days`` days."""
    cutoff = timezone.now() - timedelta(days=days)
    expired = list(articles_trashed().filter(trashed_at__lt=cutoff))
    for article in expired:
        article_purge(article=article, user=None)
    return len(expired)
