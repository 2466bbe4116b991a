"""Settings shared by every profile. Values that differ come from the environment.

``DATABASE_URL`` chooses the database (default: SQLite in WAL mode under
``var/``); ``REDIS_URL``, when set, moves the cache to Redis.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str, var_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = var_dir()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "khabar.core",
    "khabar.newsroom",
    "khabar.comments",
    "khabar.moderation",
    "khabar.search",
    "khabar.site",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A database that went away (a PostgreSQL restart) answers 503, not 500.
    "khabar.core.dbfaults.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page goes out compressed, rendered or cached; the page cache's own
    # gzip copies (inside) pass through as they are, and WhiteNoise (outside)
    # serves static files precompressed. Django pads against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "khabar.core.security.ContentSecurityPolicyMiddleware",
    "khabar.core.middleware.RejectNulMiddleware",
    "khabar.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "khabar.site.middleware.KnownSiteMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "khabar.core.twofactor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Password guessing on the newsroom's login: after 5 failures for one user
# name from one address, that pair is locked out for 15 minutes (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
# Logins are locked out per reader address, found as comments find it.
AXES_CLIENT_IP_CALLABLE = "khabar.core.clientip.client_ip"
# How many proxies of ours stand in front of the app servers (nginx, a load
# balancer): the reader's address is read from X-Forwarded-For that far
# from the right (core.clientip). 0 trusts no header.
KHABAR_PROXY_COUNT = env_int("KHABAR_PROXY_COUNT", 0)

# Two-factor login for staff (core/twofactor/, django-otp): optional per user;
# with KHABAR_STAFF_2FA_REQUIRED on, every admin user must enroll an
# authenticator app before the admin opens. OTP_TOTP_ISSUER is the name the
# app shows beside the code.
KHABAR_STAFF_2FA_REQUIRED = env_bool("KHABAR_STAFF_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = "Khabar"

ROOT_URLCONF = "khabar.urls"
WSGI_APPLICATION = "khabar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "khabar.site.context_processors.site_chrome",
            ],
        },
    },
]


def _database_config() -> dict:
    """Return the default database: ``DATABASE_URL`` or SQLite (WAL) under var/."""
    url = env_str("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "khabar.sqlite3",
        # Opening SQLite and running the PRAGMAs below costs more than most
        # queries of a request: keep each thread's connection.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets readers proceed while a writer commits; IMMEDIATE takes
            # the write lock at BEGIN so concurrent writers wait instead of
            # failing half-way with "database is locked".
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database_config()}
# A PostgreSQL read replica takes the public site's reads (core/replica.py,
# docs/deploy.md); KHABAR_REPLICA_LAG seconds after a change reads stay on
# the primary.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["khabar.core.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("khabar.core.pagecache.PageCacheMiddleware") + 1,
        "khabar.core.replica.ReplicaPinMiddleware",
    )
KHABAR_REPLICA_LAG = env_int("KHABAR_REPLICA_LAG", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_config() -> dict:
    """Return the default cache: Redis when ``REDIS_URL`` is set, else in-process."""
    url = env_str("REDIS_URL")
    if url:
        return {
            "BACKEND": "khabar.core.rediscache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "khabar",
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": _cache_config()}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Stored times are UTC (USE_TZ); Tehran is only the display time zone.
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from here once collected
# Before `collectstatic` (development, tests) WhiteNoise finds files in the apps.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "خبر"
WAGTAILADMIN_BASE_URL = env_str("KHABAR_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploaded images: raster formats only (no SVG), at most 10 MB and 40
# megapixels, so a small file cannot unpack into a huge bitmap (Wagtail
# checks both before Pillow decodes the image).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"]
TAGGIT_CASE_INSENSITIVE = True

# The page cache for anonymous readers (core/pagecache.py); off only to
# measure rendering (bench/http) or to debug templates.
KHABAR_PAGE_CACHE = env_bool("KHABAR_PAGE_CACHE", True)

# The access log (core/accesslog.py): off when empty, "-" for standard
# output, else a file rotated at the size given, keeping that many old files.
KHABAR_ACCESS_LOG = env_str("KHABAR_ACCESS_LOG")
KHABAR_ACCESS_LOG_MAX_BYTES = env_int("KHABAR_ACCESS_LOG_MAX_BYTES", 50 * 1024 * 1024)
KHABAR_ACCESS_LOG_BACKUPS = env_int("KHABAR_ACCESS_LOG_BACKUPS", 5)

# Days a deleted story or comment waits in the trash, restorable, before
# `khabar trash expire` (run daily) deletes it for good.
KHABAR_TRASH_DAYS = env_int("KHABAR_TRASH_DAYS", 30)
# Moderation: a retrained insult model file (the prior the site learns on);
# how many new moderator decisions start a new site model; how old the
# insult hold band may get (seconds) before it follows the traffic again.
KHABAR_INSULT_MODEL = env_str("KHABAR_INSULT_MODEL")
KHABAR_LEARN_EVERY = env_int("KHABAR_LEARN_EVERY", 100)
KHABAR_BAND_SECONDS = env_int("KHABAR_BAND_SECONDS", 300)

# Background tasks (search indexing, reply emails, Wagtail's own) run inline
# here; the production profile queues them in the database for
# `khabar db_worker` (settings/prod.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"khabar": {"handlers": ["console"], "level": "INFO"}},
}
