"""Build the shipped lexicon, insult model and language tables from public data.

Usage: ``python -m khabar.moderation.engine.build [--data DIR] [--only PART]``.
``DIR`` is the shared data folder (``offensive/``, ``langid/``, ``news/``);
outputs go to this package's ``data/`` folder. :func:`retrain` is what
``khabar moderation train --data FILE.csv`` calls with a site's own history.
"""

import argparse
import gzip
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from khabar.moderation.engine import corpora, curate, langid_build
from khabar.moderation.engine.classifier import (
    LinearModel,
    blend,
    features,
    fit_platt,
    naive_bayes,
    prune,
    train,
)
from khabar.moderation.engine.insult_model import MODEL_FILE
from khabar.moderation.engine.lexicon import LEXICON_FILE, Lexicon, default_lexicon
from khabar.moderation.engine.tokens import tokenize

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_SOURCE = Path("/work/shared/data")
KEEP_WEIGHTS = 150_000
NEWS_SENTENCES = 4000
NB_SHARE = 0.1  # weight of the naive Bayes log-ratios added to the LR weights
WORD_LISTS = {
    "amirshnll": "wordlist_amirshnll_swear_words.txt",
    "shekar": "wordlist_shekar_offensive_words.txt",
    "guard": "wordlist_persian_text_guard_fa.tsv",
}


def build_lexicon(source: Path, out: Path) -> int:
    """Curate the insult lexicon and write it; return the entry count."""
    offensive = source / "offensive"
    lists = {
        name: corpora.word_list(offensive / file) for name, file in WORD_LISTS.items()
    }
    guard = corpora.tsv_rows(offensive / WORD_LISTS["guard"])
    mild = {row["term"] for row in guard if row["category"] == "mild"}
    terms = curate.candidates(lists, mild)
    news = corpora.news_paragraphs(source / "news" / "fars_news.jsonl")
    tweets = corpora.parsoff(offensive / "parsoff_all.csv", "train")
    kept, report = curate.curate(terms, news, tweets)
    dropped = sorted(term for term in terms if term not in dict(kept))
    print(f"lexicon: {len(kept)} kept, {len(dropped)} dropped: {' '.join(dropped)}")  # noqa: T201 - build report
    lines = "".join(f"{term}\t{weight}\n" for term, weight in kept)
    (out / LEXICON_FILE).write_bytes(gzip.compress(lines.encode(), mtime=0))
    return len(kept)


def featurize(rows: Sequence[tuple[str, int]], lexicon: Lexicon) -> list:
    """Turn ``(text, label)`` rows into ``(features, label)`` pairs."""
    docs = []
    for text, label in rows:
        tokens = tokenize(text)
        hits = lexicon.match_tokens(text, tokens)
        weight = max((hit.weight for hit in hits), default=0.0)
        docs.append((features(tokens, weight), label))
    return docs


def fit(
    rows: Sequence[tuple[str, int]],
    lexicon: Lexicon,
    epochs: int = 12,
    clean: Sequence[str] = (),
) -> LinearModel:
    """Train on 90 % of ``rows``, calibrate on the rest, return the model.

    ``clean`` texts (news sentences) only train, as extra clean examples, so
    formal prose does not look offensive; calibration stays on comment-like
    rows. (Retraining on all rows with the same calibration was tried and was
    no better.)
    """
    held = [row for row in rows if zlib.crc32(row[0].encode()) % 10 == 0]
    used = [row for row in rows if zlib.crc32(row[0].encode()) % 10 != 0]
    docs = featurize([*used, *((text, 0) for text in clean)], lexicon)
    model = blend(train(docs, epochs=epochs, rate=0.05), naive_bayes(docs), NB_SHARE)
    model = prune(model, KEEP_WEIGHTS)
    val = featurize(held, lexicon)
    if val and 0 < sum(label for _, label in val) < len(val):
        margins = [model.margin(feats) for feats, _ in val]
        model.platt = fit_platt(margins, [label for _, label in val])
    return model


def build_model(source: Path, out: Path) -> None:
    """Train the insult model on Pars-OFF train + PHATE train/val and write it."""
    offensive = source / "offensive"
    rows = corpora.parsoff(offensive / "parsoff_all.csv", "train")
    rows += corpora.phate(offensive / "phate_train.csv")
    rows += corpora.phate(offensive / "phate_val.csv")
    model = fit(rows, default_lexicon(), clean=news_sentences(source))
    blob = model.dumps()
    (out / MODEL_FILE).write_bytes(blob)
    print(f"model: {len(model.weights)} weights, {len(blob) // 1024} KiB")  # noqa: T201 - build report


def news_sentences(source: Path, limit: int = NEWS_SENTENCES) -> list[str]:
    """Return short sentences of Fars news paragraphs, as clean examples."""
    sentences = []
    for paragraph in corpora.news_paragraphs(source / "news" / "fars_news.jsonl"):
        for sentence in paragraph.split("."):
            if 20 <= len(sentence) <= 280:
                sentences.append(sentence.strip())
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def retrain(csv_path: Path, out: Path, *, epochs: int = 12) -> dict[str, int]:
    """Retrain the insult model from a site's labelled CSV and write it to ``out``.

    The CSV has columns ``text,label`` (label 1/0 or OFF/NOT). Load the result
    with :func:`khabar.moderation.engine.use_model`.
    """
    rows = corpora.labelled_csv(Path(csv_path))
    positives = sum(label for _, label in rows)
    if not positives or positives == len(rows):
        raise ValueError("need both offensive and clean rows to train")
    model = fit(rows, default_lexicon(), epochs=epochs)
    Path(out).write_bytes(model.dumps())
    return {"rows": len(rows), "offensive": positives, "weights": len(model.weights)}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--only", choices=("lexicon", "model", "langid"))
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the chosen parts (all by default); return the exit status."""
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "lexicon"):
        build_lexicon(args.data, args.out)
        default_lexicon.cache_clear()
    if args.only in (None, "model"):
        build_model(args.data, args.out)
    if args.only in (None, "langid"):
        langid_build.build(args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
