"""Writes of comments: submission and staff review."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import Comment


@transaction.atomic
def comment_submit(
    *,
    article,
    name: str,
    text: str,
    email: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
) -> Comment:
    """Store a reader's comment as pending review, exactly as it was written."""
    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email,
        text=text,
        ip_address=ip_address,
        status=Comment.Status.PENDING,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_moderate(
    *, comment: Comment, status: Comment.Status, user: AbstractBaseUser | None
) -> Comment:
    """Approve or reject ``comment`` on behalf of ``user``."""
    comment.status = status
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment
