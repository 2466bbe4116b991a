"""Adapt the pure moderation engine to the site's settings.

The engine (``khabar.moderation.engine``) knows nothing of Django; this module
hands it the site's thresholds, custom words and counts, and turns its verdict
into plain data the comments app stores.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import engine

NEVER = 2.0  # a reject threshold no score reaches
RULE_FIELDS = {
    "insult": ("insult_hold", "insult_reject"),
    "not_persian": ("not_persian_hold", "not_persian_reject"),
    "off_topic": ("off_topic_hold", None),
    "spam": ("spam_hold", "spam_reject"),
}


@dataclass(frozen=True)
class Result:
    """The engine's decision with its reasons as JSON-ready dicts."""

    decision: str
    reasons: list[dict]
    risk: float
    primary_rule: str = ""


def thresholds_from(config) -> dict[str, tuple[float, float]]:
    """Return the engine's ``rule -> (hold, reject)`` from the site's settings."""
    return {
        rule: (getattr(config, hold), getattr(config, reject) if reject else NEVER)
        for rule, (hold, reject) in RULE_FIELDS.items()
    }


_loaded_model: list[str] = []


def _use_site_model() -> None:
    """Switch to the site's retrained insult model (``KHABAR_INSULT_MODEL``) once."""
    path = getattr(settings, "KHABAR_INSULT_MODEL", "")
    if path and path not in _loaded_model:
        engine.use_model(Path(path))
        _loaded_model[:] = [path]


def run(*, text: str, article_text: str | None, policy: str, config, counts) -> Result:
    """Moderate ``text`` under ``policy`` with the site's settings."""
    _use_site_model()
    verdict = engine.moderate(
        text,
        article_text=article_text,
        policy=policy,
        thresholds=thresholds_from(config),
        custom_words=tuple(config.lines(config.custom_words)),
        counts=counts,
        links_hold=config.links_hold,
    )
    reasons = [
        {
            "rule": finding.rule,
            "score": round(float(finding.score), 3),
            "code": finding.reason,
            "spans": [list(span) for span in finding.spans],
        }
        for finding in verdict.findings
    ]
    decisive = next(
        (f.rule for f in verdict.findings if f.reason == verdict.reason), ""
    )
    return Result(verdict.decision, reasons, float(verdict.risk), decisive)
