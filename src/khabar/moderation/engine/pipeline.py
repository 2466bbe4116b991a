"""Combine the rules into one decision: publish, hold or reject.

``auto`` publishes what passes every rule, holds the doubtful (some score at
or above its hold threshold) and rejects the sure (some score at or above its
reject threshold). ``premoderate`` holds every comment, with the reasons still
attached so moderators see them. ``off_topic`` only ever holds.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from khabar.moderation.engine.findings import Finding
from khabar.moderation.engine.messages import reader_message
from khabar.moderation.engine.rules import (
    check_custom,
    check_insult,
    check_not_persian,
    check_off_topic,
    check_spam,
)
from khabar.moderation.engine.tokens import tokenize

PUBLISH, HOLD, REJECT = "publish", "hold", "reject"
POLICIES = ("auto", "premoderate")
RULES = ("insult", "not_persian", "off_topic", "spam")
NEVER = 2.0  # a reject threshold no score reaches
# Per rule: (hold at or above, reject at or above). The one place for defaults.
DEFAULT_THRESHOLDS: Mapping[str, tuple[float, float]] = {
    "insult": (0.3, 0.95),
    "not_persian": (0.5, 0.9),
    "off_topic": (0.8, NEVER),
    "spam": (0.6, 0.95),
}
MAX_INPUT = 20_000  # characters examined; the rest of a huge paste is ignored


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision on one comment, the findings behind it and a queue risk.

    ``findings`` are the rule results at or above their hold threshold (the
    reasons); ``risk`` combines every score, also the weak ones, for ordering
    a moderation queue.
    """

    decision: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    risk: float = 0.0
    policy: str = "auto"
    reason: str | None = None  # the code of the finding that decided
    insult_score: float = 0.0  # also below the hold threshold: for the band

    @property
    def message(self) -> str:
        """Return the short Persian message a reader sees (empty if published)."""
        return reader_message(self.decision, self.reason)

    def as_dict(self) -> dict[str, object]:
        """Return the CLI format: decision and per-rule reasons with scores."""
        return {
            "decision": self.decision,
            "reasons": [
                {"rule": finding.rule, "score": round(finding.score, 3)}
                for finding in self.findings
            ],
        }

    def as_json(self) -> str:
        """Return :meth:`as_dict` as compact JSON (Persian kept readable)."""
        return json.dumps(self.as_dict(), ensure_ascii=False)


def resolve_thresholds(
    overrides: Mapping[str, Sequence[float]] | None,
) -> dict[str, tuple[float, float]]:
    """Merge per-rule overrides into the defaults; off_topic never rejects."""
    merged = dict(DEFAULT_THRESHOLDS)
    for rule, pair in (overrides or {}).items():
        if rule not in merged:
            raise ValueError(f"unknown rule {rule!r}; expected one of {RULES}")
        hold, reject = float(pair[0]), float(pair[1])
        if not 0.0 <= hold <= reject:
            raise ValueError(f"thresholds of {rule!r} must be 0 <= hold <= reject")
        merged[rule] = (hold, reject)
    merged["off_topic"] = (merged["off_topic"][0], NEVER)
    return merged


def decide(
    findings: Sequence[Finding], thresholds: Mapping[str, tuple[float, float]]
) -> tuple[str, Finding | None]:
    """Return the ``auto`` decision and the finding that decided it."""
    rejects = [f for f in findings if f.reject_score >= thresholds[f.rule][1]]
    if rejects:
        return REJECT, max(rejects, key=lambda finding: finding.reject_score)
    holds = [f for f in findings if f.score >= thresholds[f.rule][0]]
    if holds:
        return HOLD, max(holds, key=lambda finding: finding.score)
    return PUBLISH, None


def risk_of(findings: Sequence[Finding]) -> float:
    """Return a queue-ordering risk: the chance that any finding is right."""
    safe = 1.0
    for finding in findings:
        safe *= 1.0 - min(max(finding.score, 0.0), 1.0)
    return round(1.0 - safe, 4)


def moderate(
    text: str,
    *,
    article_text: str | None = None,
    policy: str = "auto",
    thresholds: Mapping[str, Sequence[float]] | None = None,
    custom_words: Sequence[str] = (),
    counts: Mapping[str, int] | None = None,
    links_hold: int | None = None,
) -> Verdict:
    """Moderate one comment and return the :class:`Verdict`.

    ``article_text`` is the story as plain text (headline, lead, body, tags);
    ``custom_words`` a site's own banned words, matched with the lexicon's
    folding; ``counts`` the database-side repetition counts
    (``same_text_recent``, ``recent_from_source``); ``links_hold`` the number
    of links from which a comment is held (twice as many reject it).
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; expected one of {POLICIES}")
    limits = resolve_thresholds(thresholds)
    text = text if isinstance(text, str) else str(text or "")
    text = text[:MAX_INPUT]
    tokens = tokenize(text)
    found = [
        check_insult(text, tokens),
        check_custom(text, tokens, tuple(custom_words)),
        check_not_persian(text),
        check_off_topic(text, article_text),
        check_spam(text, counts, links_hold),
    ]
    if not text.strip() and not _has_counts(counts):
        found.append(Finding("spam", 1.0, "empty"))
    scored = [f for f in found if f is not None and f.score > 0]
    decision, decisive = decide(scored, limits)
    reasons = tuple(f for f in scored if f.score >= limits[f.rule][0])
    if policy == "premoderate":
        decision = HOLD
    reason = decisive.reason if decisive else None
    insult = max((f.score for f in scored if f.rule == "insult"), default=0.0)
    return Verdict(decision, reasons, risk_of(scored), policy, reason, insult)


def _has_counts(counts: Mapping[str, int] | None) -> bool:
    """Tell whether any repetition count is positive."""
    return bool(counts) and any(value > 0 for value in counts.values())
