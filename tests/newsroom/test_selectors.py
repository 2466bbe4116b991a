"""Newsroom reads other apps rely on."""

import pytest

from khabar.newsroom import selectors
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_comment_target_loads_no_body_but_still_gives_the_whole_text(home):
    article = ArticleFactory(title="سفر وزیر به شیراز", lead="دیدار با کشاورزان فارس")
    lean = selectors.article_get_for_comment(code=article.news_code)
    assert (
        "body" in lean.get_deferred_fields() and "title" in lean.get_deferred_fields()
    )
    assert lean.url == article.url
    selectors._PLAIN_TEXTS.clear()
    from_lean = selectors.article_plain_text(article=lean)
    selectors._PLAIN_TEXTS.clear()
    assert from_lean == selectors.article_plain_text(article=article)
    assert "سفر وزیر به شیراز" in from_lean and "کشاورزان فارس" in from_lean


def test_a_withdrawn_story_takes_no_comments(home):
    article = ArticleFactory()
    code = article.news_code
    article.unpublish()
    assert selectors.article_get_for_comment(code=code) is None
