"""Endpoints of the read-only API. Errors are English JSON: {"detail": "..."}."""

import nh3
from django.db.models import Count
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from taggit.models import Tag
from wagtail.models import Site

from khabar.core.models import AgencySettings
from khabar.newsroom.models import ArticlePage, ServicePage
from khabar.newsroom.selectors import (
    article_get_by_code,
    article_page_extras,
    article_plain_parts,
    article_service_title,
    service_titles_by_path,
)
from khabar.search.backends import Filters
from khabar.search.selectors import search_articles

from ..syndication import article_ninjs
from . import cursors
from .schemas import (
    ArticleDetail,
    ArticlePageOut,
    ErrorOut,
    SearchOut,
    ServiceOut,
    TagPageOut,
)

api = NinjaAPI(
    title="Khabar API",
    version="1",
    description="Read-only access to published articles, services, tags and search.",
    urls_namespace="khabar_api",
)
MAX_LIMIT = 100


@api.exception_handler(cursors.BadCursor)
def bad_cursor(request, error):
    return api.create_response(request, {"detail": str(error)}, status=400)


def _summary(article: ArticlePage, services: dict[str, str] | None = None) -> dict:
    return {
        "code": article.news_code,
        "url": article.url,
        "short_url": reverse("site:short_link", kwargs={"code": article.news_code}),
        "title": article.title,
        "overline": article.overline,
        "lead": article.lead,
        "service": article_service_title(
            article=article, titles=services or service_titles_by_path()
        ),
        "tags": [tag.name for tag in article.tags.all()],
        "published_at": article.first_published_at,
        "updated_at": article.last_published_at,
    }


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}")
    return limit


@api.get("/articles", response={200: ArticlePageOut, 400: ErrorOut}, tags=["articles"])
def article_list(
    request, service: str = "", tag: str = "", cursor: str = "", limit: int = 20
):
    """List published articles, newest first, with a cursor to the next page."""
    articles = ArticlePage.objects.published().defer_streamfields()
    if service:
        parent = ServicePage.objects.live().filter(slug=service).first()
        if parent is None:
            raise HttpError(400, f"unknown service {service!r}")
        articles = articles.child_of(parent)
    if tag:
        articles = articles.filter(tagged_items__tag__name=tag)
    if cursor:
        articles = articles.filter(cursors.after_article(cursor))
    articles = articles.prefetch_related("tags").order_by("-first_published_at", "-pk")
    page = list(articles[: _limit(limit) + 1])
    services = service_titles_by_path()
    more = len(page) > limit
    page = page[:limit]
    last = page[-1] if page and more else None
    return {
        "items": [_summary(article, services) for article in page],
        "next": cursors.encode(last.first_published_at, last.pk) if last else None,
    }


@api.get(
    "/articles/{code}", response={200: ArticleDetail, 404: ErrorOut}, tags=["articles"]
)
def article_detail(request, code: int):
    """Return one published article by its news code."""
    article = article_get_by_code(code=code)
    if article is None:
        raise HttpError(404, f"no published article has code {code}")
    parts = article_plain_parts(article=article)
    html = "".join(
        str(block.value.source)
        for block in article.body
        if block.block_type == "paragraph"
    )
    extras = article_page_extras(article=article)
    return {
        **_summary(article),
        "agency": article.source_agency,
        "byline": article.byline,
        "body_text": parts["body"],
        "body_html": nh3.clean(html),
        "related": [item["headline"] for item in extras["related"]],
    }


@api.get("/ninjs/{code}", response={200: dict, 404: ErrorOut}, tags=["syndication"])
def article_ninjs_detail(request, code: int):
    """Return one published article as IPTC NINJS 2.0, the format agencies exchange."""
    article = article_get_by_code(code=code)
    if article is None:
        raise HttpError(404, f"no published article has code {code}")
    return article_ninjs(
        article=article,
        agency=_agency_name(request),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )


def _agency_name(request) -> str:
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    return AgencySettings.for_site(site).agency_name


@api.get("/services", response=list[ServiceOut], tags=["services"])
def service_list(request):
    """List the live services."""
    return [
        {"id": s.pk, "name": s.title, "slug": s.slug, "url": s.url}
        for s in ServicePage.objects.live().order_by("path")
    ]


@api.get("/tags", response={200: TagPageOut, 400: ErrorOut}, tags=["tags"])
def tag_list(request, cursor: str = "", limit: int = 50):
    """List tags of published articles by name, with article counts."""
    tags = (
        Tag.objects.filter(newsroom_articletag_items__content_object__live=True)
        .annotate(articles=Count("newsroom_articletag_items"))
        .order_by("name")
    )
    if cursor:
        values = cursors.decode(cursor)
        if not values or not isinstance(values[0], str):
            raise cursors.BadCursor("invalid cursor")
        tags = tags.filter(name__gt=values[0])
    page = list(tags[: _limit(limit) + 1])
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [
            {
                "name": t.name,
                "url": reverse("site:tag", kwargs={"name": t.name}),
                "articles": t.articles,
            }
            for t in page
        ],
        "next": cursors.encode(page[-1].name) if page and more else None,
    }


@api.get("/search", response={200: SearchOut, 400: ErrorOut}, tags=["search"])
def search(
    request, q: Query[str] = "", service: str = "", tag: str = "", page: int = 1
):
    """Search published articles; every spelling of a Persian word matches."""
    if not 1 <= page <= 1000:
        raise HttpError(400, "page must be between 1 and 1000")
    parent = (
        ServicePage.objects.live().filter(slug=service).first() if service else None
    )
    if service and parent is None:
        raise HttpError(400, f"unknown service {service!r}")
    found_tag = Tag.objects.filter(name=tag).first() if tag else None
    filters = Filters(
        service_id=parent.pk if parent else None,
        tag_id=found_tag.pk if found_tag else (-1 if tag else None),
    )
    results = search_articles(
        query=q.replace("\x00", "")[:500], filters=filters, page=page
    )
    services = service_titles_by_path()
    return {
        "query": q,
        "total": results.total,
        "page": page,
        "loose": results.loose,
        "by_code": _summary(results.by_code) if results.by_code else None,
        "items": [_summary(article, services) for article in results.articles],
    }
