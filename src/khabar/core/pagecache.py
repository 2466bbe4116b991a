"""A page cache for anonymous readers, invalidated by what a page shows.

A view marks its response with the *dependencies* it was built from
(``page_cache_mark(response, "site", f"comments:{pk}")``). The middleware
stores a marked response for anonymous GETs together with the current
*version* of each dependency, and serves it again as long as every version is
unchanged. Writes bump versions (``page_cache_bump("site")``), from signal
handlers connected in ``site.apps`` — so a page is rendered once and served
from the cache until something it shows changes, not until a timer runs out.

Versions are random tokens, not counters: a version evicted from the cache
comes back as a new token, which can only cause a miss, never a stale hit.

A response is cached only when it sets no cookie and does not vary on the
cookie, so no reader ever gets another's CSRF token or session. The comment
form's CSRF token and captcha come from a small uncached request
(``/comments/state/``); see ``comments.views.comment_state``.

Each entry keeps a gzip copy, sent to clients that accept it (this is safe
here, unlike compressing pages with CSRF tokens: cached pages carry none).
Browsers and CDNs get ``ETag`` (and 304 answers), ``Cache-Control`` with
``s-maxage`` and the dependencies as surrogate keys (``Surrogate-Key`` for
Fastly-style purges, ``Cache-Tag`` for Cloudflare).
"""

import gzip
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag

from .replica import LAST_CHANGE_KEY

DEPS_ATTRIBUTE = "khabar_cache_deps"
TTL_ATTRIBUTE = "khabar_cache_ttl"
KEEP_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link", "X-Robots-Tag")
# Where the middleware leaves a request's entry key for the WSGI fast path.
KEY_ENVIRON = "khabar.pagecache.key"


def _setting(name: str, default):
    return getattr(settings, name, default)


def _cache():
    return caches[_setting("KHABAR_PAGE_CACHE_ALIAS", "default")]


def page_cache_mark(response: HttpResponse, *deps: str, ttl: int | None = None):
    """Declare what ``response`` was built from, making it cacheable.

    ``ttl`` bounds the entry's life for content that changes with time rather
    than with a write (a «فوری» flag that expires, today's most-read list).
    """
    setattr(response, DEPS_ATTRIBUTE, tuple(dict.fromkeys(deps)))
    if ttl is not None:
        setattr(response, TTL_ATTRIBUTE, max(1, int(ttl)))
    return response


def page_cache_bump(*deps: str) -> None:
    """Invalidate every cached page built from any of ``deps``.

    Inside a transaction the versions change now and again when it commits:
    a page rendered in between read the rows as they were before the
    change and was stored under the first new version; the second bump
    drops it (Wagtail publishes inside a transaction). Also stamps the time
    of the change, which keeps reads on the primary database while a read
    replica catches up (``core.replica``).
    """
    _bump(deps)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(deps))


def _bump(deps: tuple[str, ...]) -> None:
    tokens = {dep: uuid.uuid4().hex for dep in deps}
    versions = {_version_key(dep): token for dep, token in tokens.items()}
    _cache().set_many({**versions, LAST_CHANGE_KEY: time.time()}, None)
    for dep, token in tokens.items():
        LOCAL.remember(dep, token)


def page_cache_version(dep: str) -> str:
    """Return the current version of ``dep``: it changes whenever ``dep`` is bumped.

    Other caches key derived values by it (``newsroom.caching.for_site_version``)
    to drop them exactly when the pages built from ``dep`` are dropped.
    """
    return _versions((dep,))[0]


def _version_key(dep: str) -> str:
    return f"pcv:{dep}"


def _versions(deps: tuple[str, ...]) -> tuple[str, ...]:
    """Return the current version of each of ``deps``.

    A version read from the shared cache is trusted in this process for
    ``KHABAR_PAGE_CACHE_VERSION_SECONDS`` (1): a hit then touches no shared
    store, and a change made by another worker reaches this one within that
    time (this process's own changes at once, through ``page_cache_bump``).
    """
    fresh_for = _setting("KHABAR_PAGE_CACHE_VERSION_SECONDS", 1.0)
    known = {dep: LOCAL.version(dep, fresh_for) for dep in deps}
    missing = {dep: _version_key(dep) for dep, token in known.items() if not token}
    if missing:
        cache = _cache()
        found = cache.get_many(list(missing.values()))
        for dep, key in missing.items():
            if key not in found:
                cache.add(key, uuid.uuid4().hex, None)
                found[key] = cache.get(key)
            known[dep] = found[key]
            if found[key]:
                LOCAL.remember(dep, found[key])
    return tuple(known[dep] for dep in deps)


def _entry_key(request: HttpRequest) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return "pce:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class _Entry:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    compressed: bytes | None
    deps: tuple[str, ...]
    versions: tuple[str, ...]
    etag: str
    expires: float


def _anonymous(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        _setting("KHABAR_PAGE_CACHE", True)
        and request.method in ("GET", "HEAD")
        and _anonymous(request)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    vary = response.get("Vary", "").lower()
    return (
        getattr(response, DEPS_ATTRIBUTE, None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
    )


_GZIP = re.compile(r"\bgzip\b")


def accepts_gzip(accept_encoding: str) -> bool:
    """Tell whether an ``Accept-Encoding`` value admits the stored gzip copy."""
    return bool(_GZIP.search(accept_encoding))


MIN_COMPRESS = 200


def _compress(content: bytes) -> bytes | None:
    """Return a gzip copy worth sending (cached pages hold no secrets to leak)."""
    if len(content) < MIN_COMPRESS:
        return None
    packed = gzip.compress(content, compresslevel=6, mtime=0)
    return packed if len(packed) < len(content) else None


def _accepts_gzip(request: HttpRequest) -> bool:
    return accepts_gzip(request.headers.get("Accept-Encoding", ""))


class _LocalEntries:
    """The most recent entries, kept in this process as well.

    With Redis a hit then costs at most one round trip (the versions) instead
    of two (the entry, then its versions), and no unpickling of the page.
    Versions come from the shared cache, trusted here for a second.
    """

    def __init__(self, size: int):
        self._items: OrderedDict[str, tuple[_Entry, float]] = OrderedDict()
        self._versions: dict[str, tuple[str, float]] = {}
        self._size = size
        self._lock = threading.Lock()

    def version(self, dep: str, fresh_for: float) -> str | None:
        """Return the version of ``dep`` read less than ``fresh_for`` s ago."""
        seen = self._versions.get(dep)
        if seen is None or time.monotonic() - seen[1] >= fresh_for:
            return None
        return seen[0]

    def remember(self, dep: str, token: str) -> None:
        self._versions[dep] = (token, time.monotonic())

    def get(self, key: str) -> "_Entry | None":
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[1] < time.time():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: str, entry: "_Entry", ttl: int) -> None:
        with self._lock:
            self._items[key] = (entry, time.time() + ttl)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._versions.clear()


LOCAL = _LocalEntries(size=500)


def entry_if_fresh(key: str) -> "_Entry | None":
    """Return this process's entry under ``key`` if its dependencies are unchanged."""
    entry = LOCAL.get(key)
    if entry is not None and _versions(entry.deps) == entry.versions:
        return entry
    return None


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; store marked responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _entry_key(request)
        request.META[KEY_ENVIRON] = key
        entry = self._fresh(key)
        if entry is not None:
            return self._answer(request, entry, hit=True)
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if not _cacheable_response(response):
            return response
        entry = self._store(key, response)
        return self._answer(request, entry, hit=False)

    def _fresh(self, key: str) -> "_Entry | None":
        """Return a stored entry whose dependencies are unchanged: ours, else shared."""
        for lookup in (LOCAL.get, _cache().get):
            entry = lookup(key)
            if entry is not None and _versions(entry.deps) == entry.versions:
                if lookup is not LOCAL.get:
                    LOCAL.put(key, entry, entry.expires - time.time())
                return entry
        return None

    def _store(self, key: str, response: HttpResponse) -> _Entry:
        deps = getattr(response, DEPS_ATTRIBUTE)
        content = response.content
        ttl = getattr(response, TTL_ATTRIBUTE, None) or _setting(
            "KHABAR_PAGE_CACHE_TTL", 24 * 3600
        )
        entry = _Entry(
            status=response.status_code,
            compressed=_compress(content),
            headers=tuple(
                (name, response[name]) for name in KEEP_HEADERS if name in response
            ),
            content=content,
            deps=deps,
            versions=_versions(deps),
            etag=quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest()),
            expires=time.time() + ttl,
        )
        _cache().set(key, entry, ttl)
        LOCAL.put(key, entry, ttl)
        return entry

    def _answer(self, request: HttpRequest, entry: _Entry, hit: bool) -> HttpResponse:
        zipped = entry.compressed is not None and _accepts_gzip(request)
        etag = entry.etag[:-1] + '-gz"' if zipped else entry.etag
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponse(status=304)
        else:
            body = entry.compressed if zipped else entry.content
            response = HttpResponse(body, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
            if zipped:
                response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(body))
        patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = etag
        shared = _setting("KHABAR_PAGE_CACHE_SHARED_MAX_AGE", 60)
        response["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
        keys = " ".join(entry.deps)
        response["Surrogate-Key"] = keys
        response["Cache-Tag"] = keys.replace(" ", ",")
        response["X-Khabar-Cache"] = "hit" if hit else "miss"
        return response
