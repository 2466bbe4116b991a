"""The spam rule: links, phone numbers, ad phrases and repetition counts."""

import pytest

from khabar.moderation.engine import moderate
from khabar.moderation.engine.spam import SpamLimits, spam_score


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("برای سفارش با ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید", "spam_ad"),
        ("تخفیف ویژه! عضو کانال تلگرام ما شوید t.me/shop_offers", "spam_ad"),
        ("شماره من 0912 345 6789 است", "spam_phone"),
        ("+989123456789", "spam_phone"),
        ("ببینید https://a.example.com و https://b.example.com", "spam_link"),
    ],
)
def test_spam_signals_are_found(text: str, reason: str) -> None:
    score, code, spans = spam_score(text)
    assert code == reason
    assert score >= 0.6
    assert spans


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_one_link_in_a_real_comment_passes_and_two_hold() -> None:
    one = "گزارش کامل را در https://example.com/report دیدم، دقیق بود."
    assert spam_score(one)[0] < 0.6
    two = one + " و همین‌طور https://example.org/other"
    assert spam_score(two)[0] >= 0.6


def test_link_threshold_is_configurable() -> None:
    text = "ببینید https://example.com/a و https://example.com/b"
    assert spam_score(text, limits=SpamLimits(links=4))[0] < 0.6
    assert spam_score(text, limits=SpamLimits(links=1))[0] == pytest.approx(1.0)
    assert moderate(text).decision == "hold"


def test_repetition_counts_are_scored() -> None:
    text = "این خبر درست نیست"
    assert spam_score(text)[0] == 0.0
    assert spam_score(text, {"same_text_recent": 3})[1] == "spam_repeat"
    assert spam_score(text, {"same_text_recent": 3})[0] == 1.0
    assert spam_score(text, {"recent_from_source": 5})[0] == pytest.approx(0.5)
    assert moderate(text, counts={"same_text_recent": 5}).decision == "reject"


def test_news_words_alone_are_not_an_ad() -> None:
    text = "قدرت خرید مردم در سال گذشته کاهش یافت و تورم بالا رفت."
    assert moderate(text).decision == "publish"


def test_phone_spans_cover_the_number() -> None:
    text = "زنگ بزنید ۰۹۱۲۱۲۳۴۵۶۷"
    _, _, spans = spam_score(text)
    assert [text[a:b] for a, b in spans] == ["۰۹۱۲۱۲۳۴۵۶۷"]
