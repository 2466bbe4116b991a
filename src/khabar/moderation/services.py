"""Decide on a comment at submission, and record every decision, automatic or human."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from wagtail.models import Site

from khabar.text import search_key

from . import pipeline
from .models import LogEntry, ModerationSettings, Policy, ServicePolicy

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


# Every comment post reads the site's settings and the services' policies;
# they are kept in the (shared) cache and dropped whenever one is saved
# (``config_forget``, connected in ``ModerationConfig.ready()``). The timeout
# bounds staleness from changes no signal sees (a service moved in the tree).
CONFIG_KEY = "moderation:config"
CONFIG_SECONDS = 300


def moderation_settings(*, site: Site | None = None) -> ModerationSettings:
    """Return the moderation settings of ``site`` (default: the default site)."""
    if site is None:
        return _config()[0]
    return ModerationSettings.for_site(site)


def _config() -> tuple[ModerationSettings, dict[str, str]]:
    """Return the default site's settings and the policies by service page path."""
    config = cache.get(CONFIG_KEY)
    if config is None:
        site = Site.objects.filter(is_default_site=True).first()
        policies = dict(
            ServicePolicy.objects.values_list("service__path", "policy").order_by()
        )
        config = (ModerationSettings.for_site(site), policies)
        cache.set(CONFIG_KEY, config, CONFIG_SECONDS)
    return config


def config_forget(**kwargs) -> None:
    """Drop the cached settings and policies (a ``post_save`` / ``post_delete``)."""
    cache.delete(CONFIG_KEY)


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
    config, policies = _config()
    if _is_banned(config, name=name, email=email, ip=ip_address):
        reason = {"rule": BANNED, "score": 1.0, "code": BANNED, "spans": []}
        return Assessment("reject", [reason], 1.0, config.policy, BANNED)
    policy = policy_for_article(article=article, config=config, policies=policies)
    result = pipeline.run(
        text=text,
        article_text=article_text,
        policy=policy,
        config=config,
        counts=counts,
    )
    return Assessment(
        result.decision, result.reasons, result.risk, policy, result.primary_rule
    )


def decision_log(
    *,
    comment,
    action: LogEntry.Action,
    user: AbstractBaseUser | None = None,
    reasons: list[dict] | None = None,
    policy: str = "",
) -> LogEntry:
    """Record one decision on ``comment``; the record outlives the comment."""
    return LogEntry.objects.create(
        comment=comment,
        comment_ref=comment.pk,
        actor=user,
        action=action,
        reasons=reasons or [],
        policy=policy,
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
