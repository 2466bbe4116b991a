"""Adapt the pure moderation engine to the site's settings.

The engine (``khabar.moderation.engine``) knows nothing of Django; this module
hands it the site's thresholds (with the insult hold band in force), custom
words, counts and model, and turns its verdict into plain data the comments
app stores. The model is the prior (``KHABAR_INSULT_MODEL``, else the shipped
one) plus the delta the site learned from its moderators, when one is active.
"""

from dataclasses import dataclass

from django.conf import settings

from . import engine
from .config import SiteConfig
from .selectors import site_model_delta

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
    insult_score: float | None = None


def thresholds_from(config: SiteConfig) -> dict[str, tuple[float, float]]:
    """Return the engine's ``rule -> (hold, reject)``: the settings and the band."""
    values = config.settings
    thresholds = {
        rule: (getattr(values, hold), getattr(values, reject) if reject else NEVER)
        for rule, (hold, reject) in RULE_FIELDS.items()
    }
    thresholds["insult"] = (config.insult_hold, values.insult_reject)
    return thresholds


_in_use: list[tuple[str, int | None]] = []  # (prior path, site model id) loaded


def use_site_model(site_model_id: int | None) -> None:
    """Score with the configured prior plus the site's active model, loaded once.

    A ``KHABAR_INSULT_MODEL`` that is missing or corrupt raises
    :class:`engine.ModelError` (the app checks it at startup already).
    """
    prior = getattr(settings, "KHABAR_INSULT_MODEL", "") or ""
    wanted = (prior, site_model_id)
    if _in_use and _in_use[0] == wanted:
        return
    if not _in_use or _in_use[0][0] != prior:
        engine.use_model(prior) if prior else engine.use_shipped()
    delta = site_model_delta(site_model_id) if site_model_id else None
    engine.use_delta(engine.LinearModel.loads(delta) if delta else None)
    _in_use[:] = [wanted]


def models_forget() -> None:
    """Forget which models are loaded: the next comment loads the site's again."""
    _in_use.clear()


def run(
    *,
    text: str,
    article_text: str | None,
    policy: str,
    config: SiteConfig,
    counts,
    site_model: bool = True,
) -> Result:
    """Moderate ``text`` under ``policy`` with the site's settings and model.

    ``site_model=False`` keeps the model the process chose (``khabar
    moderate --model``) instead of the site's.
    """
    if site_model:
        use_site_model(config.site_model_id)
    values = config.settings
    verdict = engine.moderate(
        text,
        article_text=article_text,
        policy=policy,
        thresholds=thresholds_from(config),
        custom_words=tuple(values.lines(values.custom_words)),
        counts=counts,
        links_hold=values.links_hold,
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
    return Result(
        verdict.decision, reasons, float(verdict.risk), decisive, verdict.insult_score
    )
