"""Writes of comments: submission through moderation, review, votes and notices."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from khabar.moderation.models import LogEntry
from khabar.moderation.services import Assessment, comment_assess, decision_log
from khabar.newsroom.selectors import article_plain_text
from khabar.text import search_key

from .models import Comment, CommentVote
from .selectors import comment_submission_checks
from .tasks import reply_notify_task

STATUS_BY_DECISION = {
    "publish": Comment.Status.APPROVED,
    "hold": Comment.Status.PENDING,
    "reject": Comment.Status.REJECTED,
}
AUTO_ACTION = {
    Comment.Status.APPROVED: LogEntry.Action.AUTO_PUBLISH,
    Comment.Status.PENDING: LogEntry.Action.AUTO_HOLD,
    Comment.Status.REJECTED: LogEntry.Action.AUTO_REJECT,
}
VOTE_COUNTERS = {1: "likes", -1: "dislikes"}
HUMAN_ACTION = {
    Comment.Status.APPROVED: LogEntry.Action.APPROVE,
    Comment.Status.REJECTED: LogEntry.Action.REJECT,
}


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _dedupe_keys(
    *, article, text_key: str, ip_address: str | None, name: str
) -> tuple[str, str]:
    """Return the keys of (story, sender, text) in this time window and the last.

    Two identical submissions in the same window (a double click, a resent
    form) share the first key, and the unique constraint keeps only one. A
    resend just after a window boundary finds the earlier comment under the
    second key, so a retry seconds later never stores the comment twice.
    """
    window = getattr(settings, "KHABAR_COMMENT_DUPLICATE_WINDOW", 600)
    bucket = int(timezone.now().timestamp() // window)
    sender = (article.pk, text_key, ip_address or "", search_key(name))
    return _digest(*sender, bucket), _digest(*sender, bucket - 1)


def comment_submit(
    *,
    article,
    name: str,
    text: str,
    email: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
    notify_replies: bool = False,
) -> Comment:
    """Store a reader's comment as written, with the moderation pipeline's decision.

    A repeated submission of the same comment returns the stored one.
    ``comment.assessment`` carries the decision and the reader's message.
    """
    text_key = _digest(search_key(text))
    dedupe_key, previous_key = _dedupe_keys(
        article=article, text_key=text_key, ip_address=ip_address, name=name
    )
    duplicate, counts = comment_submission_checks(
        text_key=text_key,
        ip_address=ip_address,
        dedupe_keys=(dedupe_key, previous_key),
    )
    if duplicate is not None:
        return _with_assessment(Comment.objects.get(pk=duplicate), None)
    assessment = comment_assess(
        article=article,
        article_text=article_plain_text(article=article),
        name=name,
        email=email,
        ip_address=ip_address,
        text=text,
        counts=counts,
    )
    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email,
        text=text,
        ip_address=ip_address,
        notify_replies=notify_replies and bool(email),
        status=STATUS_BY_DECISION[assessment.decision],
        risk=assessment.risk,
        reasons=assessment.reasons,
        primary_rule=assessment.primary_rule,
        text_key=text_key,
        dedupe_key=dedupe_key,
    )
    # The article and the parent are rows the caller already loaded.
    comment.full_clean(exclude=["dedupe_key", "article", "parent"])
    try:
        _comment_store(comment, assessment)
    except IntegrityError:
        return _with_assessment(Comment.objects.get(dedupe_key=dedupe_key), None)
    return _with_assessment(comment, assessment)


@transaction.atomic
def _comment_store(comment: Comment, assessment: Assessment) -> None:
    comment.save()
    decision_log(
        comment=comment,
        action=AUTO_ACTION[comment.status],
        reasons=assessment.reasons,
        policy=assessment.policy,
        insult_score=assessment.insult_score,
    )
    if comment.status == Comment.Status.APPROVED and comment.parent_id:
        transaction.on_commit(lambda: reply_notify_task.enqueue(comment.pk))


def _with_assessment(comment: Comment, assessment: Assessment | None) -> Comment:
    comment.assessment = assessment
    return comment


@transaction.atomic
def comment_moderate(
    *, comment: Comment, status: Comment.Status, user: AbstractBaseUser | None
) -> Comment:
    """Approve or reject ``comment`` on behalf of ``user``, and log it."""
    was_approved = comment.status == Comment.Status.APPROVED
    comment.status = status
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    if status in HUMAN_ACTION:
        decision_log(comment=comment, action=HUMAN_ACTION[status], user=user)
    if status == Comment.Status.APPROVED and not was_approved and comment.parent_id:
        transaction.on_commit(lambda: reply_notify_task.enqueue(comment.pk))
    return comment


def reply_notify(*, comment: Comment) -> bool:
    """Email the parent's author that ``comment`` answered them, if they asked to be."""
    parent = comment.parent
    if parent is None or not parent.notify_replies or not parent.email:
        return False
    url = f"{settings.WAGTAILADMIN_BASE_URL}{comment.article.url}#comment-{comment.pk}"
    send_mail(
        subject=f"پاسخ تازه به نظر شما: {comment.article.title}",
        message=f"{comment.name} به نظر شما پاسخ داد:\n\n{comment.text}\n\n{url}",
        from_email=None,
        recipient_list=[parent.email],
        fail_silently=True,
    )
    return True


@transaction.atomic
def comment_vote(*, comment: Comment, voter: str, value: int) -> Comment:
    """Record one reader's like (+1) or dislike (-1); a new vote replaces theirs."""
    if value not in (1, -1):
        raise ValueError("a vote is +1 or -1")
    vote, created = CommentVote.objects.get_or_create(
        comment=comment, voter=voter, defaults={"value": value}
    )
    if not created and vote.value == value:
        return comment
    counter = VOTE_COUNTERS[value]
    changes = {counter: F(counter) + 1}
    if not created:
        undo = VOTE_COUNTERS[vote.value]
        changes[undo] = F(undo) - 1
        vote.value = value
        vote.save(update_fields=["value"])
    Comment.objects.filter(pk=comment.pk).update(**changes)
    comment.refresh_from_db(fields=["likes", "dislikes"])
    return comment
