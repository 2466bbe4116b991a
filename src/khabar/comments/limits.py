"""Cache-backed rate limits for comment submission (Redis in production).

A limit is ``(count, seconds)``: at most ``count`` submissions per window of
``seconds``, counted per key in fixed windows.
"""

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {
    "ip": (5, 60),
    "ip_hour": (40, 3600),
    "story": (120, 60),
}


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "KHABAR_COMMENT_RATE_LIMITS", {})}


def _hit(key: str, count: int, seconds: int) -> bool:
    """Count one submission under ``key``; return True when over the limit.

    The counter usually exists already, so it is incremented first: one
    cache write per limit, and an ``add`` only for a window's first hit.
    """
    window = int(time.time() // seconds)
    cache_key = f"khabar:comment-rate:{key}:{seconds}:{window}"
    try:
        return cache.incr(cache_key) > count
    except ValueError:  # the window's first submission
        if cache.add(cache_key, 1, timeout=seconds + 1):
            return 1 > count
    try:  # another request started the window at the same moment
        return cache.incr(cache_key) > count
    except ValueError:
        return False


def comment_rate_exceeded(*, ip_address: str | None, article_id: int) -> bool:
    """Count a submission from ``ip_address`` on an article; True when too many."""
    limits = _limits()
    keys = [("story", f"story:{article_id}")]
    if ip_address:
        keys += [("ip", f"ip:{ip_address}"), ("ip_hour", f"ip:{ip_address}")]
    exceeded = False
    for name, key in keys:
        count, seconds = limits[name]
        exceeded |= _hit(key, count, seconds)
    return exceeded
