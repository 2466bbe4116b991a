"""Decide on a comment at submission, and record every decision, automatic or human."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction

from khabar.text import search_key

from . import pipeline
from .config import moderation_settings, site_config
from .models import LogEntry, ModerationSettings, Policy
from .tasks import hold_band_refresh_task
from .workload import band_is_stale, band_seconds

BANNED = "banned"


@dataclass(frozen=True)
class Assessment:
    """What the pipeline decided for one comment, and why.

    ``reasons`` are dicts ``{"rule", "score", "code", "spans"}``.
    """

    decision: str
    reasons: list[dict] = field(default_factory=list)
    risk: float = 0.0
    policy: str = Policy.AUTO
    primary_rule: str = ""
    insult_score: float | None = None


def policy_for_article(
    *, article, config: ModerationSettings, policies: dict[str, str]
) -> str:
    """Return the policy of the article's service (``policies``), else the site's."""
    return policies.get(article.path[: -article.steplen], config.policy)


def _is_banned(
    config: ModerationSettings, *, name: str, email: str, ip: str | None
) -> bool:
    names = {search_key(item) for item in config.lines(config.banned_names)}
    emails = {item.lower() for item in config.lines(config.banned_emails)}
    return (
        (bool(name) and search_key(name) in names)
        or (bool(email) and email.lower() in emails)
        or (bool(ip) and ip in config.lines(config.banned_ips))
    )


def comment_assess(
    *,
    article,
    article_text: str,
    name: str,
    email: str,
    ip_address: str | None,
    text: str,
    counts: dict[str, int],
) -> Assessment:
    """Run the site's moderation rules on a comment about to be stored."""
    config = site_config()
    settings = config.settings
    if _is_banned(settings, name=name, email=email, ip=ip_address):
        reason = {"rule": BANNED, "score": 1.0, "code": BANNED, "spans": []}
        return Assessment("reject", [reason], 1.0, settings.policy, BANNED)
    _band_keep_fresh(config)
    policy = policy_for_article(
        article=article, config=settings, policies=config.policies
    )
    result = pipeline.run(
        text=text,
        article_text=article_text,
        policy=policy,
        config=config,
        counts=counts,
    )
    return Assessment(
        result.decision,
        result.reasons,
        result.risk,
        policy,
        result.primary_rule,
        result.insult_score,
    )


BAND_LOCK = "moderation:band-refresh"


def _band_keep_fresh(config) -> None:
    """Queue one refresh of the hold band when the one in force is stale."""
    if band_is_stale(config.band) and cache.add(BAND_LOCK, 1, band_seconds()):
        transaction.on_commit(hold_band_refresh_task.enqueue)


def decision_log(
    *,
    comment,
    action: LogEntry.Action,
    user: AbstractBaseUser | None = None,
    reasons: list[dict] | None = None,
    policy: str = "",
    insult_score: float | None = None,
) -> LogEntry:
    """Record one decision on ``comment``; the record outlives the comment.

    ``insult_score`` is the automatic decision's insult score, kept also when
    it is below the band: the band follows the scores of recent traffic.
    """
    return LogEntry.objects.create(
        comment=comment,
        comment_ref=comment.pk,
        actor=user,
        action=action,
        reasons=reasons or [],
        policy=policy,
        insult_score=insult_score,
    )


def commenter_ban(*, comment, user: AbstractBaseUser) -> None:
    """Ban the comment's email (or, without one, its IP) from commenting."""
    config = moderation_settings()
    if comment.email:
        config.banned_emails = _add_line(config.banned_emails, comment.email.lower())
    elif comment.ip_address:
        config.banned_ips = _add_line(config.banned_ips, comment.ip_address)
    config.save(update_fields=["banned_emails", "banned_ips"])
    decision_log(comment=comment, action=LogEntry.Action.BAN, user=user)


def _add_line(value: str, line: str) -> str:
    lines = ModerationSettings.lines(value)
    return "\n".join(lines if line in lines else [*lines, line])
