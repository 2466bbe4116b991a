"""An editor writes and publishes an article through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import home_page_get
from khabar.newsroom.services import service_get_or_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("dabir", "dabir@example.com", "pw")
    client.force_login(user)
    return user


def article_form(**overrides):
    data = {
        "title": "افتتاح کتابخانه تازه در مرکز شهر",
        "slug": "new-library",
        "overline": "فرهنگی",
        "lead": "کتابخانه\u200cای با ده هزار جلد کتاب امروز گشایش یافت.",
        "body": streamfield([("paragraph", rich_text("<p>متن خبر درباره کتابخانه.</p>"))]),
        "tags": "کتاب, کتابخانه",
        "related_links": inline_formset([]),
        "byline": "",
        "source_agency": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_saving_a_draft_draws_no_code_and_publishing_draws_one(client, editor):
    service = service_get_or_create(home=home_page_get(), name="فرهنگی")
    add_url = reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk))
    assert client.get(add_url).status_code == 200
    assert client.post(add_url, article_form()).status_code == 302
    draft = ArticlePage.objects.get(slug="new-library")
    assert not draft.live and draft.news_code is None

    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    response = client.post(edit_url, article_form(**{"action-publish": "publish"}))
    assert response.status_code == 302
    published = ArticlePage.objects.get(pk=draft.pk)
    assert published.live and published.news_code is not None
    assert sorted(tag.name for tag in published.tags.all()) == ["کتاب", "کتابخانه"]
    client.logout()
    page = client.get(f"/x/{published.news_code}", follow=True)
    assert "افتتاح کتابخانه تازه در مرکز شهر" in page.content.decode()


def test_edit_view_of_an_imported_article_renders(client, editor):
    article = ArticleFactory()
    response = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code == 200
