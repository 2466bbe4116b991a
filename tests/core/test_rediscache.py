"""The production Redis cache reuses one client object per server."""

import uuid

import pytest
import redis

from khabar.core.rediscache import RedisCache

URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(URL, socket_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    return RedisCache(URL, {"KEY_PREFIX": f"kept-{uuid.uuid4().hex}"})


def test_one_client_serves_every_call(backend):
    first = backend._cache.get_client(write=True)
    assert backend._cache.get_client(write=True) is first
    assert backend._cache.get_client() is first  # one server: reads go there too


def test_values_round_trip_through_the_kept_client(backend):
    backend.set("story", {"code": 1224974, "title": "دیدار وزیران"}, 30)
    assert backend.get("story") == {"code": 1224974, "title": "دیدار وزیران"}
    assert backend.add("story", "other", 30) is False
    backend.set("count", 1, 30)
    assert backend.incr("count") == 2
