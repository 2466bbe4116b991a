"""Which cache dependencies newsroom pages declare, and how long they may live.

Every public page shows the «فوری» ticker, the navigation and listings that
change when any story is published, so every page depends on ``site``; an
article page also shows its comments (``comments:<pk>``). A page lives until
one of those is bumped, or until the next «فوری» flag expires, since an
expiry is a moment, not a write. Pages with today's most-read list also
expire after ``KHABAR_MOST_READ_TTL`` seconds (reads are not writes either).

Costly reads that change only when ``site`` does (listing and sitemap counts,
related stories) are kept in the cache under ``site``'s current version
(``for_site_version``): a million-story archive then pays them once per
publication, not once per render.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from khabar.core.pagecache import page_cache_mark, page_cache_version

from .models import ArticlePage

SITE = "site"
# A kept value is unreachable once ``site`` moves on; this only bounds how
# long the cache holds such leftovers.
SITE_VALUE_SECONDS = 24 * 3600
_ABSENT = object()
T = TypeVar("T")


def comments_dep(article_id: int) -> str:
    """Return the dependency name of one article's comments."""
    return f"comments:{article_id}"


def _seconds_to_next_breaking_expiry() -> int | None:
    now = timezone.now()
    expiry = (
        ArticlePage.objects.breaking()
        .order_by("breaking_until")
        .values_list("breaking_until", flat=True)
        .first()
    )
    return int((expiry - now).total_seconds()) + 1 if expiry else None


def mark_for_readers(
    response: HttpResponse, *deps: str, with_most_read: bool = False
) -> HttpResponse:
    """Make ``response`` cacheable with ``site`` and ``deps`` as its dependencies."""
    bounds = [_seconds_to_next_breaking_expiry()]
    if with_most_read:
        bounds.append(getattr(settings, "KHABAR_MOST_READ_TTL", 300))
    known = [bound for bound in bounds if bound is not None]
    return page_cache_mark(response, SITE, *deps, ttl=min(known) if known else None)


def for_site_version(key: str, compute: Callable[[], T]) -> T:
    """Return ``compute()``, kept in the cache until ``site`` is next bumped.

    The value is stored under ``site``'s current version, which every
    publication, withdrawal or deletion replaces (``site.cache_handlers``):
    the next read after one computes it again, so it is never staler than a
    cached page. Another worker's bump is seen within
    ``KHABAR_PAGE_CACHE_VERSION_SECONDS``, as for pages.
    """
    stored = f"sitev:{page_cache_version(SITE)}:{key}"
    value = cache.get(stored, _ABSENT)
    if value is _ABSENT:
        value = compute()
        cache.set(stored, value, SITE_VALUE_SECONDS)
    return value
