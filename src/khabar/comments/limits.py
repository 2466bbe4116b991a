"""Cache-backed rate limits for comment submission (Redis in production).

A limit is ``(count, seconds)``: at most ``count`` submissions per window of
``seconds``, counted per key in fixed windows.
"""

import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

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
    cache_key = _window_key(key, seconds)
    try:
        return cache.incr(cache_key) > count
    except ValueError:  # the window's first submission
        if cache.add(cache_key, 1, timeout=seconds + 1):
            return 1 > count
    try:  # another request started the window at the same moment
        return cache.incr(cache_key) > count
    except ValueError:
        return False


def _hits_redis(backend: RedisCache, windows: list[tuple[str, int, int]]) -> bool:
    """Count one submission under every window in one round trip to Redis.

    ``SET … NX EX`` starts a window with its expiry (any Redis version) and
    ``INCR`` counts; Django's own ``incr`` costs two round trips a key.
    """
    pipeline = backend._cache.get_client(write=True).pipeline(transaction=False)
    for key, _count, seconds in windows:
        cache_key = backend.make_and_validate_key(_window_key(key, seconds))
        pipeline.set(cache_key, 0, ex=seconds + 1, nx=True)
        pipeline.incr(cache_key)
    counts = pipeline.execute()[1::2]
    return any(n > count for n, (_key, count, _s) in zip(counts, windows, strict=True))


def _window_key(key: str, seconds: int) -> str:
    return f"khabar:comment-rate:{key}:{seconds}:{int(time.time() // seconds)}"


def comment_rate_exceeded(*, ip_address: str | None, article_id: int) -> bool:
    """Count a submission from ``ip_address`` on an article; True when too many."""
    limits = _limits()
    names = [("story", f"story:{article_id}")]
    if ip_address:
        names += [("ip", f"ip:{ip_address}"), ("ip_hour", f"ip:{ip_address}")]
    windows = [(key, *limits[name]) for name, key in names]
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _hits_redis(backend, windows)
    exceeded = False
    for key, count, seconds in windows:
        exceeded |= _hit(key, count, seconds)
    return exceeded
