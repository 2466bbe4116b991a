"""The not_persian rule: languages, scripts, Finglish and short comments."""

import pytest

from khabar.moderation.engine import moderate
from khabar.moderation.engine.finglish import looks_finglish, to_finglish
from khabar.moderation.engine.rules import check_not_persian

ZWNJ = "\u200c"


def score(text: str) -> float:
    finding = check_not_persian(text)
    return finding.score if finding else 0.0


@pytest.mark.parametrize(
    "text",
    [
        f"به نظرم این تصمیم دولت برای بازار مسکن خیلی دیر گرفته شد و اثری نمی{ZWNJ}گذارد.",
        "خیلی ممنون از گزارش خوبتون",
        "اسم وکیلشون چیه؟",
        "عالی بود",
        "موافقم",
        "ممنون",
        "گلللللللل",
        "مقاله را در https://example.com/fa/news/123 هم خواندم و خوب بود.",
        "به قول Steve Jobs باید گرسنه ماند.",
        "پیام من به @khabar_news این است که ادامه بدهید.",
        "پندار نیــک، گفتار نیــک، کردار نیــک",
        "برای خبرهای بیشتر #ایران را دنبال کنید",
    ],
)
def test_persian_comments_are_not_flagged(text: str) -> None:
    assert score(text) < 0.5


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("هذا الخبر مهم جدا ونحن نتابع الأحداث في المنطقة بكل اهتمام.", "ar"),
        ("یہ خبر بہت اہم ہے اور ہم اس پر نظر رکھے ہوئے ہیں۔", "ur"),
        ("دا خبر ډېر مهم دی او موږ یې په اړه فکر کوو.", "ps"),
        ("This is a great article, thank you for writing it.", "latin"),
    ],
)
def test_foreign_sentences_are_rejected(text: str, lang: str) -> None:
    finding = check_not_persian(text)
    assert finding is not None and finding.score >= 0.9
    verdict = moderate(text)
    assert verdict.decision == "reject"
    assert verdict.reason in {"not_persian", "finglish"}


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_finglish_is_rejected_with_its_own_reason() -> None:
    verdict = moderate("salam, man in khabar ro kheili doost dashtam merci")
    assert verdict.decision == "reject"
    assert verdict.reason == "finglish"
    assert verdict.message.startswith("نظرهایی که با حروف لاتین")


def test_single_foreign_word_is_only_held() -> None:
    assert moderate("Hello").decision == "hold"


def test_english_is_not_finglish() -> None:
    assert not looks_finglish("The government announced new measures today")
    assert looks_finglish("man kheili khoshhalam ke in khabar ro didam")


def test_generated_finglish_is_latin_and_flagged() -> None:
    text = to_finglish("من امروز به مدرسه رفتم و خیلی خوشحال شدم", seed=3)
    assert text.isascii()
    assert score(text) >= 0.9


def test_text_without_letters_is_not_a_language_question() -> None:
    assert check_not_persian("😀😀😀 !!!") is None
    assert check_not_persian("۱۲۳۴") is None
