"""Tag suggestion precision and recall against Fars editors' tags.

Run: ``.venv/bin/python bench/tags/bench.py`` from the repository root.

The 671 Fars articles with editor tags are split in two by news code (odd /
even). Each half is scored with the *other* half as the site's history: its
tags are the existing vocabulary (a newsroom always has one) and, for the
learned suggester, its tagged articles are what the model is fitted on. No
article's own tags are ever handed to the suggester. A suggestion is right
when its search key equals the search key of one of the article's editor tags.

Measures, per article, then averaged:

* ``P@5``: hits among the first five suggestions / 5 (fewer suggestions
  count as misses);
* precision over returned: hits / suggestions returned, over the articles
  with at least one suggestion (and over all articles, none = 0);
* ``R@5``: hits among the first five / the article's distinct editor tags.

Rows: the name finder without a model; the learned ranker's top five; the
learned ranker returning only suggestions it gives at least 0.3 and 0.5 (at
most five) — the setting for "fewer, surer" suggestions. Two ceilings follow:
a perfect ranker of the learned ranker's candidates (every phrase it
considers, ordered with the editor tags first), and a suggester that knows
every editor tag; both still divide by five.
"""

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.test")

from khabar.search.tagging import tags_model_train, tags_suggest  # noqa: E402
from khabar.text import search_key  # noqa: E402

DATA = REPO.parent / "shared/data/news/fars_news.jsonl"
K = 5
SETTINGS = (
    ("names found in the text, no model", False, 0.0),
    ("learned ranker, top 5", True, 0.0),
    ("learned ranker, chance ≥ 0.3", True, 0.3),
    ("learned ranker, chance ≥ 0.5", True, 0.5),
)


def load() -> list[dict]:
    with DATA.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines]
    return [a for a in articles if a.get("tags")]


def parts_of(article: dict) -> dict[str, str]:
    return {
        "title": article["title"],
        "lead": article.get("lead") or "",
        "body": article.get("body") or "",
    }


def score(articles: list[dict], vocabulary: dict[int, str], model, min_score: float):
    totals = {"p5": 0.0, "returned_precision": 0.0, "recall": 0.0}
    totals |= {"with": 0, "returned": 0, "count": 0}
    for article in articles:
        gold = {search_key(tag) for tag in article["tags"]}
        found = tags_suggest(
            parts=parts_of(article),
            existing=vocabulary,
            limit=K,
            model=model,
            min_score=min_score,
        )
        top = [search_key(s.name) for s in found]
        hits = len(set(top) & gold)
        totals["count"] += 1
        totals["p5"] += hits / K
        totals["recall"] += hits / len(gold)
        totals["returned"] += len(top)
        if top:
            totals["with"] += 1
            totals["returned_precision"] += hits / len(top)
    return totals


def ceilings(articles: list[dict], vocabulary: dict[int, str], model):
    """Return the best P@5 and R@5 sums over the candidates, and over all tags."""
    totals = dict.fromkeys(
        ("candidates_p5", "candidates_recall", "all_p5", "all_recall"), 0.0
    )
    for article in articles:
        gold = {search_key(tag) for tag in article["tags"]}
        every = tags_suggest(
            parts=parts_of(article), existing=vocabulary, limit=10**6, model=model
        )
        findable = len(gold & {search_key(s.name) for s in every})
        totals["candidates_p5"] += min(K, findable) / K
        totals["candidates_recall"] += min(K, findable) / len(gold)
        totals["all_p5"] += min(K, len(gold)) / K
        totals["all_recall"] += min(K, len(gold)) / len(gold)
    return totals


def main() -> int:
    articles = load()
    halves = [
        [a for a in articles if int(a["news_code"]) % 2 == side] for side in (0, 1)
    ]
    started = time.perf_counter()
    models, vocabularies = [], []
    for side in (0, 1):
        other = halves[1 - side]
        vocabularies.append(
            dict(enumerate(sorted({t for a in other for t in a["tags"]})))
        )
        models.append(tags_model_train((parts_of(a), a["tags"]) for a in other))
    fit_seconds = time.perf_counter() - started
    print(
        f"articles with editor tags: {len(articles)}; "
        f"fitting both models: {fit_seconds:.1f} s"
    )
    print()
    print(
        f"| suggester | P@{K} | precision over returned (with / all) "
        f"| mean returned | R@{K} | ms per article |"
    )
    print("|---|---|---|---|---|---|")
    for label, learned, min_score in SETTINGS:
        started = time.perf_counter()
        total: dict[str, float] = {}
        for side in (0, 1):
            model = models[side] if learned else None
            part = score(halves[side], vocabularies[side], model, min_score)
            for key, value in part.items():
                total[key] = total.get(key, 0) + value
        seconds = time.perf_counter() - started
        count = total["count"]
        print(
            f"| {label} | {total['p5'] / count:.3f} "
            f"| {total['returned_precision'] / max(total['with'], 1):.3f} / "
            f"{total['returned_precision'] / count:.3f} "
            f"| {total['returned'] / count:.2f} "
            f"| {total['recall'] / count:.3f} "
            f"| {1000 * seconds / count:.1f} |"
        )
    best: dict[str, float] = {}
    for side in (0, 1):
        part = ceilings(halves[side], vocabularies[side], models[side])
        for key, value in part.items():
            best[key] = best.get(key, 0) + value
    count = len(articles)
    print(
        f"| ceiling: the candidates, perfectly ranked | "
        f"{best['candidates_p5'] / count:.3f} | | | "
        f"{best['candidates_recall'] / count:.3f} | |"
    )
    print(
        f"| ceiling: every editor tag | {best['all_p5'] / count:.3f} | | | "
        f"{best['all_recall'] / count:.3f} | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
