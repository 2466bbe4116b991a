"""bench/http's settings (production profile, comment limits lifted), plus a log.

With ``DEBUG = False`` Django sends a 500's traceback only to ``mail_admins``,
so a "database is locked" or a lost PostgreSQL connection would never show in
the server's log. This adds a console handler for ``django.request`` so the
benchmark can grep for them.
"""

from settings_bench import *  # noqa: F403
from settings_bench import LOGGING

LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING["loggers"],
        "django.request": {"handlers": ["console"], "level": "WARNING"},
        "django.db.backends": {"handlers": ["console"], "level": "WARNING"},
    },
}
