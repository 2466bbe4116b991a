"""Learn which spaced compounds («پیش نیاز») stand for a half-space.

Used at build time only. Every half-spaced form in the table with one
half-space («پیش‌نیاز») is a *candidate*: when the restorer meets its two parts
written apart, should it join them? Fars counts decide the frequent cases (the
``pairs`` rule in :mod:`khabar.text.build`); this module decides the rest with a
small logistic regression over source statistics, trained on the boundaries of
correctly written text (a tsv with a ``text`` column, such as UD PerDT). The
model is reduced to table entries: candidates it accepts join the ``pairs``
section, so nothing of it is shipped and the restorer stays a set lookup.

Features describe the form, never the word itself: how often Fars writes it
half-spaced, spaced and joined; whether hazm and shekar list it; whether either
part is a function word, a known word, a participle or very short; and how often
compounds with the same first or second part are half-spaced in Fars
(«‌شده»، «‌ماه»، «نیم‌»…).
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from khabar.text.chars import JOINING_LETTERS, ZWNJ

L2 = 1.0
NEWTON_STEPS = 25
THRESHOLD = 0.65
RESPLIT_THRESHOLD = 0.65
_SEGMENT_RE = re.compile(
    "[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+"
    "(?: [\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+)*"
)
_SEPARATOR_RE = re.compile("([ \u200c])")


@dataclass(frozen=True)
class Sources:
    """Hold the build-time statistics the features are computed from."""

    fars: Counter[str]
    fars_pairs: Counter[str]
    hazm: Mapping[str, int]
    shekar: Mapping[str, int]
    compounds: frozenset[str]
    attested: frozenset[str]
    stopwords: frozenset[str]
    past: frozenset[str]


def boundary_labels(texts: Iterable[str]) -> Counter[tuple[str, bool]]:
    """Count each two-part form and whether ``texts`` write it half-spaced.

    A form is two neighbouring pieces of a word run (split at spaces and
    half-spaces) joined by a half-space; the label is True when the text has
    a half-space there, False for a space.
    """
    labels: Counter[tuple[str, bool]] = Counter()
    for text in texts:
        for run in _SEGMENT_RE.findall(text.replace("\u0654", "")):
            pieces = _SEPARATOR_RE.split(run)
            for i in range(1, len(pieces) - 1, 2):
                first, second = pieces[i - 1], pieces[i + 1]
                if first and second and first[-1] in JOINING_LETTERS:
                    labels[first + ZWNJ + second, pieces[i] == ZWNJ] += 1
    return labels


def word_labels(
    texts: Iterable[str], forms: Iterable[str]
) -> Counter[tuple[str, bool]]:
    """Count how often ``texts`` write each form half-spaced or joined."""
    by_key = {form.replace(ZWNJ, ""): form for form in forms}
    wanted = set(by_key.values())
    labels: Counter[tuple[str, bool]] = Counter()
    for text in texts:
        for run in _SEGMENT_RE.findall(text.replace("\u0654", "")):
            for token in run.split(" "):
                if token in wanted:
                    labels[token, True] += 1
                elif token in by_key:
                    labels[by_key[token], False] += 1
    return labels


def head_rates(forms: Iterable[str], sources: Sources) -> tuple[dict, dict]:
    """Return, per first and per second part, how often Fars half-spaces it.

    Each rate is the share of half-spaced spellings among the half-spaced and
    spaced spellings of all candidate forms with that part, with add-one
    smoothing, as a log-odds, with the log of how many candidate forms have
    that part (how productive it is).
    """
    counts: list[dict[str, list[int]]] = [{}, {}]
    for form in forms:
        half, spaced = sources.fars[form], sources.fars_pairs[form]
        for side, part in enumerate(form.split(ZWNJ)):
            tally = counts[side].setdefault(part, [0, 0, 0])
            tally[0] += half
            tally[1] += spaced
            tally[2] += 1
    first, second = (
        {
            p: (math.log((h + 1) / (s + 1)), math.log1p(t))
            for p, (h, s, t) in side.items()
        }
        for side in counts
    )
    return first, second


def features(form: str, sources: Sources, heads: tuple[dict, dict]) -> list[float]:
    """Describe a two-part candidate form as a feature vector (bias first)."""
    first, second = form.split(ZWNJ)
    joined = first + second
    half = sources.fars[form]
    spaced = sources.fars_pairs[form]
    return [
        1.0,
        math.log1p(half),
        math.log1p(spaced),
        math.log1p(sources.fars[joined]),
        math.log((half + 1) / (spaced + 1)),
        float(sources.hazm.get(form, 0) > 0),
        float(form in sources.hazm),
        math.log1p(sources.shekar.get(form, 0)) / 4,
        float(form in sources.compounds),
        float(first in sources.stopwords),
        float(second in sources.stopwords),
        float(first in sources.attested),
        float(second in sources.attested),
        float(second[-1] == "ه" and second[:-1] in sources.past),
        float(len(first) <= 2),
        float(len(second) <= 2),
        *heads[0].get(first, (0.0, 0.0)),
        *heads[1].get(second, (0.0, 0.0)),
    ]


def fit(rows: list[list[float]], labels: list[float], weights: list[float]) -> list:
    """Fit an L2-regularized logistic regression by Newton's method."""
    size = len(rows[0])
    beta = [0.0] * size
    for _ in range(NEWTON_STEPS):
        grad = [-L2 * b for b in beta]
        grad[0] += L2 * beta[0]  # the bias is not regularized
        hess = [[0.0] * size for _ in range(size)]
        for i in range(size):
            hess[i][i] = L2 if i else 1e-6
        for x, y, w in zip(rows, labels, weights, strict=True):
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            g = w * (y - p)
            h = w * p * (1 - p)
            for i, xi in enumerate(x):
                if xi:
                    grad[i] += g * xi
                    row = hess[i]
                    for j, xj in enumerate(x):
                        row[j] += h * xi * xj
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return beta


def predict(beta: list[float], x: list[float]) -> float:
    """Return the model's probability that ``x`` is a half-space."""
    return _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))


def learned_pairs(
    candidates: Iterable[str],
    labels: Counter[tuple[str, bool]],
    sources: Sources,
    threshold: float = THRESHOLD,
) -> set[str]:
    """Train on ``labels`` and return the candidates that take a half-space."""
    candidates = sorted(candidates)
    heads = head_rates(candidates, sources)
    wanted = set(candidates)
    rows, ys, ws = [], [], []
    for (form, half), count in sorted(labels.items()):
        if form in wanted:
            rows.append(features(form, sources, heads))
            ys.append(float(half))
            ws.append(float(count))
    if not rows or len(set(ys)) < 2:
        return set()
    beta = fit(rows, ys, ws)
    return {
        form
        for form in candidates
        if predict(beta, features(form, sources, heads)) > threshold
    }


def _sigmoid(z: float) -> float:
    """Return the logistic function of ``z`` without overflow."""
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix @ x = vector`` by Gaussian elimination with pivoting."""
    n = len(vector)
    a = [row[:] + [v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = a[r][col] / a[col][col]
            if f:
                for c in range(col, n + 1):
                    a[r][c] -= f * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) < 1e-12:
            continue
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x
