"""Reads of moderation history: labels, recent traffic, the site's models."""

from .engine.band import OTHER_HOLD, OTHER_REJECT, Recent
from .models import LogEntry, Policy, SiteModel

LABELS = {LogEntry.Action.REJECT: 1, LogEntry.Action.APPROVE: 0}
AUTO = (
    LogEntry.Action.AUTO_PUBLISH,
    LogEntry.Action.AUTO_HOLD,
    LogEntry.Action.AUTO_REJECT,
)
TRAFFIC = 2000  # recent automatic decisions the hold band is chosen on
DECISIONS = 20_000  # newest moderator decisions a site model learns from


def labelled_history() -> list[tuple[str, int]]:
    """Return (text, label) for every comment a moderator decided: 1 = rejected.

    The latest human decision on a comment wins; automatic decisions are not
    labels, so the model never learns from itself. Oldest decision first.
    """
    return [(text, label) for text, label, _ in labelled_decisions()]


def labelled_decisions(limit: int = DECISIONS) -> list[tuple[str, int, int]]:
    """Return ``(text, label, log id)`` of the newest ``limit`` labelled comments.

    One row a comment, its latest human decision, ordered by that decision
    (oldest first) so that the newest can be held back to judge a model.
    """
    entries = (
        LogEntry.objects.filter(action__in=LABELS, comment__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("comment_ref", "action", "pk", "comment__text")[: 2 * limit]
    )
    latest: dict[int, tuple[str, int, int]] = {}
    for ref, action, pk, text in entries:
        latest.setdefault(ref, (text, LABELS[action], pk))
    rows = sorted(latest.values(), key=lambda row: row[2])
    return rows[-limit:]


def labelled_after(log_id: int, limit: int = 5000) -> list[tuple[int, str, int]]:
    """Return ``(log id, text, label)`` of moderator decisions after ``log_id``.

    Oldest first, at most ``limit`` (the rest waits for the next run); a
    comment deleted for good teaches nothing.
    """
    rows = (
        LogEntry.objects.filter(action__in=LABELS, pk__gt=log_id, comment__isnull=False)
        .order_by("pk")
        .values_list("pk", "comment__text", "action")[:limit]
    )
    return [(pk, text, LABELS[action]) for pk, text, action in rows]


def recent_traffic(*, reject: float, limit: int = TRAFFIC) -> list[Recent]:
    """Return the insult scores of the newest automatic decisions under ``auto``.

    ``other`` tells whether the comment was held or rejected whatever the
    band: a non-insult reason, a rejection with an insult score under
    ``reject``, a hold with one over it (only the site's model put it there).
    """
    rows = (
        LogEntry.objects.filter(action__in=AUTO, insult_score__isnull=False)
        .exclude(policy=Policy.PREMODERATE)
        .order_by("-created_at")
        .values_list("action", "insult_score", "reasons")[:limit]
    )
    return [_recent(action, score, reasons, reject) for action, score, reasons in rows]


def _recent(action: str, score: float, reasons: list, reject: float) -> Recent:
    if action == LogEntry.Action.AUTO_REJECT and score < reject:
        return Recent(score, OTHER_REJECT)
    others = any(reason.get("rule") != "insult" for reason in reasons or ())
    if action == LogEntry.Action.AUTO_HOLD and (others or score >= reject):
        return Recent(score, OTHER_HOLD)
    return Recent(score)


def held_decisions(limit: int = TRAFFIC) -> list[tuple[float, int]]:
    """Return ``(insult score, 1 if rejected)`` of held comments moderators decided."""
    newest = LogEntry.objects.filter(action__in=LABELS).order_by("-created_at", "-pk")
    rows = list(newest.values_list("comment_ref", "action")[:limit])
    decided = {ref: LABELS[action] for ref, action in reversed(rows)}
    scores = LogEntry.objects.filter(
        action=LogEntry.Action.AUTO_HOLD,
        comment_ref__in=list(decided),
        insult_score__isnull=False,
    ).values_list("comment_ref", "insult_score")
    return [(score, decided[ref]) for ref, score in scores]


def site_model_delta(pk: int) -> bytes | None:
    """Return the stored delta of site model ``pk``, or None if it is gone."""
    blob = SiteModel.objects.filter(pk=pk).values_list("delta", flat=True).first()
    return bytes(blob) if blob is not None else None
