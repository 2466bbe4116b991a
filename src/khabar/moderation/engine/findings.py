"""The shared result type of every rule: a scored finding with spans."""

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """What one rule found: a score in [0, 1], a reason code and word spans.

    ``spans`` are ``(start, end)`` character offsets into the original comment
    so that a moderator UI can highlight the words that triggered the rule.
    ``sure`` is lower than ``score`` when only part of the evidence may
    reject (a site's learned model may hold, not reject).
    """

    rule: str
    score: float
    reason: str
    spans: tuple[Span, ...] = field(default_factory=tuple)
    sure: float | None = None  # the score a rejection rests on, when not ``score``

    @property
    def reject_score(self) -> float:
        """Return the score compared with the rule's reject threshold."""
        return self.score if self.sure is None else self.sure

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict of this finding."""
        return {
            "rule": self.rule,
            "score": round(self.score, 3),
            "reason": self.reason,
            "spans": [list(span) for span in self.spans],
        }
