"""News codes: drawn at first publication, unique, never reused, kept by imports."""

import pytest
from django.test import override_settings

from khabar.newsroom.models import ArticlePage
from khabar.newsroom.services import article_publish, news_code_reserve
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@override_settings(KHABAR_NEWS_CODE_START=5000)
def test_codes_start_at_the_configured_value_and_increase():
    first, second = ArticleFactory(), ArticleFactory()
    assert (first.news_code, second.news_code) == (5000, 5001)


def test_draft_has_no_code_until_first_publication():
    draft = ArticleFactory(publish=False)
    assert draft.news_code is None
    published = article_publish(article=draft)
    assert published.news_code is not None


def test_republishing_keeps_the_code():
    article = ArticleFactory()
    code = article.news_code
    article.title = "تیتر ویرایش\u200cشده"
    article = article_publish(article=article)
    assert article.news_code == code


def test_reverting_to_a_revision_from_before_publication_keeps_the_code():
    draft = ArticleFactory(publish=False)
    early = draft.save_revision()
    article = article_publish(article=draft)
    code = article.news_code
    early.publish()
    assert ArticlePage.objects.get(pk=article.pk).news_code == code


def test_deleted_code_is_never_reused():
    article = ArticleFactory()
    code = article.news_code
    article.delete()
    assert ArticleFactory().news_code > code


def test_imported_code_is_reserved():
    news_code_reserve(code=900_000)
    assert ArticleFactory().news_code == 900_001


def test_url_carries_the_code_and_survives_a_headline_edit(client):
    article = ArticleFactory(slug="first-slug")
    url = article.url
    assert url == f"/news/{article.news_code}/first-slug/"
    article.slug = "edited-slug"
    article_publish(article=article)
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == f"/news/{article.news_code}/edited-slug/"
