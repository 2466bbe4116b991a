"""Public reads from a PostgreSQL read replica, everything else from the primary.

Installed only when ``DATABASE_REPLICA_URL`` is set (settings/base.py). A
request is *pinned* to the primary when what it reads must be fresh:

- it may write (any method but GET, HEAD and OPTIONS);
- it is the newsroom's (``/admin/``), or carries a session cookie (a
  signed-in editor, a reader who just voted);
- something readers see changed less than ``KHABAR_REPLICA_LAG`` seconds
  ago (5 by default). Every such change bumps a page-cache version
  (``core.pagecache.page_cache_bump``), which also stamps the time; a page
  rendered from a replica that has not caught up yet would otherwise be
  cached with the old content until the next change.

Everything else (an anonymous reader's page on a cache miss, feeds,
sitemaps, the API) reads from the replica. Writes always go to the primary,
and migrations run there only (the replica copies them).
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_CHANGE_KEY = "db:last-change"

_pinned: ContextVar[bool] = ContextVar("khabar_replica_pinned", default=True)


def _lag() -> float:
    return float(getattr(settings, "KHABAR_REPLICA_LAG", 5))


def _changed_recently() -> bool:
    alias = getattr(settings, "KHABAR_PAGE_CACHE_ALIAS", "default")
    last = caches[alias].get(LAST_CHANGE_KEY)
    return last is not None and time.time() - float(last) < _lag()


def request_needs_primary(request) -> bool:
    """Tell whether ``request`` must read from the primary (see the module doc)."""
    return (
        request.method not in SAFE_METHODS
        or request.path.startswith("/admin/")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or _changed_recently()
    )


class ReplicaPinMiddleware:
    """Decide per request whether reads may go to the replica (outside: never)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pinned.set(request_needs_primary(request))
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)


class PrimaryReplicaRouter:
    """Send unpinned reads to the replica, and writes and migrations to the primary.

    Outside a request (commands, the task worker, tests) every read is pinned.
    """

    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() else REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
