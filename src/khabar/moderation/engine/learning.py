"""Learn a site's own insult model from its moderators' decisions, on a prior.

The site's model is the shipped (or configured) prior plus a small *delta*: a
hashed linear model in the prior's calibrated-logit space. A
:class:`SiteLearner` updates a *shadow* delta with one AdaGrad step per
decision (log loss, an L2 pull towards zero, so that a few hundred decisions
adjust the prior instead of replacing it). Before each step it scores the
decision with the model in force and with the shadow, so every decision is
first a test the shadow never trained on (test, then train). Every
``review_every`` decisions, :meth:`SiteLearner.review` compares both on the
newest window of those scores by average precision and switches to the
shadow only if it is at least as good: no silent regressions.
"""

import array
import gzip
import json
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.moderation.engine.classifier import LinearModel, ModelError, sigmoid

Doc = tuple[Sequence[int], int]  # hashed features, label (1 = rejected)
WINDOW = 500  # newest decisions a review compares the two models on
MIN_REVIEW = 50  # fewer test-then-train decisions than this judge nothing
# Replaying Pars-OFF as a new site, after 2,800 decisions: model F1 0.700 with
# a rate of 0.1, 0.757 with 0.03, 0.767 with 0.01 (bench/moderation/replay.py).
RATE = 0.01
L2 = 1e-4
STATE_FORMAT = "khabar-site-learner"


@dataclass(slots=True)
class StackedModel:
    """A prior plus a site's delta; scores like a :class:`LinearModel`.

    ``margin`` is the prior's calibrated logit plus the delta's margin; the
    delta's own calibration (identity unless set) maps the sum.
    """

    prior: LinearModel
    delta: LinearModel

    def margin(self, feats: Sequence[int]) -> float:
        """Return the combined raw score of hashed features."""
        return _prior_logit(self.prior, feats) + self.delta.margin(feats)

    def probability(self, feats: Sequence[int]) -> float:
        """Return the calibrated probability that the text is offensive."""
        return self.calibrated(self.margin(feats))

    def calibrated(self, margin: float) -> float:
        """Return the delta-calibrated probability of a combined margin."""
        return self.delta.calibrated(margin)

    def contribution(self, feats: Sequence[int]) -> float:
        """Return how much ``feats`` push the combined score (for highlighting)."""
        slope = self.prior.platt[0]
        return slope * self.prior.contribution(feats) + self.delta.contribution(feats)


@dataclass(frozen=True, slots=True)
class Review:
    """How the shadow compares with the model in force on the newest decisions."""

    decisions: int  # seen by the learner in all
    window: int  # newest decisions compared on
    ap_before: float
    ap_after: float
    f1_before: float
    f1_after: float

    @property
    def accepted(self) -> bool:
        """Tell whether the shadow is at least as good as the model in force."""
        return self.ap_after >= self.ap_before


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Return the average precision of ``scores`` ranking the positive labels."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    positives = sum(labels)
    if not positives:
        return 0.0
    hits, total = 0, 0.0
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / positives


def f1_at(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    """Return the F1 of calling ``score >= threshold`` offensive."""
    true = sum(1 for s, y in zip(scores, labels, strict=True) if y and s >= threshold)
    called = sum(1 for s in scores if s >= threshold)
    positives = sum(labels)
    return 2 * true / (called + positives) if called + positives else 0.0


class SiteLearner:
    """The shadow delta, its AdaGrad state and the newest test-then-train scores."""

    def __init__(self, window: int | None = None) -> None:
        self.weights: dict[int, float] = {}
        self.squares: dict[int, float] = {}
        self.bias = 0.0
        self.bias_square = 1.0
        self.seen = 0
        self.window: deque[tuple[float, float, int]] = deque(maxlen=window or WINDOW)

    def observe(
        self, prior: LinearModel, active: LinearModel | None, feats, label: int
    ) -> None:
        """Score one decision with both models, then learn from it."""
        base = _prior_logit(prior, feats)
        before = (
            active.calibrated(base + active.margin(feats))
            if active
            else (sigmoid(base))
        )
        get = self.weights.get
        shadow = base + self.bias + sum(get(feat, 0.0) for feat in feats)
        self.window.append((before, sigmoid(shadow), label))
        self._step(feats, sigmoid(shadow) - label)
        self.seen += 1

    def _step(self, feats, grad: float) -> None:
        """Take one AdaGrad step of log loss with an L2 pull on the touched weights."""
        self.bias_square += grad * grad
        self.bias -= RATE * grad / math.sqrt(self.bias_square)
        weights, squares = self.weights, self.squares
        for feat in feats:
            old = weights.get(feat, 0.0)
            step = grad + L2 * old
            square = squares.get(feat, 1.0) + step * step
            squares[feat] = square
            weights[feat] = old - RATE * step / math.sqrt(square)

    def review(self, threshold: float = 0.5) -> Review | None:
        """Compare the shadow with the model in force on the window; None if too few.

        Both were scored on each decision before the shadow learned from it,
        so the figures are on decisions neither trained on.
        """
        labels = [label for _, _, label in self.window]
        if len(labels) < MIN_REVIEW or not 0 < sum(labels) < len(labels):
            return None
        before = [score for score, _, _ in self.window]
        after = [score for _, score, _ in self.window]
        return Review(
            decisions=self.seen,
            window=len(labels),
            ap_before=round(average_precision(before, labels), 4),
            ap_after=round(average_precision(after, labels), 4),
            f1_before=round(f1_at(before, labels, threshold), 4),
            f1_after=round(f1_at(after, labels, threshold), 4),
        )

    def delta(self) -> LinearModel:
        """Return a copy of the shadow as a delta to score with."""
        return LinearModel(dict(self.weights), self.bias)

    def dumps(self) -> bytes:
        """Serialize the learner (float32 weights and squares, the window)."""
        keys = sorted(self.weights)
        header = {
            "format": STATE_FORMAT,
            "bias": self.bias,
            "bias_square": self.bias_square,
            "seen": self.seen,
            "window": list(self.window),
            "n": len(keys),
        }
        arrays = (
            array.array("I", keys),
            array.array("f", (self.weights[key] for key in keys)),
            array.array("f", (self.squares.get(key, 1.0) for key in keys)),
        )
        body = (
            json.dumps(header).encode() + b"\n" + b"".join(a.tobytes() for a in arrays)
        )
        return gzip.compress(body, mtime=0)

    @classmethod
    def loads(cls, blob: bytes) -> "SiteLearner":
        """Read a learner written by :meth:`dumps`; :class:`ModelError` if not one."""
        try:
            head, _, rest = gzip.decompress(blob).partition(b"\n")
            header = json.loads(head)
            count = header["n"]
            if header.get("format") != STATE_FORMAT or len(rest) != 12 * count:
                raise ValueError("not a learner state")
        except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
            raise ModelError(
                f"the site learner's state is unreadable ({error})"
            ) from None
        keys, weights, squares = array.array("I"), array.array("f"), array.array("f")
        keys.frombytes(rest[: 4 * count])
        weights.frombytes(rest[4 * count : 8 * count])
        squares.frombytes(rest[8 * count :])
        learner = cls()
        learner.weights = dict(zip(keys, weights, strict=True))
        learner.squares = dict(zip(keys, squares, strict=True))
        learner.bias, learner.bias_square = header["bias"], header["bias_square"]
        learner.seen = header["seen"]
        learner.window.extend(tuple(item) for item in header["window"])
        return learner


def _prior_logit(prior: LinearModel, feats: Sequence[int]) -> float:
    """Return the prior's calibrated logit of ``feats``."""
    slope, intercept = prior.platt
    return slope * prior.margin(feats) + intercept
