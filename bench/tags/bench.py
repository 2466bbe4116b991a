"""Tag suggestion precision@5 and recall@5 against Fars editors' tags.

Run: ``.venv/bin/python bench/tags/bench.py`` from the repository root.

The 671 Fars articles with editor tags are split in two by news code (odd /
even). Each half is scored with the *other* half's tags as the site's
existing vocabulary (a newsroom always has one), so no article's own tags
are ever handed to the suggester. A suggestion is right when its search key
equals the search key of one of the article's editor tags.
"""

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.test")

from khabar.search.tagging import tags_suggest  # noqa: E402
from khabar.text import search_key  # noqa: E402

DATA = REPO.parent / "shared/data/news/fars_news.jsonl"
K = 5


def load() -> list[dict]:
    with DATA.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines]
    return [a for a in articles if a.get("tags")]


def score(
    articles: list[dict], vocabulary: dict[int, str]
) -> tuple[float, float, int, int]:
    precision = recall = 0.0
    suggested_any = 0
    for article in articles:
        gold = {search_key(tag) for tag in article["tags"]}
        parts = {
            "title": article["title"],
            "lead": article.get("lead") or "",
            "body": article.get("body") or "",
        }
        top = [
            search_key(s.name)
            for s in tags_suggest(parts=parts, existing=vocabulary, limit=K)
        ]
        hits = len(set(top) & gold)
        if top:
            suggested_any += 1
            precision += hits / len(top)
        recall += hits / len(gold)
    return precision, recall, suggested_any, len(articles)


def main() -> int:
    articles = load()
    halves = [
        [a for a in articles if int(a["news_code"]) % 2 == side] for side in (0, 1)
    ]
    started = time.perf_counter()
    totals = [0.0, 0.0, 0, 0]
    for side in (0, 1):
        other = halves[1 - side]
        vocabulary = dict(enumerate(sorted({t for a in other for t in a["tags"]})))
        for index, value in enumerate(score(halves[side], vocabulary)):
            totals[index] += value
    precision_sum, recall_sum, suggested, count = totals
    seconds = time.perf_counter() - started
    print(
        f"articles with editor tags: {count}; with at least one suggestion: {suggested}"
    )
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| precision@{K} (articles with suggestions) | "
        f"{precision_sum / max(suggested, 1):.3f} |"
    )
    print(f"| precision@{K} (all articles, none = 0) | {precision_sum / count:.3f} |")
    print(f"| recall@{K} | {recall_sum / count:.3f} |")
    print(f"| time per article | {1000 * seconds / count:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
