"""``/search/?q=``: the reader's search page."""

from datetime import datetime, time

import jdatetime
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from taggit.models import Tag

from khabar.core.persian import to_latin_digits
from khabar.newsroom.caching import mark_for_readers
from khabar.newsroom.selectors import service_list_for_nav
from khabar.text import normalize

from .backends import Filters
from .selectors import search_articles, snippet
from .services import SEARCH

PER_PAGE = 20
MAX_QUERY_CHARS = 500


def _jalali_date(value: str, *, end: bool = False) -> datetime | None:
    """Parse «۱۴۰۵/۰۹/۰۸» (or with dashes) into an aware start or end of day."""
    text = to_latin_digits(value or "").strip().replace("-", "/")
    try:
        year, month, day = (int(part) for part in text.split("/"))
        gregorian = jdatetime.date(year, month, day).togregorian()
    except (ValueError, TypeError):
        return None
    moment = datetime.combine(gregorian, time.max if end else time.min)
    return timezone.make_aware(moment)


def _int(value: str | None) -> int | None:
    try:
        return int(to_latin_digits(value or ""))
    except ValueError:
        return None


def search(request):
    """Search published articles, with service, tag and Jalali date filters."""
    query = request.GET.get("q", "").replace("\x00", "")[:MAX_QUERY_CHARS]
    services = service_list_for_nav()
    tag_name = request.GET.get("tag", "")
    tag = Tag.objects.filter(name=tag_name).first() if tag_name else None
    filters = Filters(
        service_id=_int(request.GET.get("service")),
        tag_id=tag.pk if tag else None,
        since=_jalali_date(request.GET.get("from", "")),
        until=_jalali_date(request.GET.get("to", ""), end=True),
    )
    page = max(1, _int(request.GET.get("page")) or 1)
    results = search_articles(
        query=query, filters=filters, page=page, per_page=PER_PAGE
    )
    pages = Paginator(range(results.total), PER_PAGE).get_page(page)
    items = [
        {"article": article, "snippet": snippet(article=article, terms=results.terms)}
        for article in results.articles
    ]
    response = render(
        request,
        "search/results.html",
        {
            "query": query,
            "results": results,
            "items": items,
            "pages": pages,
            "services": services,
            "tag": tag,
            "filters": request.GET,
            "suggested_tags": _suggested_tags(query) if not results.total else [],
        },
    )
    # Results change when the index does (``SEARCH``) and, through the
    # ranking's recency, slowly with time: readers of a breaking story who
    # all search its name share one rendering.
    ttl = getattr(settings, "KHABAR_SEARCH_CACHE_SECONDS", 600)
    return mark_for_readers(response, SEARCH, ttl=ttl)


def _suggested_tags(query: str) -> list[Tag]:
    """Tags that share a word with the query, for the no-results page.

    Tag names are stored normalized (half-spaces, Persian digits), so the
    query's words are normalized the same way before comparing.
    """
    words = [word for word in normalize(query).split() if len(word) > 1][:5]
    if not words:
        return list(Tag.objects.order_by("-pk")[:8])
    found: list[Tag] = []
    for word in words:
        found += [
            tag
            for tag in Tag.objects.filter(name__icontains=word)[:3]
            if tag not in found
        ]
    return found[:8]
