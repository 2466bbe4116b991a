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

SITE = "site"
# A kept value is unreachable once ``site`` moves on; this only bounds how
# long the cache holds such leftovers.
SITE_VALUE_SECONDS = 24 * 3600
ABSENT = object()
T = TypeVar("T")


def comments_dep(article_id: int) -> str:
    """Return the dependency name of one article's comments."""
    return f"comments:{article_id}"


def _seconds_to_next_breaking_expiry() -> int | None:
    from .selectors import breaking_next_expiry

    expiry = breaking_next_expiry()
    return int((expiry - timezone.now()).total_seconds()) + 1 if expiry else None


def mark_for_readers(
    response: HttpResponse,
    *deps: str,
    with_most_read: bool = False,
    ttl: int | None = None,
) -> HttpResponse:
    """Make ``response`` cacheable with ``site`` and ``deps`` as its dependencies.

    ``ttl`` bounds its life further (seconds), for what changes with time.
    """
    bounds = [_seconds_to_next_breaking_expiry(), ttl]
    if with_most_read:
        bounds.append(getattr(settings, "KHABAR_MOST_READ_TTL", 300))
    known = [bound for bound in bounds if bound is not None]
    return page_cache_mark(response, SITE, *deps, ttl=min(known) if known else None)


def for_site_version(
    key: str, compute: Callable[[], T], *, keep_none: bool = True
) -> T:
    """Return ``compute()``, kept in the cache until ``site`` is next bumped.

    The value is stored under ``site``'s current version, which every
    publication, withdrawal or deletion replaces (``site.cache_handlers``):
    the next read after one computes it again, so it is never staler than a
    cached page. Another worker's bump is seen within
    ``KHABAR_PAGE_CACHE_VERSION_SECONDS``, as for pages. ``keep_none=False``
    keeps only found values (keys a visitor chooses must not fill the cache).
    """
    stored = site_value_key(key)
    value = site_value_get(stored)
    if value is ABSENT:
        value = compute()
        if value is not None or keep_none:
            site_value_keep(stored, value)
    return value


def site_value_key(key: str) -> str:
    """Return where ``key``'s value is kept under ``site``'s current version.

    Read it before computing the value: a value computed while ``site`` is
    bumped then lands under the old version, where nobody reads it.
    """
    return f"sitev:{page_cache_version(SITE)}:{key}"


def site_value_get(stored: str):
    """Return the value kept at ``stored`` (``site_value_key``), or ``ABSENT``."""
    value = KEPT_HERE.get(stored, ABSENT)
    if value is ABSENT:
        value = cache.get(stored, ABSENT)
        if value is not ABSENT:
            KEPT_HERE.keep(stored, value)
    return value


def site_value_keep(stored: str, value) -> None:
    """Keep ``value`` at ``stored`` (``site_value_key``) until ``site`` moves on."""
    cache.set(stored, value, SITE_VALUE_SECONDS)
    KEPT_HERE.keep(stored, value)


class _KeptHere(dict):
    """The newest values of ``for_site_version`` in this process, oldest dropped.

    Their keys carry ``site``'s version, which this process trusts for
    ``KHABAR_PAGE_CACHE_VERSION_SECONDS`` without asking the shared cache
    (as for pages), so a kept value costs no round trip and no unpickling:
    the navigation, the ticker and a comment's story on every request.
    Values are shared by the process's threads: callers only read them.
    """

    LIMIT = 2048

    def keep(self, key: str, value) -> None:
        if len(self) >= self.LIMIT:
            try:
                self.pop(next(iter(self)))
            except (RuntimeError, StopIteration, KeyError):
                pass  # another thread changed the dict meanwhile
        self[key] = value


KEPT_HERE = _KeptHere()
