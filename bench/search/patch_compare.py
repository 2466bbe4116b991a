"""Compare today's backend ``search`` with the patch proposed in docs/search.md.

Run against a database kept by ``bench/search/run.sh --keep`` (same
environment: ``KHABAR_VAR_DIR`` or ``DATABASE_URL``). It times the same 200
queries with ``search_articles`` twice, the current code and the proposed
code (installed by monkeypatching the backend module, nothing under src/ is
changed), alternating query by query. It also reports how many first pages
differ between the two.

Usage (SQLite; set ``DATABASE_URL`` for PostgreSQL)::

    KHABAR_VAR_DIR=/tmp/khabar-bench-sqlite-… \\
        .venv/bin/python bench/search/patch_compare.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")
import django  # noqa: E402

django.setup()

from corpus import latency_queries, load_fars  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from khabar.search.backends import Filters, backend  # noqa: E402
from khabar.search.selectors import search_articles  # noqa: E402

settings.DEBUG = False
FARS = Path(__file__).resolve().parents[3] / "shared/data/news/fars_news.jsonl"
# SQLite: the best CANDIDATES by bm25 are re-ranked with recency. Recency
# multiplies a score by at most 1.5, so only an article whose text score is
# within 1.5x of the 500th best can be missed. PostgreSQL: the newest
# CANDIDATES matches are ranked (the others are older, so their recency
# factor is lower, but their text score may be higher).
CANDIDATES = 500
# PostgreSQL: a seq scan must detoast every tsvector to test @@ (1.4 s for a
# query that matches 70 % of 100 k articles), so the count stops here.
COUNT_CAP = 1000


def sqlite_search(groups, *, match_all, filters, limit, offset, **options):
    """Proposed: count in FTS5 alone; re-rank the best CANDIDATES by recency."""
    from khabar.search.backends import sqlite as current

    where, params = filters.sql()
    if where or options:  # filters need the documents table: unchanged
        return ORIGINAL(
            groups,
            match_all=match_all,
            filters=filters,
            limit=limit,
            offset=offset,
            **options,
        )
    table, match = current.TABLE, current.match_expression(groups, match_all)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH %s", [match])  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            "WITH hits AS (SELECT rowid AS id, "  # noqa: S608
            f"bm25({table}, {current.WEIGHTS}) AS score "
            f"FROM {table} WHERE {table} MATCH %s ORDER BY score LIMIT %s) "
            "SELECT d.article_id FROM hits "
            "JOIN search_searchdocument d ON d.article_id = hits.id "
            f"ORDER BY hits.score * {current.RECENCY} LIMIT %s OFFSET %s",
            [match, max(CANDIDATES, offset + limit), limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def postgres_search(groups, *, match_all, filters, limit, offset, **options):
    """Proposed: a capped count; rank only the newest CANDIDATES matches."""
    from khabar.search.backends import postgres as current

    where, params = filters.sql()
    query = current.query_expression(groups, match_all)
    base = (
        "FROM search_searchdocument d "
        f"WHERE d.document @@ to_tsquery('simple', %s){where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(  # a count that stops at COUNT_CAP ("1,000+ results")
            f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) t",  # noqa: S608
            [query, *params, COUNT_CAP],
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT d.article_id FROM ("  # noqa: S608
            f"SELECT d.article_id, d.document, d.published_at {base} "
            "ORDER BY d.published_at DESC LIMIT %s) d, to_tsquery('simple', %s) q "
            f"ORDER BY ts_rank_cd(d.document, q) * {current.RECENCY} DESC, "
            "d.published_at DESC "
            "LIMIT %s OFFSET %s",
            [query, *params, max(CANDIDATES, offset + limit), query, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def main() -> None:
    module = backend()
    global ORIGINAL
    ORIGINAL = module.search
    proposed = sqlite_search if connection.vendor == "sqlite" else postgres_search
    queries = latency_queries(load_fars(FARS), [], 200, seed=100000)
    times = {"current": [], "proposed": []}
    differ = 0
    overlap = []
    for _, query in queries[:20]:
        search_articles(query=query, filters=Filters())
    for _, query in queries:
        pages = {}
        for name, function in (("current", ORIGINAL), ("proposed", proposed)):
            module.search = function
            t0 = time.perf_counter()
            result = search_articles(query=query, filters=Filters())
            times[name].append((time.perf_counter() - t0) * 1000)
            pages[name] = ([a.pk for a in result.articles], result.total)
        module.search = ORIGINAL
        differ += pages["current"] != pages["proposed"]
        overlap.append(
            len(set(pages["current"][0]) & set(pages["proposed"][0]))
            / max(1, len(pages["current"][0]))
        )
    for name, values in times.items():
        values.sort()
        print(
            f"{connection.vendor} {name:9} p50 {statistics.median(values):6.1f} ms  "
            f"p95 {values[int(0.95 * len(values)) - 1]:6.1f} ms  "
            f"max {values[-1]:6.0f} ms"
        )
    print(
        f"first pages or totals that differ: {differ}/{len(queries)}; "
        f"mean overlap of the first pages: {statistics.mean(overlap):.3f}"
    )


ORIGINAL = None

if __name__ == "__main__":
    main()
