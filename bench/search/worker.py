"""One database's half of the search benchmark (run by ``bench.py``, not by hand).

Expects a freshly migrated database (``DATABASE_URL`` or ``KHABAR_VAR_DIR``)
and writes its measurements as JSON to ``--out``. Phases:

1. the 1,491 Fars articles become real, live ArticlePages (bulk rows with a
   valid treebeard tree, checked with ``Page.find_problems``), indexed with
   ``index_rebuild()`` (the production path, ``article_index`` per article)
   and with Wagtail's own index (``update_index``);
2. known-item retrieval of every Fars headline in six spellings, through
   ``search_articles`` and through Wagtail's default database search;
3. synthetic articles are added (bulk page rows, bulk index rows) up to each
   size, then search latency and index rates are measured.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")

import django  # noqa: E402

django.setup()

import jdatetime  # noqa: E402
from corpus import Generator, latency_queries, load_fars, variants  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils.html import escape  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from khabar.newsroom.models import ArticlePage, ArticleTag, ServicePage  # noqa: E402
from khabar.newsroom.selectors import home_page_get  # noqa: E402
from khabar.newsroom.services import service_get_or_create  # noqa: E402
from khabar.search.backends import Filters  # noqa: E402
from khabar.search.models import SearchDocument  # noqa: E402
from khabar.search.selectors import search_articles  # noqa: E402
from khabar.search.services import article_index, index_rebuild  # noqa: E402
from khabar.text import normalize  # noqa: E402
from khabar.text.search import KEY_VERSION  # noqa: E402

settings.DEBUG = False  # no query log: 100 k inserts and thousands of searches
PER_PAGE = 20
SERVICES = {
    "politics": "سیاسی",
    "foreign-policy": "سیاسی",
    "viewpoint": "سیاسی",
    "economy": "اقتصادی",
    "social": "اجتماعی",
    "education": "اجتماعی",
    "world": "بین\u200cالملل",
    "sports": "ورزشی",
    "culture": "فرهنگی",
    "arts-media": "فرهنگی",
    "scientific-academic": "علمی",
}
BATCH = 2000


def log(message: str) -> None:
    print(
        f"[{connection.vendor} {time.strftime('%H:%M:%S', time.gmtime())}] {message}",
        file=sys.stderr,
        flush=True,
    )


def service_for(category: str, cache: dict) -> ServicePage:
    name = SERVICES.get(category) or ("استانی" if category else "عمومی")
    if name not in cache:
        cache[name] = service_get_or_create(home=home_page_get(), name=name)
    return cache[name]


def _plain(value):
    """Return a choices member as its plain value, anything else as it is."""
    return str(value) if isinstance(value, str) else value


class PageWriter:
    """Append live ArticlePages under services in bulk (valid treebeard paths)."""

    def __init__(self):
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.next_step: dict[int, int] = {}
        given = [
            "page_ptr_id",
            "overline",
            "lead",
            "body",
            "news_code",
            "source_agency",
            "byline",
            "title_key",
        ]
        # Every other column gets its model default (or NULL), so fields added
        # to ArticlePage later need no change here.
        self.defaults = [
            (field.column, None if field.null else _plain(field.get_default()))
            for field in ArticlePage._meta.local_concrete_fields
            if field.column not in given
        ]
        columns = [*given, *(column for column, _ in self.defaults)]
        self.sql = (
            f"INSERT INTO newsroom_articlepage ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )

    def write(self, rows: list[tuple[ServicePage, dict]]) -> list[int]:
        """Insert ``rows`` (service, fields) as ArticlePages; return their ids."""
        pages, by_service = [], {}
        for service, item in rows:
            if service.pk not in self.next_step:
                last = (
                    Page.objects.filter(
                        path__startswith=service.path, depth=service.depth + 1
                    )
                    .order_by("-path")
                    .first()
                )
                self.next_step[service.pk] = (
                    (int(last.path[-4:], 36) + 1) if last else 1
                )
            step = self.next_step[service.pk]
            self.next_step[service.pk] += 1
            by_service[service.pk] = by_service.get(service.pk, 0) + 1
            slug = f"a{item['news_code']}"
            pages.append(
                Page(
                    path=Page._get_path(service.path, service.depth + 1, step),
                    depth=service.depth + 1,
                    numchild=0,
                    title=item["title"][:255],
                    draft_title=item["title"][:255],
                    slug=slug,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{service.url_path}{slug}/",
                    content_type=self.content_type,
                    locale_id=service.locale_id,
                    translation_key=uuid.uuid4(),
                    first_published_at=item["published_at"],
                    last_published_at=item["published_at"],
                )
            )
        Page.objects.bulk_create(pages)
        body = [
            json.dumps(
                [
                    {
                        "type": "paragraph",
                        "value": f"<p>{escape(p)}</p>",
                        "id": str(uuid.uuid4()),
                    }
                    for p in item["paragraphs"]
                ],
                ensure_ascii=False,
            )
            for _, item in rows
        ]
        from khabar.text import search_key

        with connection.cursor() as cursor:
            cursor.executemany(
                self.sql,
                [
                    (
                        page.pk,
                        "",
                        item["lead"],
                        text,
                        item["news_code"],
                        "",
                        "",
                        search_key(item["title"])[:255]
                        if item.get("title_key")
                        else "",
                        *(value for _, value in self.defaults),
                    )
                    for page, (_, item), text in zip(pages, rows, body, strict=True)
                ],
            )
        for service_id, count in by_service.items():
            Page.objects.filter(pk=service_id).update(numchild=F("numchild") + count)
        return [page.pk for page in pages]


def fars_pages(fars: list[dict], writer: PageWriter) -> dict[int, dict]:
    """Create the Fars articles, normalized as the importer stores them.

    Return pk → article.
    """
    services: dict = {}
    rows = []
    for article in fars:
        year, month, day = (
            int(x) for x in (article["date_jalali"] or "1390-01-01").split("-")
        )
        published = (
            jdatetime.datetime(year, month, day, 8, 30)
            .togregorian()
            .replace(tzinfo=UTC)
        )
        rows.append(
            (
                service_for(article["category"], services),
                {
                    "title": normalize(article["title"]),
                    "lead": normalize(article["lead"]),
                    "paragraphs": [normalize(p) for p in article["paragraphs"]],
                    "news_code": int(article["news_code"]),
                    "published_at": published,
                    "title_key": True,
                },
            )
        )
    with transaction.atomic():
        ids = writer.write(rows)
        tags: dict[str, Tag] = {}
        links = []
        for pk, article in zip(ids, fars, strict=True):
            for name in dict.fromkeys(normalize(t)[:100] for t in article["tags"]):
                if name.lower() not in tags:
                    tags[name.lower()] = Tag.objects.filter(
                        name__iexact=name
                    ).first() or Tag.objects.create(name=name)
                links.append(ArticleTag(content_object_id=pk, tag=tags[name.lower()]))
        ArticleTag.objects.bulk_create(links)
    return {
        pk: {**article, "published_title": row[1]["title"]}
        for pk, article, row in zip(ids, fars, rows, strict=True)
    }


def known_item(by_pk: dict[int, dict]) -> dict:
    """Rank of each headline's article in the first PER_PAGE results, both engines."""
    wagtail = get_search_backend()
    live = ArticlePage.objects.live()
    title_of = {pk: a["published_title"] for pk, a in by_pk.items()}

    def khabar_ids(query):
        results = search_articles(query=query, filters=Filters(), per_page=PER_PAGE)
        return [a.pk for a in results.articles], results.loose

    def wagtail_ids(query):
        return [a.pk for a in wagtail.search(query, live)[:PER_PAGE]], False

    out = {}
    for engine, run in (("khabar", khabar_ids), ("wagtail", wagtail_ids)):
        cache: dict[str, tuple] = {}
        scores: dict[str, dict] = {}
        started = time.perf_counter()
        for n, (pk, article) in enumerate(by_pk.items()):
            for name, query in variants(
                article["published_title"], article["title"]
            ).items():
                if query not in cache:
                    cache[query] = run(query)
                ids, loose = cache[query]
                rank = next(
                    (
                        i
                        for i, hit in enumerate(ids, 1)
                        if hit == pk or title_of.get(hit) == title_of[pk]
                    ),
                    0,
                )  # an identical headline is the same known item
                s = scores.setdefault(
                    name,
                    {"n": 0, "changed": 0, "r1": 0, "rr": 0.0, "loose": 0, "miss": []},
                )
                s["n"] += 1
                s["changed"] += query != article["published_title"]
                s["r1"] += rank == 1
                s["rr"] += 1 / rank if rank else 0.0
                s["loose"] += loose
                if rank != 1 and len(s["miss"]) < 8:
                    s["miss"].append(
                        {
                            "query": query,
                            "rank": rank,
                            "top": title_of.get(ids[0]) if ids else None,
                        }
                    )
            if n % 300 == 299:
                log(
                    f"known-item {engine}: {n + 1}/{len(by_pk)} headlines "
                    f"({time.perf_counter() - started:.0f} s)"
                )
        out[engine] = {
            name: {
                "n": s["n"],
                "changed": s["changed"],
                "rank1": s["r1"] / s["n"],
                "mrr": s["rr"] / s["n"],
                "loose": s["loose"],
                "misses": s["miss"],
            }
            for name, s in scores.items()
        }
        out[engine + "_seconds"] = time.perf_counter() - started
        out[engine + "_distinct_queries"] = len(cache)
    return out


def bulk_index(ids: list[int], items, services: list[int]) -> None:
    """Index rows directly: SearchDocument rows plus the backend's FTS/tsvector rows."""
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                article_id=pk,
                title=s.terms["title"],
                tags=s.terms["tags"],
                lead=s.terms["lead"],
                body=s.terms["body"],
                service_id=service_id,
                published_at=published,
                key_version=KEY_VERSION,
            )
            for pk, (s, published), service_id in zip(ids, items, services, strict=True)
        ]
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, tags, lead, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        pk,
                        s.terms["title"],
                        s.terms["tags"],
                        s.terms["lead"],
                        s.terms["body"],
                    )
                    for pk, (s, _) in zip(ids, items, strict=True)
                ],
            )
        else:
            from khabar.search.backends.postgres import VECTOR

            cursor.execute(
                f"UPDATE search_searchdocument SET document = {VECTOR} "  # noqa: S608
                "WHERE article_id = ANY(%s)",
                [ids],
            )


def grow(generator: Generator, writer: PageWriter, target: int, state: dict) -> dict:
    """Add synthetic articles until ``target`` are indexed; time each step."""
    services = {}
    now = datetime.now(UTC)
    start_count = SearchDocument.objects.count()
    seconds = {"generate": 0.0, "pages": 0.0, "index": 0.0}
    added = 0
    while start_count + added < target:
        size = min(BATCH, target - start_count - added)
        t0 = time.perf_counter()
        made = [generator.article() for _ in range(size)]
        rows, items = [], []
        for s in made:
            state["code"] += 1
            published = now - timedelta(
                seconds=generator.random.randrange(3 * 365 * 86400)
            )
            rows.append(
                (
                    service_for(s.category, services),
                    {
                        "title": s.title,
                        "lead": s.lead,
                        "paragraphs": s.paragraphs,
                        "news_code": state["code"],
                        "published_at": published,
                    },
                )
            )
            items.append((s, published))
            state["titles"].append(s.title)
        t1 = time.perf_counter()
        with transaction.atomic():
            ids = writer.write(rows)
        t2 = time.perf_counter()
        with transaction.atomic():
            bulk_index(ids, items, [service.pk for service, _ in rows])
        t3 = time.perf_counter()
        seconds["generate"] += t1 - t0
        seconds["pages"] += t2 - t1
        seconds["index"] += t3 - t2
        added += size
        if (added // BATCH) % 5 == 0 or start_count + added >= target:
            log(
                f"grow to {target}: {start_count + added} indexed "
                f"(generate {seconds['generate']:.0f} s, "
                f"pages {seconds['pages']:.0f} s, "
                f"index {seconds['index']:.0f} s)"
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "added": added,
        **seconds,
        "bulk_rate": added / seconds["index"] if seconds["index"] else None,
    }


def latency(queries: list[tuple[str, str]]) -> dict:
    """Time ``search_articles`` (ids + the page of 20 ArticlePages) per query, warm."""
    for _, query in queries[:20]:
        search_articles(query=query, filters=Filters(), per_page=PER_PAGE)
    times: dict[str, list[float]] = {}
    timed = []
    loose = 0
    for kind, query in queries:
        t0 = time.perf_counter()
        results = search_articles(query=query, filters=Filters(), per_page=PER_PAGE)
        elapsed = (time.perf_counter() - t0) * 1000
        loose += results.loose
        timed.append((elapsed, query))
        times.setdefault("all", []).append(elapsed)
        times.setdefault("headline" if kind == "headline" else "words", []).append(
            elapsed
        )
    out = {
        "loose": loose,
        "n": len(queries),
        "slowest": sorted(timed, reverse=True)[:5],
    }
    for kind, values in times.items():
        values.sort()
        out[kind] = {
            "p50": statistics.median(values),
            "p95": values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)],
            "max": values[-1],
        }
    return out


def article_index_rate(pks: list[int]) -> float:
    """Articles/s of ``article_index`` (the production path) re-indexing ``pks``."""
    articles = list(ArticlePage.objects.filter(pk__in=pks))
    t0 = time.perf_counter()
    for article in articles:
        article_index(article=article)
    return len(articles) / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fars", type=Path, required=True)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-known-item", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result: dict = {"vendor": connection.vendor, "sizes": {}}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("select sqlite_version()")
            result["version"] = "SQLite " + cursor.fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            result["version"] = "PostgreSQL " + cursor.fetchone()[0]
    fars = load_fars(args.fars)
    writer = PageWriter()

    t0 = time.perf_counter()
    by_pk = fars_pages(fars, writer)
    result["fars_pages_seconds"] = time.perf_counter() - t0
    problems = Page.find_problems()
    result["tree_problems"] = sum(len(p) for p in problems)
    result["published"] = ArticlePage.objects.published().count()
    log(
        f"{len(by_pk)} Fars pages in {result['fars_pages_seconds']:.1f} s; "
        f"tree problems: {result['tree_problems']}"
    )

    t0 = time.perf_counter()
    count = index_rebuild()
    result["index_rebuild"] = {"articles": count, "seconds": time.perf_counter() - t0}
    log(
        f"index_rebuild: {count} articles in {result['index_rebuild']['seconds']:.1f} s"
    )
    t0 = time.perf_counter()
    call_command("update_index", verbosity=0)
    result["wagtail_update_index_seconds"] = time.perf_counter() - t0
    log(f"wagtail update_index in {result['wagtail_update_index_seconds']:.1f} s")

    if not args.skip_known_item:
        result["known_item"] = known_item(by_pk)
        log(
            f"known-item done ({result['known_item']['khabar_seconds']:.0f} s + "
            f"{result['known_item']['wagtail_seconds']:.0f} s)"
        )

    generator = Generator(fars)
    state = {"code": 10**11, "titles": []}
    sample = list(by_pk)[:300]
    for size in (int(s) for s in args.sizes.split(",")):
        grown = grow(generator, writer, size, state)
        queries = latency_queries(fars, state["titles"], args.queries, seed=size)
        log(f"{size}: timing {len(queries)} queries")
        measured = latency(queries)
        measured["article_index_rate"] = article_index_rate(sample)
        measured["documents"] = SearchDocument.objects.count()
        measured["grow"] = grown
        result["sizes"][str(size)] = measured
        log(
            f"{size}: p50 {measured['all']['p50']:.1f} ms "
            f"p95 {measured['all']['p95']:.1f} ms; "
            f"article_index {measured['article_index_rate']:.0f}/s; "
            f"bulk {grown['bulk_rate'] or 0:.0f}/s"
        )
        args.out.write_text(
            json.dumps(result, ensure_ascii=False, indent=1, default=str),
            encoding="utf-8",
        )
    args.out.write_text(
        json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
