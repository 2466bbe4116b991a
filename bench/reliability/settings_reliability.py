"""bench/http's settings (production profile, comment limits lifted), plus a log.

With ``DEBUG = False`` Django sends a 500's traceback only to ``mail_admins``,
so a "database is locked" or a lost PostgreSQL connection would never show in
gunicorn's log. This adds a console handler for ``django.request`` so the
benchmark can grep for them. ``KHABAR_BENCH_DBFAULTS=1`` also puts the
proposed ``khabar.core.dbfaults.DatabaseUnavailableMiddleware`` right after
``SecurityMiddleware`` (docs/reliability.md), to measure the fix next to the
code as shipped.
"""

import os

from settings_bench import *  # noqa: F403
from settings_bench import LOGGING, MIDDLEWARE

LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING["loggers"],
        "django.request": {"handlers": ["console"], "level": "WARNING"},
        "django.db.backends": {"handlers": ["console"], "level": "WARNING"},
    },
}

if os.environ.get("KHABAR_BENCH_DBFAULTS") == "1":
    # Where docs/reliability.md proposes it: right after SecurityMiddleware.
    MIDDLEWARE = [
        MIDDLEWARE[0],
        "khabar.core.dbfaults.DatabaseUnavailableMiddleware",
        *MIDDLEWARE[1:],
    ]
