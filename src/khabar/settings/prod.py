"""Production: every secret from the environment, startup fails without it.

``khabar serve --prod`` runs gunicorn with these settings. PostgreSQL and
Redis come from ``DATABASE_URL`` and ``REDIS_URL`` (see base.py and
docs/deploy.md); without them it still runs on SQLite and a per-process cache.
"""

from .base import *  # noqa: F401, F403
from .base import CACHES, VAR_DIR
from .env import env_bool, env_int, env_required, env_str

DEBUG = False
SECRET_KEY = env_required(
    "SECRET_KEY",
    "a long random string, e.g. python -c 'import secrets; "
    "print(secrets.token_urlsafe(50))'",
)
SESSION_COOKIE_SECURE = env_bool("KHABAR_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("KHABAR_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only, by default: a year of HSTS and a redirect from plain HTTP.
# Behind a TLS-terminating proxy set KHABAR_BEHIND_PROXY=1; for a plain-HTTP
# test run set KHABAR_SSL_REDIRECT=0 KHABAR_HSTS_SECONDS=0.
SECURE_HSTS_SECONDS = env_int("KHABAR_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Only a header; the site joins browsers' preload lists only if submitted.
SECURE_HSTS_PRELOAD = env_bool("KHABAR_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_SSL_REDIRECT = env_bool("KHABAR_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("KHABAR_BEHIND_PROXY", False)
    else None
)
X_FRAME_OPTIONS = "DENY"

# Hashed names (cached for a year by browsers and CDNs) and pre-compressed
# gzip/brotli copies, both served by WhiteNoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# With Redis, sessions live in the cache (and the database, so a Redis
# restart logs nobody out). Without it, gunicorn's worker processes share a
# cache on disk: an in-process cache would let one worker invalidate a page,
# count a rate limit or drop the moderation settings that the others keep.
# diskcache keeps it in sharded SQLite files (docs/decisions/0003): Django's
# own file cache lists its whole folder on every write (23 ms per write with
# 20,000 rate-limit entries, against 46 µs here).
if "redis" in CACHES["default"]["BACKEND"].lower():
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "khabar.core.diskcache.PersistentDiskCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "SHARDS": 8,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": 2**29},
        }
    }

# Background work goes to the database queue; run `khabar db_worker` beside
# the web server (KHABAR_TASKS=immediate runs it inline instead).
if env_str("KHABAR_TASKS", "database") != "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
