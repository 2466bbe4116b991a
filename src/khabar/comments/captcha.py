"""An arithmetic captcha: two small numbers whose sum the reader types.

The question travels to the browser signed and time-stamped, so the server
keeps no state until an answer arrives; each question can be answered once
(its nonce is recorded in ``CaptchaUse``) and only within
``KHABAR_CAPTCHA_MAX_AGE`` seconds.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from khabar.core.persian import to_latin_digits, to_persian_digits

from .models import CaptchaUse

SALT = "khabar.comments.captcha"
CLEANUP_KEY = "captcha:cleanup"
CLEANUP_SECONDS = 60
CLEANUP_SAMPLE = 16


@dataclass(frozen=True)
class Captcha:
    """A question to show («۳ + ۵ =») and the signed token that carries it."""

    question: str
    token: str


class CaptchaError(Exception):
    """The answer was refused; ``code`` is wrong, expired, replayed or forged."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _max_age() -> int:
    return getattr(settings, "KHABAR_CAPTCHA_MAX_AGE", 15 * 60)


def captcha_new() -> Captcha:
    """Return a fresh question with two numbers from 1 to 9."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps(
        {"a": first, "b": second, "n": secrets.token_hex(16)}, salt=SALT
    )
    return Captcha(question=to_persian_digits(f"{first} + {second} ="), token=token)


def captcha_verify(*, token: str, answer: str) -> None:
    """Accept a correct, fresh, first answer to ``token``; raise CaptchaError otherwise.

    The question is spent before the answer is compared, so a wrong answer
    cannot be retried against the same question.
    """
    try:
        data = signing.loads(token, salt=SALT, max_age=_max_age())
    except signing.SignatureExpired as error:
        raise CaptchaError("expired") from error
    except signing.BadSignature as error:
        raise CaptchaError("forged") from error
    _spend(str(data["n"]))
    cleaned = to_latin_digits(answer or "").strip()
    # isdigit() alone admits «²» and other digits int() refuses.
    if (
        not (cleaned.isascii() and cleaned.isdigit())
        or int(cleaned) != data["a"] + data["b"]
    ):
        raise CaptchaError("wrong")


def _spend(nonce: str) -> None:
    """Record ``nonce`` as used; a second use is a replay.

    One ``INSERT … ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL alike): a
    replay inserts no row, so no error has to be caught in a transaction of
    its own. Every comment POST spends one; on PostgreSQL that transaction's
    BEGIN and COMMIT were two of the POST's round trips.
    """
    table = connection.ops.quote_name(CaptchaUse._meta.db_table)
    used_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (nonce, used_at) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (nonce) DO NOTHING",
            [nonce, used_at],
        )
        if cursor.rowcount != 1:
            raise CaptchaError("replayed")
    # Forgetting spent questions too old to verify anyway is bookkeeping:
    # one request in each CLEANUP_SECONDS does it (cache.add is the gate),
    # and only one POST in CLEANUP_SAMPLE even asks the cache.
    if secrets.randbelow(CLEANUP_SAMPLE) == 0 and cache.add(
        CLEANUP_KEY, 1, CLEANUP_SECONDS
    ):
        cutoff = timezone.now() - timedelta(seconds=2 * _max_age())
        CaptchaUse.objects.filter(used_at__lt=cutoff).delete()
