"""Learn a site's own insult model from its moderators' decisions, on a prior.

The site's model is the shipped (or configured) prior plus a small *delta*: a
hashed linear model in the prior's calibrated-logit space, fitted to the
site's labelled history with AdaGrad and an L2 pull towards zero, so that a
few hundred decisions adjust the prior instead of replacing it. A candidate
replaces the current model only when it ranks the newest decisions, held back
from training, at least as well (average precision): no silent regressions.
"""

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.moderation.engine.classifier import LinearModel, fit_platt, sigmoid

Doc = tuple[Sequence[int], int]  # hashed features, label (1 = rejected)
HOLDOUT_SHARE = 0.2  # the newest fifth of the decisions judges a candidate
MIN_HOLDOUT = 20
MIN_DECISIONS = 50  # fewer decisions than this teach nothing reliable


@dataclass(slots=True)
class StackedModel:
    """A prior plus a site's delta; scores like a :class:`LinearModel`.

    ``margin`` is the prior's calibrated logit plus the delta's margin; the
    delta's own Platt pair calibrates the sum.
    """

    prior: LinearModel
    delta: LinearModel

    def margin(self, feats: Sequence[int]) -> float:
        """Return the combined raw score of hashed features."""
        slope, intercept = self.prior.platt
        return slope * self.prior.margin(feats) + intercept + self.delta.margin(feats)

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
    """How a candidate compares with the current model on held-back decisions."""

    trained_on: int
    held_back: int
    ap_before: float
    ap_after: float
    f1_before: float
    f1_after: float

    @property
    def accepted(self) -> bool:
        """Tell whether the candidate is at least as good as the current model."""
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


def fine_tune(
    prior: LinearModel,
    docs: Sequence[Doc],
    *,
    epochs: int = 4,
    rate: float = 0.1,
    l2: float = 1e-3,
    seed: int = 7,
) -> LinearModel:
    """Return a delta fitted to ``docs`` on top of the fixed ``prior``."""
    slope, intercept = prior.platt
    base = [slope * prior.margin(feats) + intercept for feats, _ in docs]
    positives = sum(label for _, label in docs) or 1
    balance = math.sqrt(max(len(docs) - positives, 1) / positives)
    weights: dict[int, float] = {}
    squares: dict[int, float] = {}
    bias, bias_square = 0.0, 1.0
    order = list(range(len(docs)))
    rng = random.Random(seed)  # noqa: S311 - shuffling, not secrets
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            feats, label = docs[index]
            get = weights.get
            margin = base[index] + bias + sum(get(feat, 0.0) for feat in feats)
            grad = (sigmoid(margin) - label) * (balance if label else 1.0)
            bias_square += grad * grad
            bias -= rate * grad / math.sqrt(bias_square)
            for feat in feats:
                old = get(feat, 0.0)
                step = grad + l2 * old
                square = squares.get(feat, 1.0) + step * step
                squares[feat] = square
                weights[feat] = old - rate * step / math.sqrt(square)
    return LinearModel(weights, bias)


def split_newest(docs: Sequence[Doc]) -> tuple[list[Doc], list[Doc]]:
    """Split decisions (oldest first) into training and the newest held back."""
    held = max(MIN_HOLDOUT, round(len(docs) * HOLDOUT_SHARE))
    return list(docs[:-held]), list(docs[-held:])


def learn(
    prior: LinearModel,
    current: LinearModel | StackedModel,
    docs: Sequence[Doc],
    *,
    threshold: float = 0.5,
) -> tuple[StackedModel, Review] | None:
    """Fit a candidate on a site's decisions (oldest first) and review it.

    Returns ``None`` when there are too few decisions, or too few of either
    label, to fit and judge a candidate. ``threshold`` is where the F1 beside
    the average precision is taken (the hold threshold the site uses).
    """
    if len(docs) < MIN_DECISIONS:
        return None
    train_docs, held = split_newest(docs)
    labels = [label for _, label in held]
    if not 0 < sum(labels) < len(labels) or not _both_labels(train_docs):
        return None
    delta = fine_tune(prior, train_docs)
    candidate = StackedModel(prior, delta)
    margins = [candidate.margin(feats) for feats, _ in held]
    delta.platt = _rising(fit_platt(margins, labels))
    before = [current.probability(feats) for feats, _ in held]
    after = [delta.calibrated(margin) for margin in margins]
    review = Review(
        trained_on=len(train_docs),
        held_back=len(held),
        ap_before=round(average_precision(before, labels), 4),
        ap_after=round(average_precision(margins, labels), 4),
        f1_before=round(f1_at(before, labels, threshold), 4),
        f1_after=round(f1_at(after, labels, threshold), 4),
    )
    return candidate, review


def _rising(platt: tuple[float, float]) -> tuple[float, float]:
    """Keep a calibration that rises with the score.

    Fitted on the held-back decisions, a falling slope would turn a
    candidate that ranks them backwards into a perfect one; its average
    precision is taken on the raw margins, so such a candidate is refused,
    and its calibration is left neutral.
    """
    return platt if platt[0] > 0 else (1.0, 0.0)


def _both_labels(docs: Sequence[Doc]) -> bool:
    """Tell whether ``docs`` hold at least one example of each label."""
    positives = sum(label for _, label in docs)
    return 0 < positives < len(docs)
