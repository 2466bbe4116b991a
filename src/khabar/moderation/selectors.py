"""Reads of moderation history."""

from .models import LogEntry

LABELS = {LogEntry.Action.REJECT: 1, LogEntry.Action.APPROVE: 0}


def labelled_history() -> list[tuple[str, int]]:
    """Return (text, label) for every comment a moderator decided: 1 = rejected.

    The latest human decision on a comment wins; automatic decisions are not
    labels, so the model never learns from itself.
    """
    entries = (
        LogEntry.objects.filter(action__in=LABELS, comment__isnull=False)
        .select_related("comment")
        .order_by("comment_ref", "created_at")
    )
    latest = {entry.comment_ref: entry for entry in entries}
    return [(entry.comment.text, LABELS[entry.action]) for entry in latest.values()]
