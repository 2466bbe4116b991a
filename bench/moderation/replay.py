"""Replay a source the model never trained on as a new site that learns.

Run: ``bench/moderation/replay.sh [--source parsoff|phate] [--data DIR]``
(``taskset -c 0`` inside: one core).

The prior is the shipped recipe trained on every other source (as in
``loso.py``). A fifth of the held-out source, drawn by CRC-32, is kept as a
fixed test set; the rest arrives as the site's traffic, in a seeded shuffle.
Each comment goes through :func:`engine.moderate` with the site's insult band
(:mod:`engine.band`: ``--share`` of the last 2,000 comments, chosen again
every 100 comments) and the site's model:

- held and rejected comments get their gold label as the moderator's decision;
- a ``--reports`` share of the published ones gets one too (readers' reports);
- every decision is scored by the model in force and by the site learner's
  shadow, then learned from (:class:`engine.learning.SiteLearner`, as
  ``moderation.learning`` does); every ``--learn-every`` decisions the shadow
  is reviewed and switched to only if it is not worse on the newest ones; the
  band's floor follows the decisions on held comments.

At 0, 500, 1,000, 2,000 and 4,000 decisions the model and band in force are
scored on the test set: F1 of the model at 0.5, F1 of the product (insult =
held or rejected), share held, insults published, clean rejected, and
comments rejected as not Persian. Decisions/s counts every comment moderated,
with the learning and band steps included.
"""

import argparse
import random
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

import loso  # noqa: E402

from khabar.moderation import engine  # noqa: E402
from khabar.moderation.engine import build  # noqa: E402
from khabar.moderation.engine.band import (  # noqa: E402
    Recent,
    floor_from_decisions,
    hold_threshold,
)
from khabar.moderation.engine.learning import SiteLearner  # noqa: E402
from khabar.moderation.engine.lexicon import default_lexicon  # noqa: E402

CHECKPOINTS = (0, 500, 1000, 2000, 4000)
TRAFFIC = 2000
BAND_EVERY = 100
REJECT = engine.DEFAULT_THRESHOLDS["insult"][1]
FLOOR = engine.DEFAULT_THRESHOLDS["insult"][0]


def train_prior(held: str, sources: dict, news: list[str]) -> Path:
    """Train the shipped recipe on every source but ``held``; return its file."""
    train = {name: rows for name, rows in sources.items() if name not in (held, "ud")}
    lexicon = default_lexicon()
    if hasattr(build, "fit_sources"):
        model = build.fit_sources(train, lexicon, news)
    else:
        rows = [row for name in loso.LABELLED if name in train for row in train[name]]
        model = build.fit(rows, lexicon, clean=news)
    path = Path(tempfile.mkdtemp()) / "prior.bin.gz"
    path.write_bytes(model.dumps())
    return path


class Site:
    """A new site: its band, its decisions and its learned model."""

    def __init__(self, share: float, learn_every: int) -> None:
        self.share, self.learn_every = share, learn_every
        self.hold = FLOOR
        self.recent: list[Recent] = []
        self.decisions = 0
        self.learner = SiteLearner()
        self.held_scores: list[tuple[float, int]] = []
        self.seen = 0
        self.tried = self.switched = 0

    def thresholds(self) -> dict:
        return {"insult": (self.hold, REJECT)}

    def moderate(self, text: str, label: int, reports: float, rng) -> None:
        """Moderate one arriving comment and take the decision it leads to."""
        verdict = engine.moderate(text, thresholds=self.thresholds())
        other = _other(verdict)
        self.recent.append(Recent(verdict.insult_score, other))
        self.seen += 1
        decided = verdict.decision != engine.PUBLISH or rng.random() < reports
        if decided:
            self.decisions += 1
            feats = engine.text_features(text)
            self.learner.observe(
                engine.prior_model(), engine.site_delta(), feats, label
            )
            if verdict.decision == engine.HOLD:
                self.held_scores.append((verdict.insult_score, label))
            if self.decisions % self.learn_every == 0:
                self.review()
        if self.seen % BAND_EVERY == 0:
            self.band()

    def band(self) -> None:
        floor = floor_from_decisions(
            self.held_scores[-TRAFFIC:], floor=FLOOR, reject=REJECT
        )
        chosen = hold_threshold(
            self.recent[-TRAFFIC:], share=self.share, floor=floor, reject=REJECT
        )
        self.hold = chosen.hold

    def review(self) -> None:
        review = self.learner.review(self.hold)
        if review is None:
            return
        self.tried += 1
        if review.accepted:
            self.switched += 1
            engine.use_delta(self.learner.delta())


def _other(verdict) -> str | None:
    """Tell whether a rule other than insult held or rejected the comment."""
    if verdict.decision == engine.REJECT and verdict.insult_score < REJECT:
        return "reject"
    others = any(finding.rule != "insult" for finding in verdict.findings)
    held_anyway = others or verdict.insult_score >= REJECT
    return "hold" if held_anyway and verdict.decision == engine.HOLD else None


def score(site: Site, test: list[tuple[str, int]]) -> dict[str, float]:
    """Score the model and band in force on the fixed test set."""
    model = engine.default_model()
    rows = []
    for text, label in test:
        verdict = engine.moderate(text, thresholds=site.thresholds())
        prob = model.probability(engine.text_features(text))
        rows.append((verdict, prob, label))
    insults = [r for r in rows if r[2] == 1]
    clean = [r for r in rows if r[2] == 0]
    return {
        "f1_model": _f1([(p >= 0.5, y) for _, p, y in rows]),
        "f1_product": _f1([(v.decision != engine.PUBLISH, y) for v, _, y in rows]),
        "held": _share(rows, lambda r: r[0].decision == engine.HOLD),
        "insults_published": _share(insults, lambda r: r[0].decision == engine.PUBLISH),
        "clean_rejected": _share(clean, lambda r: r[0].decision == engine.REJECT),
        "not_persian_rejected": _share(
            rows,
            lambda r: (
                r[0].decision == engine.REJECT
                and r[0].reason in {"not_persian", "finglish"}
            ),
        ),
        "hold_threshold": site.hold,
    }


def _f1(pairs) -> float:
    tp = sum(1 for called, y in pairs if called and y)
    called = sum(1 for c, _ in pairs if c)
    positives = sum(1 for _, y in pairs if y)
    return 2 * tp / (called + positives) if called + positives else 0.0


def _share(rows, test) -> float:
    return sum(1 for row in rows if test(row)) / len(rows) if rows else 0.0


def replay(source: str, args) -> list[dict]:
    """Replay one source; return the figures at every checkpoint reached."""
    sources = loso.load_sources(args.data)
    engine.use_model(train_prior(source, sources, build.news_sentences(args.data)))
    rows = [(t, y) for t, y in sources[source] if y in (0, 1)]
    test = [row for row in rows if zlib.crc32(row[0].encode()) % 5 == 0]
    traffic = [row for row in rows if zlib.crc32(row[0].encode()) % 5 != 0]
    rng = random.Random(args.seed)
    rng.shuffle(traffic)
    site = Site(args.share, args.learn_every)
    results, pending = [], list(CHECKPOINTS)
    busy = 0.0
    for text, label in traffic:
        while pending and site.decisions >= pending[0]:
            results.append({"decisions": pending.pop(0), "comments": site.seen,
                            **score(site, test)})  # fmt: skip
            print(_row(results[-1]), flush=True)  # noqa: T201
        started = time.perf_counter()
        site.moderate(text, label, args.reports, rng)
        busy += time.perf_counter() - started
    rate = site.seen / busy
    print(  # noqa: T201
        f"{source}: {site.seen} comments, {site.decisions} decisions, "
        f"{site.switched}/{site.tried} candidates switched to, "
        f"{rate:,.0f} comments moderated/s (learning and band included)"
    )
    return results


def _row(figs: dict) -> str:
    keys = ("decisions", "comments", "f1_model", "f1_product", "held",
            "insults_published", "clean_rejected", "not_persian_rejected",
            "hold_threshold")  # fmt: skip
    cells = [
        f"{figs[k]:.3f}" if isinstance(figs[k], float) else str(figs[k]) for k in keys
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--source", action="append", choices=loso.LABELLED)
    parser.add_argument("--share", type=float, default=0.15)
    parser.add_argument("--reports", type=float, default=0.25)
    parser.add_argument("--learn-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    for source in args.source or list(loso.LABELLED):
        print(f"\n### replay of {source} (prior trained without it)\n")  # noqa: T201
        print(
            "| decisions | comments | F1 model@.5 | F1 product | held | insults "  # noqa: T201
            "published | clean rejected | not-Persian rejected | hold from |"
        )
        print("|---|---|---|---|---|---|---|---|---|")  # noqa: T201
        replay(source, args)
        engine.use_shipped()
    return 0


if __name__ == "__main__":
    sys.exit(main())
