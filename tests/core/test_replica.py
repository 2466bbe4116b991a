"""The read-replica router: which requests may read from the replica, and which not."""

import pytest
from django.test import RequestFactory

from khabar.core.pagecache import page_cache_bump
from khabar.core.replica import (
    PRIMARY,
    REPLICA,
    PrimaryReplicaRouter,
    ReplicaPinMiddleware,
)
from khabar.newsroom.models import ArticlePage
from tests.core.test_settings import run_python

router = PrimaryReplicaRouter()
factory = RequestFactory()


def _reads_during(request) -> str:
    """Return the alias reads were routed to while ``request`` was handled."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(ArticlePage))
        return None

    ReplicaPinMiddleware(view)(request)
    return seen[0]


def _with_session(request):
    request.COOKIES["sessionid"] = "abc"
    return request


@pytest.mark.parametrize(
    ("request_", "alias"),
    [
        pytest.param(factory.get("/news/1224974/x/"), REPLICA, id="anonymous-page"),
        pytest.param(factory.get("/feeds/rss/"), REPLICA, id="feed"),
        pytest.param(factory.head("/api/articles"), REPLICA, id="api-head"),
        pytest.param(factory.post("/comments/post/1/"), PRIMARY, id="comment-post"),
        pytest.param(factory.delete("/api/articles"), PRIMARY, id="delete"),
        pytest.param(factory.get("/admin/pages/"), PRIMARY, id="newsroom"),
        pytest.param(_with_session(factory.get("/")), PRIMARY, id="signed-in"),
    ],
)
def test_requests_are_routed_by_what_they_need(request_, alias):
    assert _reads_during(request_) == alias


def test_reads_stay_on_the_primary_while_the_replica_catches_up(settings):
    settings.KHABAR_REPLICA_LAG = 60
    page_cache_bump("site")
    assert _reads_during(factory.get("/")) == PRIMARY
    settings.KHABAR_REPLICA_LAG = 0
    assert _reads_during(factory.get("/")) == REPLICA


def test_outside_a_request_everything_uses_the_primary():
    assert router.db_for_read(ArticlePage) == PRIMARY
    assert router.db_for_write(ArticlePage) == PRIMARY
    assert router.allow_migrate(PRIMARY, "newsroom")
    assert not router.allow_migrate(REPLICA, "newsroom")


def test_a_replica_url_installs_the_router_and_the_middleware(tmp_path):
    code = (
        "import khabar.settings.prod as s\n"
        "print(s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS[0])\n"
        "print(s.MIDDLEWARE.index('khabar.core.replica.ReplicaPinMiddleware')"
        " - s.MIDDLEWARE.index('khabar.core.pagecache.PageCacheMiddleware'))"
    )
    result = run_python(
        code,
        KHABAR_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app@primary.internal:5432/khabar",
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/khabar",
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n")[:2]
    assert first == "replica.internal khabar.core.replica.PrimaryReplicaRouter"
    assert second == "1"
    without = run_python(
        "import khabar.settings.prod as s\n"
        "print(len(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []))",
        KHABAR_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 50,
    )
    assert without.stdout.split() == ["1", "[]"]
