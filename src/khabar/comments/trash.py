"""The comment trash: deleting moves a comment aside, restoring brings it back.

Readers never see a comment in the trash; moderators can restore it as it was
(same status, same place in its thread) or delete it for good. Every move is
written to the moderation log, which keeps its entries after a comment is gone.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from khabar.moderation.models import LogEntry
from khabar.moderation.services import decision_log

from .models import Comment


def _moved(
    comments: Iterable[Comment],
    *,
    user: AbstractBaseUser | None,
    to_trash: bool,
) -> int:
    count = 0
    for comment in comments:
        if (comment.deleted_at is None) != to_trash:
            continue
        comment.deleted_at = timezone.now() if to_trash else None
        comment.deleted_by = user if to_trash else None
        comment.save(update_fields=["deleted_at", "deleted_by"])
        action = LogEntry.Action.TRASH if to_trash else LogEntry.Action.RESTORE
        decision_log(comment=comment, action=action, user=user)
        count += 1
    return count


@transaction.atomic
def comment_trash(*, comments: Iterable[Comment], user: AbstractBaseUser | None) -> int:
    """Move ``comments`` to the trash; return how many moved."""
    return _moved(comments, user=user, to_trash=True)


@transaction.atomic
def comment_restore(
    *, comments: Iterable[Comment], user: AbstractBaseUser | None
) -> int:
    """Bring ``comments`` back from the trash with the status they had."""
    return _moved(comments, user=user, to_trash=False)


@transaction.atomic
def comment_purge(*, comments: Iterable[Comment], user: AbstractBaseUser | None) -> int:
    """Delete trashed ``comments`` for good; comments not in the trash are kept.

    Their log entries stay (with the comment's id); replies to them become
    top-level comments rather than vanish.
    """
    count = 0
    for comment in comments:
        if comment.deleted_at is None:
            continue
        decision_log(comment=comment, action=LogEntry.Action.PURGE, user=user)
        comment.delete()
        count += 1
    return count


def comments_trash_expire(*, days: int) -> int:
    """Delete for good the comments that have been in the trash over ``days`` days."""
    cutoff = timezone.now() - timedelta(days=days)
    expired = Comment.objects.trashed().filter(deleted_at__lt=cutoff)
    return comment_purge(comments=list(expired), user=None)
