"""Per-reader and per-story comment limits count exactly, on every cache backend."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from khabar.comments.limits import comment_rate_exceeded

START = datetime(2026, 11, 29, 10, 0, 5, tzinfo=UTC)


@pytest.fixture(params=["locmem", "disk"])
def cache_backend(request, settings, tmp_path):
    """The in-process cache of development and the shared disk cache of prod."""
    backend = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "disk": {
            "BACKEND": "khabar.core.diskcache.PersistentDiskCache",
            "LOCATION": str(tmp_path / "cache"),
            "SHARDS": 2,
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
