"""The off_topic rule: similarity to the article; it only ever holds."""

import pytest

from khabar.moderation.engine import moderate
from khabar.moderation.engine.topic import off_topic_score

ARTICLE = (
    "تیم ملی فوتبال ایران در دیدار دوستانه برابر ژاپن به برتری رسید. "
    "سرمربی تیم ملی پس از بازی گفت بازیکنان جوان عملکرد خوبی داشتند و "
    "تیم برای جام جهانی آماده می‌شود. فوتبال ایران ژاپن جام جهانی"
)


def test_comment_about_the_story_is_on_topic() -> None:
    comment = "بازیکنان جوان تیم ملی در این بازی عالی بودند و سرمربی هم تاکتیک خوبی چید"
    assert off_topic_score(comment, ARTICLE) == 0.0


def test_unrelated_comment_is_held_never_rejected() -> None:
    comment = "قیمت گوجه فرنگی و پیاز در میدان تره بار امروز دوباره گران شده است"
    assert off_topic_score(comment, ARTICLE) >= 0.8
    verdict = moderate(comment, article_text=ARTICLE)
    assert verdict.decision == "hold"
    assert verdict.reason == "off_topic"


@pytest.mark.parametrize(
    "comment", ["عالی بود", "خدا رحمت کند", "موافقم", "ممنون", "خسته نباشید"]
)
def test_short_reactions_are_on_topic(comment: str) -> None:
    assert off_topic_score(comment, ARTICLE) == 0.0
    assert moderate(comment, article_text=ARTICLE).decision == "publish"


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_no_article_means_no_off_topic_finding() -> None:
    comment = "قیمت گوجه فرنگی و پیاز در میدان تره بار امروز دوباره گران شده است"
    assert off_topic_score(comment, None) == 0.0
    assert off_topic_score(comment, "   ") == 0.0


def test_off_topic_cannot_reject_even_with_strict_thresholds() -> None:
    comment = "قیمت گوجه فرنگی و پیاز در میدان تره بار امروز دوباره گران شده است"
    verdict = moderate(
        comment, article_text=ARTICLE, thresholds={"off_topic": (0.1, 0.2)}
    )
    assert verdict.decision == "hold"
