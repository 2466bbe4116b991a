"""The shared result type of every rule: a scored finding with spans."""

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """What one rule found: a score in [0, 1], a reason code and word spans.

    ``spans`` are ``(start, end)`` character offsets into the original comment
    so that a moderator UI can highlight the words that triggered the rule.
    """

    rule: str
    score: float
    reason: str
    spans: tuple[Span, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict of this finding."""
        return {
            "rule": self.rule,
            "score": round(self.score, 3),
            "reason": self.reason,
            "spans": [list(span) for span in self.spans],
        }
