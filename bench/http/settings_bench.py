"""The production profile with the per-reader comment limits lifted.

Every benchmark request comes from 127.0.0.1, so the per-IP limits (5 a
minute) would turn the comment POST figure into a 429 count. WordPress's
anchor sends each comment with its own X-Forwarded-For for the same reason.
"""

from khabar.settings.prod import *  # noqa: F403

UNLIMITED = 10**9
KHABAR_COMMENT_RATE_LIMITS = {
    "ip": (UNLIMITED, 60),
    "ip_hour": (UNLIMITED, 3600),
    "story": (UNLIMITED, 60),
}
