"""The arithmetic captcha: correct answers pass once; everything else is refused."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from khabar.comments import captcha as captcha_module
from khabar.comments.captcha import SALT, CaptchaError, captcha_new, captcha_verify
from khabar.comments.models import CaptchaUse
from khabar.core.persian import to_latin_digits

pytestmark = pytest.mark.django_db


def solve(question: str) -> int:
    first, second = map(int, re.findall(r"\d+", to_latin_digits(question)))
    return first + second


def test_question_uses_two_small_persian_numbers_never_zero():
    for _ in range(200):
        captcha = captcha_new()
        assert re.fullmatch(r"[۱-۹] \+ [۱-۹] =", captcha.question)


@pytest.mark.parametrize("digits", ["latin", "persian"])
def test_correct_answer_passes_in_either_digits(digits):
    captcha = captcha_new()
    answer = str(solve(captcha.question))
    if digits == "persian":
        answer = answer.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    captcha_verify(token=captcha.token, answer=answer)


@pytest.mark.parametrize("answer", ["", "abc", "-1", "99", "۱۰۰", "²", "1²", "٣٤٥٦"])
def test_wrong_answer_is_refused(answer):
    captcha = captcha_new()
    if str(solve(captcha.question)) == answer:
        pytest.skip("the random question happens to have this answer")
    with pytest.raises(CaptchaError) as error:
        captcha_verify(token=captcha.token, answer=answer)
    assert error.value.code == "wrong"


def test_replayed_answer_is_refused():
    captcha = captcha_new()
    answer = str(solve(captcha.question))
    captcha_verify(token=captcha.token, answer=answer)
    with pytest.raises(CaptchaError) as error:
        captcha_verify(token=captcha.token, answer=answer)
    assert error.value.code == "replayed"


def test_a_wrong_answer_spends_the_question():
    captcha = captcha_new()
    with pytest.raises(CaptchaError):
        captcha_verify(token=captcha.token, answer="1000")
    with pytest.raises(CaptchaError) as error:
        captcha_verify(token=captcha.token, answer=str(solve(captcha.question)))
    assert error.value.code == "replayed"


def test_expired_answer_is_refused():
    captcha = captcha_new()
    with override_settings(KHABAR_CAPTCHA_MAX_AGE=-1):
        with pytest.raises(CaptchaError) as error:
            captcha_verify(token=captcha.token, answer=str(solve(captcha.question)))
    assert error.value.code == "expired"


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-token",
        signing.dumps({"a": 1, "b": 1, "n": "x"}, salt="another-salt"),
        signing.dumps(
            {"a": 1, "b": 1, "n": "x"}, salt=SALT, key="a-different-secret-key"
        ),
    ],
)
def test_forged_token_is_refused(token):
    with pytest.raises(CaptchaError) as error:
        captcha_verify(token=token, answer="2")
    assert error.value.code == "forged"


def test_spent_questions_too_old_to_answer_are_forgotten(monkeypatch):
    monkeypatch.setattr(captcha_module, "CLEANUP_SAMPLE", 1)  # every POST asks
    old = CaptchaUse.objects.create(nonce="old-question")
    CaptchaUse.objects.filter(pk=old.pk).update(
        used_at=timezone.now() - timedelta(hours=1)
    )
    captcha = captcha_new()
    captcha_verify(token=captcha.token, answer=str(solve(captcha.question)))
    assert not CaptchaUse.objects.filter(pk="old-question").exists()
    assert CaptchaUse.objects.count() == 1  # the question just answered
