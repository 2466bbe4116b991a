"""Per-reader and per-story comment limits count exactly, on every cache backend."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from khabar.comments.limits import comment_rate_exceeded

START = datetime(2026, 11, 29, 10, 0, 5, tzinfo=UTC)


REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "disk", "redis"])
def cache_backend(request, settings, tmp_path):
    """The in-process cache of development, the disk cache of one machine and
    Redis (one pipelined round trip for every window) of the scale-out profile."""
    if request.param == "redis" and not _redis_reachable():
        pytest.skip("no Redis at 127.0.0.1:6379")
    backend = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "disk": {
            "BACKEND": "khabar.core.diskcache.PersistentDiskCache",
            "LOCATION": str(tmp_path / "cache"),
            "SHARDS": 2,
        },
        "redis": {
            "BACKEND": "khabar.core.rediscache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"limits-test-{uuid.uuid4().hex}",
        },
    }[request.param]
    settings.CACHES = {"default": backend}
    settings.KHABAR_COMMENT_RATE_LIMITS = {
        "ip": (3, 60),
        "ip_hour": (10, 3600),
        "story": (100, 60),
    }


def _send(ip="10.1.1.1", article_id=7):
    return comment_rate_exceeded(ip_address=ip, article_id=article_id)


def test_the_fourth_comment_in_a_minute_is_refused(cache_backend):
    with time_machine.travel(START, tick=False):
        assert [_send() for _ in range(4)] == [False, False, False, True]
        assert _send(ip="10.1.1.2") is False  # another reader is counted apart


def test_a_new_minute_starts_a_new_count(cache_backend):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(4):
            _send()
        clock.shift(timedelta(seconds=60))
        assert _send() is False


def test_the_hourly_limit_holds_across_minutes(cache_backend):
    with time_machine.travel(START, tick=False) as clock:
        results = []
        for _ in range(4):
            results += [_send() for _ in range(3)]
            clock.shift(timedelta(seconds=60))
    assert results.count(True) == 2  # the 11th and 12th of the hour


def test_a_window_expires_with_its_limit(cache_backend):
    """A window's counter lives one second past its window, so stale counters
    never pile up (Redis sets the expiry in the same round trip)."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.skip("expiry is read back from Redis only")
    with time_machine.travel(START, tick=False):
        _send()
        window = int(START.timestamp() // 60)
        key = backend.make_and_validate_key(
            f"khabar:comment-rate:ip:10.1.1.1:60:{window}"
        )
        client = backend._cache.get_client(write=False)
        assert int(client.get(key)) == 1
        assert 0 < client.ttl(key) <= 61
