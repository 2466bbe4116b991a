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
from django.db import IntegrityError, transaction
from django.utils import timezone

from khabar.core.persian import to_latin_digits, to_persian_digits

from .models import CaptchaUse

SALT = "khabar.comments.captcha"
CLEANUP_KEY = "captcha:cleanup"
CLEANUP_SECONDS = 60


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
    if not cleaned.isdigit() or int(cleaned) != data["a"] + data["b"]:
        raise CaptchaError("wrong")


def _spend(nonce: str) -> None:
    """Record ``nonce`` as used in its own transaction; a second use is a replay."""
    cutoff = timezone.now() - timedelta(seconds=2 * _max_age())
    try:
        with transaction.atomic():
            CaptchaUse.objects.create(nonce=nonce)
    except IntegrityError as error:
        raise CaptchaError("replayed") from error
    # Forgetting spent questions too old to verify anyway is bookkeeping: one
    # request in each CLEANUP_SECONDS does it (cache.add is the gate).
    if cache.add(CLEANUP_KEY, 1, CLEANUP_SECONDS):
        CaptchaUse.objects.filter(used_at__lt=cutoff).delete()
