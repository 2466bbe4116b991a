"""Reads of the newsroom that pages and other apps use."""

import hashlib
from collections.abc import Iterable
from datetime import datetime
from html import unescape

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from taggit.models import Tag

from .caching import for_site_version
from .models import (
    ADDRESS_FIELDS,
    CARD_FIELDS,
    ArticlePage,
    ArticleTag,
    HomePage,
    ServicePage,
    headline_key,
)


def _parent_path(page) -> str:
    """Return the tree path of ``page``'s parent (an article's service)."""
    return page.path[: -page.steplen]


def _listing(queryset: QuerySet) -> QuerySet:
    """Trim a queryset of articles to what listings show."""
    return queryset.published().defer_streamfields()


def article_get_by_code(*, code: int) -> ArticlePage | None:
    """Return the live article with news code ``code``, or None."""
    return ArticlePage.objects.published().filter(news_code=code).first()


# What a comment submission reads of its story: its address, its service
# (the moderation policy) and the key of its plain text.
COMMENT_TARGET_FIELDS = (*ADDRESS_FIELDS, "latest_revision_id", "last_published_at")


def article_get_for_comment(*, code: int) -> ArticlePage | None:
    """Return the live article ``code`` with only what a comment submission reads.

    Every comment POST looks its story up; loading the body and the other
    fields would cost a fifth of the submission, and the lookup itself a
    sixth, so the trimmed story is kept until the next publication or
    withdrawal. ``article_plain_text`` loads the rest itself when its copy
    of the text is missing.
    """
    return for_site_version(
        f"comment-target:{int(code)}",
        lambda: (
            ArticlePage.objects.published()
            .filter(news_code=code)
            .only(*COMMENT_TARGET_FIELDS)
            .first()
        ),
        keep_none=False,
    )


def article_is_gone(*, code: int) -> bool:
    """Tell whether ``code`` names an article that was published and then withdrawn.

    Its code stays reserved and its address answers 410 Gone, not 404.
    """
    return (
        ArticlePage.objects.filter(news_code=code, live=False)
        .exclude(first_published_at__isnull=True)
        .exists()
    )


def lead_stories(*, page: HomePage | ServicePage) -> list[ArticlePage]:
    """Return the live articles in ``page``'s lead-story slots, in slot order."""
    slots = page.lead_slots.select_related("article").order_by("sort_order")
    return [
        slot.article
        for slot in slots
        if slot.article.live and slot.article.news_code is not None
    ]


# At most this many flagged stories are kept for the «فوری» ticker; a
# newsroom flags a handful at a time.
BREAKING_KEPT = 50


def _breaking_kept() -> list[ArticlePage]:
    """Return the stories flagged «فوری» now, newest first, kept until ``site`` moves.

    A flag is set or cleared only by a publication, which bumps ``site``;
    its expiry is a moment, so readers filter the kept list by the clock.
    Every page shows the ticker: this saves each render two queries.
    """
    return for_site_version(
        "breaking",
        lambda: list(ArticlePage.objects.breaking().cards()[:BREAKING_KEPT]),
    )


def article_list_breaking(*, limit: int = 5) -> list[ArticlePage]:
    """Return the newest articles flagged «فوری» whose flag has not expired."""
    now = timezone.now()
    return [a for a in _breaking_kept() if a.breaking_until > now][:limit]


def breaking_next_expiry() -> datetime | None:
    """Return when the next «فوری» flag expires (a page must not outlive it)."""
    now = timezone.now()
    return min(
        (a.breaking_until for a in _breaking_kept() if a.breaking_until > now),
        default=None,
    )


def article_list_picks(*, limit: int) -> list[ArticlePage]:
    """Return the newest live editor's picks."""
    return list(_listing(ArticlePage.objects.filter(editors_pick=True)).cards()[:limit])


def article_list_all() -> QuerySet:
    """Return every live article, newest first, trimmed for listings."""
    return _listing(ArticlePage.objects.all())


def service_titles_by_path() -> dict[str, str]:
    """Return each service's title keyed by its tree path (one query).

    An article's service is the page whose path is the article's path minus
    one step, so listings can name services without a query per article.
    """
    return dict(ServicePage.objects.values_list("path", "title"))


def article_service_title(*, article: ArticlePage, titles: dict[str, str]) -> str:
    """Return the title of ``article``'s service from ``service_titles_by_path``."""
    return titles.get(_parent_path(article), "")


def article_list_for_service(*, service: ServicePage) -> QuerySet:
    """Return the live articles of one service, newest first."""
    return _listing(ArticlePage.objects.child_of(service))


def article_list_for_tag(*, tag: Tag) -> QuerySet:
    """Return the live articles carrying ``tag``, newest first."""
    return _listing(ArticlePage.objects.filter(tagged_items__tag=tag))


def _query_key(queryset: QuerySet) -> str:
    """Return a short key naming what ``queryset`` selects (its SQL and params)."""
    sql, params = queryset.query.sql_with_params()
    return hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]


class SiteCountPaginator(Paginator):
    """A paginator whose count is kept until the next publication.

    Counting a service's, a tag's or the archive's stories costs 0.1-0.5 s
    with a million articles (docs/scale.md), and the count changes only when
    a story is published, withdrawn or deleted: ``for_site_version`` keeps it
    under the ``site`` version those bump.
    """

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)
        counted = self._counted()
        return for_site_version(f"count:{_query_key(counted)}", counted.count)

    def _counted(self) -> QuerySet:
        """Return the queryset whose ``count()`` is the paginator's count."""
        return self.object_list


class CappedPaginator(SiteCountPaginator):
    """A paginator that counts at most ``max_pages`` pages of rows.

    A listing offers its first ``max_pages`` pages
    (``KHABAR_LISTING_MAX_PAGES``, 500) and says when there are more.
    """

    def __init__(self, object_list, per_page, *, max_pages: int):
        super().__init__(object_list, per_page)
        self.max_pages = max_pages

    def _counted(self) -> QuerySet:
        # Any max_pages pages of rows count alike: without the listing's
        # order PostgreSQL may stop at the first rows it finds.
        return self.object_list.order_by()[: self.max_pages * self.per_page + 1]

    @property
    def capped(self) -> bool:
        return self.count > self.max_pages * self.per_page

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)


def article_page_for_request(
    *, queryset: QuerySet, request: HttpRequest
) -> PaginatorPage:
    """Return the page of ``queryset`` named by ``?page=`` (bad numbers: page 1)."""
    per_page = getattr(settings, "KHABAR_PAGE_SIZE", 20)
    max_pages = getattr(settings, "KHABAR_LISTING_MAX_PAGES", 500)
    paginator = CappedPaginator(queryset, per_page, max_pages=max_pages)
    return paginator.get_page(request.GET.get("page"))


def home_listings(*, home: HomePage, latest: int, per_service: int) -> dict:
    """Return the home page's newest stories and each live service's newest.

    One query reads the site's newest stories, enough for every service when
    services publish at similar rates; a service with too few among them is
    read on its own. (Six services' lists were seven queries per render.)
    """
    services = [
        service
        for service in service_list_for_nav()
        if _parent_path(service) == home.path
    ]
    window = max(latest, per_service * len(services) * 3)
    newest = list(_listing(ArticlePage.objects.descendant_of(home)).cards()[:window])
    by_service: dict[str, list[ArticlePage]] = {}
    for article in newest:
        by_service.setdefault(_parent_path(article), []).append(article)
    entries = []
    for service in services:
        articles = by_service.get(service.path, [])[:per_service]
        if len(articles) < per_service and len(newest) == window:
            articles = list(
                article_list_for_service(service=service).cards()[:per_service]
            )
        entries.append({"service": service, "articles": articles})
    return {"latest": newest[:latest], "services": entries}


def article_map_by_headlines(*, headlines: Iterable[str]) -> dict[str, ArticlePage]:
    """Return live articles keyed by the search key of their headline."""
    keys = {headline_key(headline) for headline in headlines if headline}
    if not keys:
        return {}
    found = (
        ArticlePage.objects.published()
        .filter(title_key__in=keys)
        .only(*CARD_FIELDS, "title_key")
    )
    return {article.title_key: article for article in found}


def article_page_extras(*, article: ArticlePage) -> dict:
    """Return what an article page shows beyond its own fields.

    Related headlines that name no article yet are resolved here, in one query,
    so a link appears as soon as the article it names is published.
    """
    related = list(
        article.related_links.select_related("target").only(
            "id",
            "sort_order",
            "page_id",
            "target_id",
            "headline",
            *(f"target__{field}" for field in CARD_FIELDS),
        )
    )
    pending = [link.headline for link in related if not link.target_id]
    pending += [
        block.value["headline"]
        for block in article.body
        if block.block_type == "read_more" and not block.value["page"]
    ]
    resolved = article_map_by_headlines(headlines=pending)
    return {
        "related": [
            {
                "headline": link.target.title if link.target_id else link.headline,
                "article": link.target or resolved.get(headline_key(link.headline)),
            }
            for link in related
        ],
        "resolved_headlines": resolved,
        "tags": list(article.tags.all()),
        "gallery": list(article.gallery_images.select_related("image")),
    }


def home_page_get() -> HomePage | None:
    """Return the site's home page, or None before the first migration."""
    return HomePage.objects.live().first()


def service_list_for_nav() -> list[ServicePage]:
    """Return the live services in tree order, for the navigation bar.

    Kept until ``site`` moves on (a service is published, renamed, moved or
    withdrawn): every page shows the bar.
    """
    return for_site_version(
        "nav", lambda: list(ServicePage.objects.live().order_by("path"))
    )


def service_for_article(*, article: ArticlePage) -> ServicePage:
    """Return the service page ``article`` is filed under (its parent)."""
    path = _parent_path(article)
    for service in service_list_for_nav():
        if service.path == path:
            return service
    return article.get_parent().specific


def article_plain_parts(*, article: ArticlePage) -> dict[str, str]:
    """Return the article's text fields as plain text (tags joined by spaces, by name).

    Paragraphs are read from the body's stored JSON (``raw_data``): turning
    every block into Python values looks up each story a read-more block
    links (one query) and costs ~2 ms a story, which a search page pays
    twenty times.
    """
    paragraphs = [
        unescape(strip_tags(item["value"]))
        for item in article.body.raw_data
        if item["type"] == "paragraph"
    ]
    return {
        "title": article.title,
        "overline": article.overline,
        "lead": article.lead,
        "body": "\n".join(paragraphs),
        # Sorted: the order of a prefetched and a queried tag list may differ.
        "tags": " ".join(sorted(tag.name for tag in article.tags.all())),
    }


# Plain texts of recently commented stories, by (id, revision, publication):
# every comment on a story is checked against the same text (off_topic), and
# rebuilding it from the body's blocks and tags costs more than the check.
_PLAIN_TEXTS: dict[tuple, str] = {}
PLAIN_TEXTS_KEPT = 256


def article_plain_text(*, article: ArticlePage) -> str:
    """Return headline, overline, lead, body and tags as one plain text."""
    key = (article.pk, article.latest_revision_id, article.last_published_at)
    text = _PLAIN_TEXTS.get(key) if article.pk else None
    if text is None:
        if article.pk and article.get_deferred_fields():
            article = ArticlePage.objects.get(pk=article.pk)
        parts = article_plain_parts(article=article)
        text = "\n".join(
            parts[k] for k in ("title", "overline", "lead", "body", "tags")
        )
        if article.pk:
            if len(_PLAIN_TEXTS) >= PLAIN_TEXTS_KEPT:
                _PLAIN_TEXTS.pop(next(iter(_PLAIN_TEXTS)))
            _PLAIN_TEXTS[key] = text
    return text


def shared_tag_counts(*, article: ArticlePage, others: Iterable[int]) -> dict[int, int]:
    """Return, for each id in ``others``, how many tags it shares with ``article``."""
    tags = ArticleTag.objects.filter(content_object=article).values("tag_id")
    rows = (
        ArticleTag.objects.filter(content_object_id__in=list(others), tag_id__in=tags)
        .values("content_object_id")
        .annotate(shared=Count("id"))
    )
    return {row["content_object_id"]: row["shared"] for row in rows}
