"""A hashed linear classifier for insults: features, scoring, training.

Features are folded word unigrams and bigrams, character 2–4-grams inside each
word (words squeezed, numbers as 0, collection artifacts such as @USER
dropped: :func:`feature_key`, ``ARTIFACTS``), and the lexicon's verdict;
they are hashed with CRC-32 into ``BUCKETS`` weights, so the model is a sparse
table of integers. Training is a pure-Python logistic regression (AdaGrad,
binary features) so that a site can retrain from its own labelled history
with no extra dependency. Probabilities
are calibrated with Platt scaling on held-out data.
"""

import array
import gzip
import json
import math
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from khabar.moderation.engine.tokens import Token, squeeze

BUCKETS = 1 << 20
# Raise FEATURES_VERSION whenever :func:`features` hashes text differently:
# model files carry it, and a file made for other features is refused.
FEATURES_VERSION = 2  # 2: squeezed words, digits as 0, no source artifacts
MODEL_FORMAT = "khabar-insult"
MASK = BUCKETS - 1
QUANT = 4096  # weights are stored as int16 multiples of 1 / QUANT
MAX_TOKENS = 1000  # words the model reads: bounds the work on huge input
BIGRAM_MIX = 0x9E3779B1  # odd multiplier that mixes two word ids into one
MAX_GRAMS = 1 << 18  # memo of character n-gram ids (they repeat across words)
_GRAM_IDS: dict[str, int] = {}
_KEY = itemgetter(2)  # Token.key
_FIRST = itemgetter(0)


def hashed(feature: str) -> int:
    """Return the bucket of one feature name (CRC-32, stable across runs)."""
    return zlib.crc32(feature.encode()) & MASK


# Tokens that only say where a text was collected: Pars-OFF writes @USER and
# @URL for mentions and links, PHATE keeps raw t.co links. A model that learns
# them learns the source, not the insult (issue 20), so they are not features.
ARTIFACTS = frozenset({"user", "url", "http", "https", "www", "com", "co", "t", "rt"})
_DIGITS_RE = re.compile(r"\d+")


@lru_cache(maxsize=1 << 16)
def feature_key(key: str) -> str:
    """Return the form of a token key the model reads: squeezed, digits as 0.

    «خیلییییی» and «خیلی» are one word to the model; a number is a number.
    """
    return _DIGITS_RE.sub("0", squeeze(key))


@lru_cache(maxsize=1 << 16)
def word_features(key: str) -> tuple[int, ...]:
    """Return the hashed features of one word: itself first, then char n-grams.

    The word is read as :func:`feature_key`; its character 2–4-grams (padded)
    recur across words, so their buckets are memoized; the word's own bucket
    comes first because :func:`features` also builds word bigrams from it.
    """
    key = feature_key(key)
    padded = f"<{key}>"
    grams = {
        padded[i : i + size]
        for size in (2, 3, 4)
        for i in range(len(padded) - size + 1)
    }
    ids = _GRAM_IDS
    if len(ids) > MAX_GRAMS:
        ids.clear()
    for gram in grams.difference(ids):
        ids[gram] = hashed(gram)
    return (hashed("w:" + key), *{ids[gram] for gram in grams})


def lexicon_feature(lexicon_weight: float) -> int:
    """Return the bucket of the lexicon's verdict feature."""
    return hashed(f"lex:{lexicon_weight:.2f}")


def features(tokens: Sequence[Token], lexicon_weight: float = 0.0) -> list[int]:
    """Return the distinct hashed features of a tokenized text.

    Words with their character n-grams, word bigrams (the two words' buckets
    mixed, no string hashing) and the lexicon's verdict, each counted once.
    (Counting an n-gram once per distinct word instead was tried: faster to
    score, but clearly worse on validation.)
    """
    keys = [key for key in map(_KEY, tokens[:MAX_TOKENS]) if key not in ARTIFACTS]
    table = dict(zip(keys, map(word_features, keys), strict=True))
    found: set[int] = set().union(*table.values())
    words = list(map(_FIRST, map(table.__getitem__, keys)))
    found.update(
        (left * BIGRAM_MIX + right) & MASK
        for left, right in zip(words, words[1:], strict=False)
    )
    if lexicon_weight:
        found.add(lexicon_feature(lexicon_weight))
    return list(found)


def sigmoid(value: float) -> float:
    """Return the logistic function of ``value`` without overflow."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@dataclass(slots=True)
class LinearModel:
    """Sparse hashed weights, a bias and Platt calibration ``(a, b)``."""

    weights: dict[int, float]
    bias: float = 0.0
    platt: tuple[float, float] = (1.0, 0.0)

    _dense: array.array | None = None  # all buckets, built on first use

    def margin(self, feats: Iterable[int]) -> float:
        """Return the raw linear score of hashed features.

        Scored on a dense float32 copy of the weights (4 MiB): one memory
        access per feature instead of a dict probe, about twice as fast on a
        long comment. Do not change ``weights`` after scoring.
        """
        dense = self._dense
        if dense is None:
            dense = self._dense = array.array("f", bytes(4 * BUCKETS))
            for key, value in self.weights.items():
                dense[key] = value
        return self.bias + sum(map(dense.__getitem__, feats))

    def contribution(self, feats: Iterable[int]) -> float:
        """Return how much ``feats`` (one word's) push the score, without bias."""
        get = self.weights.get
        return sum(get(feat, 0.0) for feat in feats)

    def probability(self, feats: Sequence[int]) -> float:
        """Return the calibrated probability that the text is offensive."""
        return self.calibrated(self.margin(feats))

    def calibrated(self, margin: float) -> float:
        """Return the Platt-calibrated probability of a raw margin."""
        slope, intercept = self.platt
        return sigmoid(slope * margin + intercept)

    def dumps(self) -> bytes:
        """Serialize the model: a JSON header and two gzip'd integer arrays.

        The header names the format, the feature version and the bucket count,
        so a file made for other features is refused on load, not misread.
        """
        weights = self.weights.items()
        keys = sorted(key for key, value in weights if round(value * QUANT))
        indexes = array.array("I", keys)
        values = array.array("h", (_quantize(self.weights[key]) for key in keys))
        header = json.dumps(
            {
                "format": MODEL_FORMAT,
                "features": FEATURES_VERSION,
                "buckets": BUCKETS,
                "bias": self.bias,
                "platt": self.platt,
                "n": len(keys),
            }
        )
        body = header.encode() + b"\n" + indexes.tobytes() + values.tobytes()
        return gzip.compress(body, mtime=0)

    @classmethod
    def loads(cls, blob: bytes) -> "LinearModel":
        """Read a model written by :meth:`dumps`; :class:`ModelError` if not one."""
        header, rest = _read_header(blob)
        count = header["n"]
        if len(rest) != 6 * count:
            raise ModelError(
                f"the file is cut short or padded: {len(rest)} bytes of weights "
                f"where {6 * count} were announced"
            )
        indexes = array.array("I")
        indexes.frombytes(rest[: 4 * count])
        values = array.array("h")
        values.frombytes(rest[4 * count : 6 * count])
        if count and max(indexes) >= BUCKETS:
            raise ModelError("a weight index lies outside the model's buckets")
        weights = {
            key: value / QUANT for key, value in zip(indexes, values, strict=True)
        }
        return cls(weights, float(header["bias"]), _platt(header["platt"]))


class ModelError(ValueError):
    """A model file that is corrupt or was made for other features."""


def _read_header(blob: bytes) -> tuple[dict, bytes]:
    """Return the checked JSON header of a model file and the bytes after it."""
    try:
        body = gzip.decompress(blob)
    except (OSError, EOFError, zlib.error) as error:
        raise ModelError(f"not a gzip'd Khabar insult model ({error})") from error
    head, newline, rest = body.partition(b"\n")
    try:
        header = json.loads(head) if newline else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or not {"bias", "platt", "n"} <= header.keys():
        raise ModelError(
            "not a Khabar insult model: its header is missing or unreadable"
        )
    if header.get("format", MODEL_FORMAT) != MODEL_FORMAT:
        raise ModelError(f"unknown model format {header['format']!r}")
    made_for = (header.get("features", 1), header.get("buckets", BUCKETS))
    if made_for != (FEATURES_VERSION, BUCKETS):
        raise ModelError(
            f"the model was made for features version {made_for[0]} with "
            f"{made_for[1]} buckets; this Khabar uses version {FEATURES_VERSION} "
            f"with {BUCKETS}: rebuild or retrain it"
        )
    if not isinstance(header["n"], int) or header["n"] < 0:
        raise ModelError("not a Khabar insult model: bad weight count")
    return header, rest


def _platt(value: object) -> tuple[float, float]:
    """Return a header's Platt pair, or raise :class:`ModelError`."""
    try:
        slope, intercept = (float(item) for item in value)  # type: ignore[union-attr]
    except (TypeError, ValueError) as error:
        raise ModelError("not a Khabar insult model: bad calibration") from error
    return slope, intercept


def _quantize(value: float) -> int:
    """Return ``value`` as a clipped int16 multiple of 1 / QUANT."""
    return max(-32767, min(32767, round(value * QUANT)))


def train(
    docs: Sequence[tuple[Sequence[int], int]],
    *,
    epochs: int = 6,
    rate: float = 0.2,
    decay: float = 1e-6,
    seed: int = 13,
) -> LinearModel:
    """Fit logistic regression on ``(features, label)`` pairs with AdaGrad.

    The rarer class is weighed up, so a skewed source does not teach "clean".
    """
    weights: dict[int, float] = {}
    squares: dict[int, float] = {}
    bias, bias_square = 0.0, 1.0
    positives = sum(label for _, label in docs)
    balance = (len(docs) - positives) / (positives or 1)  # weigh the rarer class up
    order = list(range(len(docs)))
    rng = random.Random(seed)  # noqa: S311 - shuffling, not secrets
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            feats, label = docs[index]
            get = weights.get
            prob = sigmoid(bias + sum(get(feat, 0.0) for feat in feats))
            grad = (prob - label) * (balance if label else 1.0) ** 0.5
            bias_square += grad * grad
            bias -= rate * grad / math.sqrt(bias_square)
            for feat in feats:
                square = squares.get(feat, 1e-8) + grad * grad
                squares[feat] = square
                old = get(feat, 0.0)
                weights[feat] = old * (1 - decay) - rate * grad / math.sqrt(square)
    return LinearModel(weights, bias)


def naive_bayes(
    docs: Sequence[tuple[Sequence[int], int]], alpha: float = 1.0
) -> LinearModel:
    """Return the log-count ratios of a multinomial naive Bayes as a model."""
    counts: dict[int, list[int]] = {}
    for feats, label in docs:
        for feat in feats:
            counts.setdefault(feat, [0, 0])[label] += 1
    counts = {feat: pair for feat, pair in counts.items() if sum(pair) >= 2}
    smoothing = alpha * len(counts)
    negative = sum(pair[0] for pair in counts.values()) + smoothing
    positive = sum(pair[1] for pair in counts.values()) + smoothing
    weights = {
        feat: math.log((pos + alpha) / positive) - math.log((neg + alpha) / negative)
        for feat, (neg, pos) in counts.items()
    }
    positives = sum(label for _, label in docs)
    return LinearModel(weights, math.log(positives / (len(docs) - positives)))


def blend(first: LinearModel, second: LinearModel, share: float) -> LinearModel:
    """Return ``first + share * second``, one linear model (LR + NB ensemble)."""
    weights = dict(first.weights)
    for feat, value in second.weights.items():
        weights[feat] = weights.get(feat, 0.0) + share * value
    return LinearModel(weights, first.bias + share * second.bias)


def fit_platt(margins: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """Fit ``sigmoid(a * margin + b)`` to held-out labels (Platt scaling)."""
    slope, intercept = 1.0, 0.0
    for _ in range(300):
        grad_a = grad_b = 0.0
        for margin, label in zip(margins, labels, strict=True):
            error = sigmoid(slope * margin + intercept) - label
            grad_a += error * margin
            grad_b += error
        slope -= 0.5 * grad_a / len(margins)
        intercept -= 0.5 * grad_b / len(margins)
    return slope, intercept


def prune(model: LinearModel, keep: int) -> LinearModel:
    """Keep only the ``keep`` weights of largest magnitude (shrinks the file)."""
    ranked = sorted(model.weights.items(), key=lambda item: -abs(item[1]))
    return LinearModel(dict(ranked[:keep]), model.bias, model.platt)
