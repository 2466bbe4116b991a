"""Leave-one-source-out figures of the insult model: does it hold on a new source?

Run: ``bench/moderation/loso.sh [--recipe NAME ...] [--data DIR] [--save FILE]``.

Sources (all read by path from the shared data folder, never copied):

- ``parsoff``: every Pars-OFF row, label ``level_a`` (OFF = 1);
- ``phate``: PHATE train + val + test, label ``HateSpeech``;
- ``armanemo``: real comments labelled with emotions, not insults. OTHER,
  HAPPY, SURPRISE, SAD and FEAR are clean (0); HATE and ANGRY are unknown
  (-1): never trained on, and only reported as the share flagged;
- ``ud``: UD PerDT dev + test sentences, clean formal prose (evaluation only);
- Fars news sentences (:func:`build.news_sentences`) are clean training text
  for every fold, never evaluated.

For each held-out source the recipe trains on all the other sources and
scores the held-out one. Reported, on the model's calibrated probability:
F1 / precision / recall at 0.5, PR-AUC and the best-threshold F1 (a ranking
figure only: that threshold is chosen on the test rows). Product figures use
the insult rule's score (``1 - (1 - lexicon) * (1 - probability)``, as
``rules.check_insult``) with the product's hold band
(:func:`band.hold_threshold`: the top 15 % of the held-out source's own,
unlabelled score distribution, floor 0) and a reject threshold chosen on the
training sources only: the lowest score at which at most 0.5 % of each
training source's clean calibration rows (the CRC-32 tenth that never
trains) would be rejected. The headline is the worst held-out source.
"""

import argparse
import csv
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from khabar.moderation.engine import build, corpora  # noqa: E402
from khabar.moderation.engine.band import Recent, hold_threshold  # noqa: E402
from khabar.moderation.engine.learning import average_precision  # noqa: E402
from khabar.moderation.engine.lexicon import default_lexicon  # noqa: E402
from khabar.moderation.engine.tokens import tokenize  # noqa: E402

HOLD_SHARE = 0.15
REJECT_CLEAN = 0.005  # at most this share of a training source's clean rows rejected
LABELLED = ("parsoff", "phate")
CLEAN_EMOTIONS = {"OTHER", "HAPPY", "SURPRISE", "SAD", "FEAR"}
UNKNOWN_EMOTIONS = {"HATE", "ANGRY"}
Rows = list[tuple[str, int]]


def load_sources(data: Path) -> dict[str, Rows]:
    """Return every source's ``(text, label)`` rows; label -1 means unknown."""
    off = data / "offensive"
    sources = {
        "parsoff": _parsoff_all(off / "parsoff_all.csv"),
        "phate": [
            row
            for part in ("train", "val", "test")
            for row in corpora.phate(off / f"phate_{part}.csv")
        ],
        "armanemo": _armanemo(data / "comments" / "armanemo.csv"),
        "ud": _ud(data / "zwnj"),
    }
    return sources


def _parsoff_all(path: Path) -> Rows:
    """Return all Pars-OFF rows, both official splits."""
    return corpora.parsoff(path, "train") + corpora.parsoff(path, "test")


def _armanemo(path: Path) -> Rows:
    """Return ArmanEmo comments: clean emotions 0, HATE/ANGRY -1 (unknown)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["emotion"] in CLEAN_EMOTIONS:
                rows.append((row["text"], 0))
            elif row["emotion"] in UNKNOWN_EMOTIONS:
                rows.append((row["text"], -1))
    return rows


def _ud(folder: Path) -> Rows:
    """Return the UD PerDT dev and test sentences as clean rows."""
    rows = []
    for name in ("ud_perdt_dev.tsv", "ud_perdt_test.tsv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows += [(row["text"], 0) for row in reader]
    return rows


@dataclass
class Scorer:
    """A trained fold: probability of a text, and the lexicon verdict."""

    probability: Callable[[str], float]

    def scores(self, texts: Sequence[str]) -> tuple[list[float], list[float]]:
        """Return (model probabilities, insult rule scores) of ``texts``."""
        lexicon = default_lexicon()
        probs, rule = [], []
        for text in texts:
            tokens = tokenize(text)
            hits = lexicon.match_tokens(text, tokens)
            weight = max((hit.weight for hit in hits), default=0.0)
            prob = self.probability(text) if tokens else 0.0
            probs.append(prob)
            rule.append(1.0 - (1.0 - weight) * (1.0 - prob))
        return probs, rule


# --- recipes: training sources -> Scorer -------------------------------------


def engine_recipe(train: dict[str, Rows], news: list[str]) -> Scorer:
    """The shipped recipe (``build.fit_sources`` if present, else the old ``fit``)."""
    lexicon = default_lexicon()
    if hasattr(build, "fit_sources"):
        model = build.fit_sources(train, lexicon, news)
        featurize = build.text_features
    else:  # the recipe before issue 20: labelled rows + news, no source weights
        from khabar.moderation.engine.classifier import features

        rows = [row for name in LABELLED if name in train for row in train[name]]
        model = build.fit(rows, lexicon, clean=news)

        def featurize(text: str, lex=lexicon) -> list[int]:
            tokens = tokenize(text)
            hits = lex.match_tokens(text, tokens)
            return features(tokens, max((h.weight for h in hits), default=0.0))

    return Scorer(lambda text: model.probability(featurize(text)))


def baseline_recipe(train: dict[str, Rows], news: list[str]) -> Scorer:
    """The shipped recipe restricted to what it trained on before (no ArmanEmo)."""
    return engine_recipe({k: v for k, v in train.items() if k in LABELLED}, news)


RECIPES: dict[str, Callable[[dict[str, Rows], list[str]], Scorer]] = {
    "engine": engine_recipe,
    "baseline": baseline_recipe,
}


# --- figures -------------------------------------------------------------------


def reject_threshold(scorer: Scorer, train: dict[str, Rows]) -> float:
    """Lowest score rejecting <= 0.5 % of each training source's clean held-out rows."""
    threshold = 0.0
    for rows in train.values():
        clean = [text for text, label in rows if label == 0 and build.held_out(text)]
        if not clean:
            continue
        _, rule = scorer.scores(clean)
        ranked = sorted(rule, reverse=True)
        allowed = int(REJECT_CLEAN * len(ranked))  # rows that may lie at or above
        threshold = max(
            threshold, ranked[allowed] + 1e-6 if allowed < len(ranked) else 0
        )
    return min(threshold, 1.0 + 1e-6)


def prf(probs: Sequence[float], labels: Sequence[int], cut: float) -> tuple[float, ...]:
    """Return (precision, recall, F1) of ``prob >= cut``."""
    tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= cut and y)
    fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= cut and not y)
    fn = sum(labels) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_f1(probs: Sequence[float], labels: Sequence[int]) -> float:
    """Return the best F1 over all thresholds (ranking quality only)."""
    pairs = sorted(zip(probs, labels, strict=True), key=lambda pair: -pair[0])
    positives = sum(labels)
    tp = best = 0.0
    for rank, (_, label) in enumerate(pairs, start=1):
        tp += label
        best = max(best, 2 * tp / (rank + positives))
    return best


def figures(scorer: Scorer, rows: Rows, reject: float) -> dict[str, float]:
    """Return every figure of one held-out source."""
    texts = [text for text, _ in rows]
    labels = [label for _, label in rows]
    probs, rule = scorer.scores(texts)
    band = hold_threshold(
        [Recent(score) for score in rule], share=HOLD_SHARE, floor=0.0, reject=reject
    )
    out = {"rows": len(rows), "reject": reject, "hold": band.hold}
    verdict = [
        "reject" if s >= reject else "hold" if s >= band.hold else "publish"
        for s in rule
    ]
    out["held"] = _share(verdict, labels, "hold", {0, 1, -1})
    out["rejected"] = _share(verdict, labels, "reject", {0, 1, -1})
    out["clean_held"] = _share(verdict, labels, "hold", {0})
    out["clean_rejected"] = _share(verdict, labels, "reject", {0})
    out["clean_at_half"] = _share([p >= 0.5 for p in probs], labels, True, {0})
    if any(label == 1 for label in labels):
        out["insults_published"] = _share(verdict, labels, "publish", {1})
        precision, recall, f1 = prf(probs, labels, 0.5)
        out |= {"precision": precision, "recall": recall, "f1": f1}
        out["pr_auc"] = average_precision(probs, labels)
        out["best_f1"] = best_f1(probs, labels)
    if any(label == -1 for label in labels):
        out["unknown_flagged"] = _share(
            [v != "publish" for v in verdict], labels, True, {-1}
        )
    out["median_score"] = sorted(rule)[len(rule) // 2]
    out["p85_score"] = sorted(rule)[int(0.85 * len(rule))]
    return out


def _share(verdict: Sequence, labels: Sequence[int], value, among: set[int]) -> float:
    """Return the share of rows with a label in ``among`` whose verdict is ``value``."""
    chosen = [v for v, y in zip(verdict, labels, strict=True) if y in among]
    return sum(1 for v in chosen if v == value) / len(chosen) if chosen else math.nan


def run(recipe: str, sources: dict[str, Rows], news: list[str]) -> dict[str, dict]:
    """Train and score every fold of one recipe; return figures by held-out source."""
    results = {}
    for held in sources:
        train = {
            name: rows for name, rows in sources.items() if name not in (held, "ud")
        }
        started = time.monotonic()
        scorer = RECIPES[recipe](train, news)
        reject = reject_threshold(scorer, train)
        results[held] = figures(scorer, sources[held], reject)
        results[held]["seconds"] = round(time.monotonic() - started, 1)
        print(f"  {recipe} / {held}: {_line(results[held])}", flush=True)  # noqa: T201
    return results


COLUMNS = (
    ("f1", "F1@.5"), ("precision", "P"), ("recall", "R"), ("pr_auc", "PR-AUC"),
    ("best_f1", "bestF1"), ("held", "held"), ("insults_published", "ins.pub"),
    ("clean_rejected", "cln.rej"), ("clean_held", "cln.held"),
    ("clean_at_half", "cln>=.5"), ("unknown_flagged", "H/A flag"),
    ("reject", "rej.thr"), ("hold", "hold.thr"), ("median_score", "median"),
)  # fmt: skip


def _line(figs: dict[str, float]) -> str:
    """Format one fold's figures on one line."""
    parts = []
    for key, title in COLUMNS:
        value = figs.get(key)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            parts.append(f"{title} {value:.3f}")
    return ", ".join(parts)


def table(name: str, results: dict[str, dict]) -> str:
    """Return a Markdown table of one recipe's folds plus the worst labelled source."""
    head = "| held out | " + " | ".join(title for _, title in COLUMNS) + " |"
    lines = [f"### {name}", "", head, "|" + "---|" * (len(COLUMNS) + 1)]
    for held, figs in results.items():
        cells = []
        for key, _ in COLUMNS:
            value = figs.get(key)
            ok = value is not None and not (
                isinstance(value, float) and math.isnan(value)
            )
            cells.append(f"{value:.3f}" if ok else "")
        lines.append(f"| {held} | " + " | ".join(cells) + " |")
    labelled = [results[name] for name in LABELLED if name in results]
    if labelled:
        worst = min(labelled, key=lambda figs: figs["f1"])
        published = max(f["insults_published"] for f in labelled)
        rejected = max(f["clean_rejected"] for f in results.values())
        lines.append(
            f"\nworst labelled source F1@.5 {worst['f1']:.3f}, "
            f"worst PR-AUC {min(f['pr_auc'] for f in labelled):.3f}, "
            f"max insults published {published:.3f}, max clean rejected {rejected:.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    """Run the chosen recipes and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--recipe", action="append", choices=sorted(RECIPES))
    parser.add_argument("--save", type=Path, help="write the figures as JSON")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a constant of build.py for a trial (e.g. NB_SHARE=0)",
    )
    args = parser.parse_args()
    for setting in args.set:
        name, _, value = setting.partition("=")
        setattr(build, name, type(getattr(build, name))(value))
    sources = load_sources(args.data)
    news = build.news_sentences(args.data)
    everything = {}
    for recipe in args.recipe or ["engine"]:
        everything[recipe] = results = run(recipe, sources, news)
        print(table(recipe, results), flush=True)  # noqa: T201
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(everything, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
