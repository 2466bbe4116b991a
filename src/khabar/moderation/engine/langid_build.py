"""Build the language n-gram tables from the lingua samples (build time only).

Even-numbered rows of each language and kind train; odd-numbered rows are held
out for the benchmark (:func:`held_out`). Persian also learns from Fars news
paragraphs and colloquial Pars-OFF training tweets, which are not part of the
langid benchmark.
"""

import gzip
import json
import math
from collections import Counter
from pathlib import Path

from khabar.moderation.engine import corpora
from khabar.moderation.engine.langid import LANGID_FILE, LANGS, arabic_words, grams

MIN_COUNT = 2
NEWS_PARAGRAPHS = 3000


def split_rows(source: Path) -> tuple[list[dict], list[dict]]:
    """Return (train, held-out) rows of the langid samples: even / odd rows."""
    rows = corpora.tsv_rows(source / "langid" / "langid_samples.tsv")
    seen: Counter = Counter()
    train, held = [], []
    for row in rows:
        group = (row["lang"], row["kind"])
        (train if seen[group] % 2 == 0 else held).append(row)
        seen[group] += 1
    return train, held


def held_out(source: Path) -> list[dict]:
    """Return the held-out langid rows the benchmark measures on."""
    return split_rows(source)[1]


def build(source: Path, out: Path) -> None:
    """Count n-grams per language, smooth to log-probabilities, write them."""
    train, _ = split_rows(source)
    counts = {lang: Counter() for lang in LANGS}
    for row in train:
        if row["lang"] in counts:
            for word in arabic_words(row["text"]):
                counts[row["lang"]].update(grams(word))
    news = corpora.news_paragraphs(source / "news" / "fars_news.jsonl", NEWS_PARAGRAPHS)
    tweets = corpora.parsoff(source / "offensive" / "parsoff_all.csv", "train")
    for text in [*news, *(tweet for tweet, _ in tweets)]:
        for word in arabic_words(text):
            counts["fa"].update(grams(word))
    model = {}
    for lang, counter in counts.items():
        total = sum(counter.values()) + len(counter)
        model[lang] = {
            gram: round(math.log((count + 1) / total), 3)
            for gram, count in counter.items()
            if count >= MIN_COUNT
        }
        model[lang]["<unk>"] = round(math.log(0.5 / total), 3)
    blob = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode()
    (out / LANGID_FILE).write_bytes(gzip.compress(blob, mtime=0))
    print(f"langid: {sum(len(t) for t in model.values())} n-grams")  # noqa: T201 - build report
