"""Time what makes big-database pages slow, next to the proposed replacements.

Run with the bench settings against the big database (read-only)::

    proposals.py

Each finding prints the current cost (the app's own call, timed, with its
query count) and the proposed query's cost (EXPLAIN ANALYZE). Nothing here
changes the app; docs/scale.md discusses the trade-offs.
"""

import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pages import FIRST_CODE, SEARCH_WORD, SERVICE_SLUG, deep_article  # noqa: E402

from khabar.newsroom import selectors  # noqa: E402
from khabar.newsroom.models import ArticlePage, ServicePage  # noqa: E402
from khabar.search.backends import Filters  # noqa: E402
from khabar.search.backends.postgres import RECENCY  # noqa: E402
from khabar.search.documents import query_terms  # noqa: E402
from khabar.search.related import related_suggest  # noqa: E402
from khabar.search.selectors import search_articles  # noqa: E402
from khabar.site.sitemaps import ArticleSitemap  # noqa: E402

CANDIDATES = 1000


def timed(label: str, call) -> object:
    with CaptureQueriesContext(connection) as captured:
        began = time.monotonic()
        result = call()
        took = 1000 * (time.monotonic() - began)
    print(f"  now:      {label}: {took:.0f} ms, {len(captured)} queries")
    return result


def explain(label: str, sql: str, params, kind: str = "proposed") -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    print(
        f"  {kind + ':':9} {label}: {plan['Execution Time']:.0f} ms (EXPLAIN ANALYZE)"
    )


def main() -> None:
    generated = ArticlePage.objects.filter(news_code__gte=FIRST_CODE).count()
    print(f"generated articles: {generated:,}")

    article = deep_article()
    print(f"\n1. related stories of {article.news_code} (article page, cache miss)")
    timed("related_suggest()", lambda: related_suggest(article=article))
    tags = " ".join(tag.name for tag in article.tags.all())
    words = query_terms(f"{article.title} {article.overline} {tags}")
    terms = " | ".join(f"'{term}':AB" for term in dict.fromkeys(words))
    # Rank only the newest CANDIDATES matching stories (the recency factor
    # already favours them): a backward scan of the published_at index.
    explain(
        f"rank the newest {CANDIDATES} matches",
        f"""SELECT c.article_id FROM (
              SELECT d.article_id, d.document, d.published_at
              FROM search_searchdocument d
              WHERE d.document @@ to_tsquery('simple', %s) AND d.article_id <> %s
              ORDER BY d.published_at DESC LIMIT {CANDIDATES}) c
            ORDER BY ts_rank_cd(c.document, to_tsquery('simple', %s))
                     * {RECENCY.replace("d.", "c.")} DESC
            LIMIT 30""",
        [terms, article.pk, terms],
    )

    print(f"\n2. search for «{SEARCH_WORD}»")
    timed(
        "search_articles()",
        lambda: search_articles(query=SEARCH_WORD, filters=Filters()),
    )
    explain(
        "current ranking query",
        f"""SELECT d.article_id FROM search_searchdocument d,
              to_tsquery('simple', %s) q WHERE d.document @@ q
            ORDER BY ts_rank_cd(d.document, q) * {RECENCY} DESC, d.published_at DESC
            LIMIT 20""",
        [f"'{SEARCH_WORD}'"],
        kind="now",
    )
    explain(
        f"rank the newest {CANDIDATES} matches",
        f"""SELECT c.article_id FROM (
              SELECT d.article_id, d.document, d.published_at
              FROM search_searchdocument d
              WHERE d.document @@ to_tsquery('simple', %s)
              ORDER BY d.published_at DESC LIMIT {CANDIDATES}) c
            ORDER BY ts_rank_cd(c.document, to_tsquery('simple', %s))
                     * {RECENCY.replace("d.", "c.")} DESC, c.published_at DESC
            LIMIT 20""",
        [f"'{SEARCH_WORD}'", f"'{SEARCH_WORD}'"],
    )

    print("\n3. sitemap index: the articles section's latest lastmod")
    timed("ArticleSitemap().get_latest_lastmod()", ArticleSitemap().get_latest_lastmod)
    timed(
        "aggregate Max(last_published_at, first_published_at)",
        lambda: (
            ArticlePage.objects.published()
            .order_by()
            .aggregate(m=Max(Coalesce("last_published_at", "first_published_at")))
        ),
    )
    timed(
        "ArticleSitemap().paginator.num_pages",
        lambda: ArticleSitemap().paginator.num_pages,
    )

    print("\n4. service listing, page 50 (Paginator: COUNT(*) and OFFSET)")
    service = ServicePage.objects.live().get(slug=SERVICE_SLUG)
    queryset = selectors.article_list_for_service(service=service)
    timed("count()", queryset.count)
    timed("page 50", lambda: list(queryset[980:1000]))


if __name__ == "__main__":
    main()
