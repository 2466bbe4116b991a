"""Which cache dependencies newsroom pages declare, and how long they may live.

Every public page shows the «فوری» ticker, the navigation and listings that
change when any story is published, so every page depends on ``site``; an
article page also shows its comments (``comments:<pk>``). A page lives until
one of those is bumped, or until the next «فوری» flag expires, since an
expiry is a moment, not a write. Pages with today's most-read list also
expire after ``KHABAR_MOST_READ_TTL`` seconds (reads are not writes either).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from khabar.core.pagecache import page_cache_mark

from .models import ArticlePage

SITE = "site"


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
