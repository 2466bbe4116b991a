"""How far a bag-of-n-grams model gets on Pars-OFF: a grid of scikit-learn models.

Run: ``bench/moderation/ceiling.sh`` (sets up ``bench/moderation/.venv-ceiling``
with scikit-learn; a few minutes on one core).

Every model trains on exactly what the shipped insult model trains on
(:mod:`khabar.moderation.engine.build`: Pars-OFF train and PHATE train less
the CRC-32 tenth, plus the Fars news sentences), on the engine's folded word
keys, with or without the lexicon's verdict as a feature. Each is scored on
the validation rows the build holds out (Pars-OFF train's CRC-32 tenth) and on
Pars-OFF test, at probability 0.5, and by the number of clean UD PerDT
sentences it scores 0.5 or more (false alarms on formal prose). The model
with the best validation F1 is marked; its test F1 is what a stronger linear
model than the shipped one would bring. Nothing here ships.
"""

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.neural_network import MLPClassifier

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from khabar.moderation.engine import corpora  # noqa: E402
from khabar.moderation.engine.build import held_out, news_sentences  # noqa: E402
from khabar.moderation.engine.lexicon import default_lexicon  # noqa: E402
from khabar.moderation.engine.tokens import tokenize  # noqa: E402

CHARS = {
    "char 1-5": {"analyzer": "char_wb", "ngram_range": (1, 5)},
    "char 2-4": {"analyzer": "char_wb", "ngram_range": (2, 4)},
}
WORDS = {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"\S+"}
# The MLP reads the 150,000 most frequent character n-grams and 50,000 words
# or word pairs: with every n-gram its first layer would not fit in minutes.
MLP_FEATURES = (150_000, 50_000)


def prepared(rows):
    """Return the folded keys, lexicon verdicts and labels of ``(text, label)`` rows."""
    lexicon = default_lexicon()
    keys, verdicts, labels = [], [], []
    for text, label in rows:
        tokens = tokenize(text)
        hits = lexicon.match_tokens(text, tokens)
        keys.append(" ".join(token.key for token in tokens))
        verdicts.append(max((hit.weight for hit in hits), default=0.0))
        labels.append(label)
    return keys, np.array(verdicts), np.array(labels)


def ud_sentences(folder: Path) -> list[tuple[str, int]]:
    """Return the UD PerDT dev and test sentences as clean rows."""
    rows = []
    for name in ("ud_perdt_dev.tsv", "ud_perdt_test.tsv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows += [(row["text"], 0) for row in reader]
    return rows


def load(data: Path) -> dict:
    """Return the training, validation, test and clean-prose sets."""
    offensive = data / "offensive"
    parsoff = corpora.parsoff(offensive / "parsoff_all.csv", "train")
    rows = parsoff + corpora.phate(offensive / "phate_train.csv")
    training = [row for row in rows if not held_out(row[0])]
    training += [(text, 0) for text in news_sentences(data)]
    return {
        "train": prepared(training),
        "val": prepared([row for row in parsoff if held_out(row[0])]),
        "test": prepared(corpora.parsoff(offensive / "parsoff_all.csv", "test")),
        "ud": prepared(ud_sentences(data / "zwnj")),
    }


def scored(model, vectorizers, use_lexicon: bool, part) -> np.ndarray:
    """Return the model's probabilities for one prepared set."""
    keys, verdicts, _ = part
    columns = [vectorizer.transform(keys) for vectorizer in vectorizers]
    columns.append(csr_matrix(verdicts.reshape(-1, 1) * use_lexicon))
    return model.predict_proba(hstack(columns).tocsr())[:, 1]


def grid():
    """Yield (name, chars, use_lexicon, estimator) for every model tried."""
    for chars in CHARS:
        for use_lexicon in (False, True):
            for c in (3, 10, 30):
                for weight in (None, "balanced"):
                    name = f"LR {chars}, C={c}, {weight or 'unweighted'}"
                    estimator = LogisticRegression(
                        C=c, max_iter=3000, class_weight=weight
                    )
                    yield name, chars, use_lexicon, estimator
    yield (
        "MLP, 64 hidden",
        "char 1-5 (top)",
        True,
        MLPClassifier(
            hidden_layer_sizes=(64,), max_iter=30, early_stopping=True, random_state=0
        ),
    )


def vectorizers_for(chars: str) -> list[TfidfVectorizer]:
    """Return the character and word vectorizers of one grid row (unfitted)."""
    if chars.endswith("(top)"):
        most_chars, most_words = MLP_FEATURES
        return [
            TfidfVectorizer(
                **CHARS[chars.removesuffix(" (top)")],
                min_df=3,
                sublinear_tf=True,
                max_features=most_chars,
            ),
            TfidfVectorizer(
                **WORDS, min_df=2, sublinear_tf=True, max_features=most_words
            ),
        ]
    return [
        TfidfVectorizer(**CHARS[chars], min_df=2, sublinear_tf=True),
        TfidfVectorizer(**WORDS, min_df=1, sublinear_tf=True),
    ]


def f1_at_half(probabilities: np.ndarray, labels: np.ndarray) -> str:
    """Format precision / recall / F1 at probability 0.5."""
    p, r, f, _ = precision_recall_fscore_support(
        labels, probabilities >= 0.5, average="binary", zero_division=0
    )
    return f"{p:.3f} / {r:.3f} / {f:.3f}", f


def main(argv=None) -> int:
    """Print one Markdown table row per model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data")
    parser.add_argument("--only", default="", help="only models whose name starts so")
    args = parser.parse_args(argv)
    sets = load(args.data)
    keys, verdicts, labels = sets["train"]
    fitted = {}
    print(
        "| model | lexicon feature | val P / R / F1 | test P / R / F1 "
        "| UD sentences ≥ 0.5 |"
    )
    print("|---|---|---|---|---|")
    best = (-1.0, "", "")
    for name, chars, use_lexicon, estimator in grid():
        if not name.startswith(args.only):
            continue
        if chars not in fitted:
            fitted[chars] = [v.fit(keys) for v in vectorizers_for(chars)]
        vectorizers = fitted[chars]
        columns = [v.transform(keys) for v in vectorizers]
        columns.append(csr_matrix(verdicts.reshape(-1, 1) * use_lexicon))
        estimator.fit(hstack(columns).tocsr(), labels)
        val, val_f1 = f1_at_half(
            scored(estimator, vectorizers, use_lexicon, sets["val"]), sets["val"][2]
        )
        test, _ = f1_at_half(
            scored(estimator, vectorizers, use_lexicon, sets["test"]), sets["test"][2]
        )
        alarms = int(
            (scored(estimator, vectorizers, use_lexicon, sets["ud"]) >= 0.5).sum()
        )
        lexicon = "yes" if use_lexicon else "no"
        print(f"| {name} | {lexicon} | {val} | {test} | {alarms} |", flush=True)
        if val_f1 > best[0]:
            best = (val_f1, name + (" + lexicon" if use_lexicon else ""), test)
    print(f"\nbest on validation: {best[1]} (val F1 {best[0]:.3f}); test {best[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
