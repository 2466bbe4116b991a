"""An staff writes and publishes an article through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text, streamfield

from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import home_page_get
from khabar.newsroom.services import service_get_or_create
from tests.factories import ArticleFactory
from tests.newsroom.admin_forms import article_form

pytestmark = pytest.mark.django_db


def test_saving_a_draft_draws_no_code_and_publishing_draws_one(client, staff):
    service = service_get_or_create(home=home_page_get(), name="فرهنگی")
    add_url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )
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


def test_edit_view_of_an_imported_article_renders(client, staff):
    article = ArticleFactory()
    response = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code == 200


def test_typography_is_fixed_on_save_and_the_editor_is_told(client, staff):
    service = service_get_or_create(home=home_page_get(), name="فرهنگی")
    add_url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )
    form = article_form(
        title="کتابخانه ها بهزودی باز میشوند",
        lead="لید با ي و ك عربی و عدد 12",
        body=streamfield(
            [
                (
                    "paragraph",
                    rich_text('<p>متن <a href="https://x.ir/1">پیوند 2</a> نمیشود</p>'),
                )
            ]
        ),
    )
    response = client.post(add_url, form, follow=True)
    assert response.status_code == 200
    article = ArticlePage.objects.get(slug="new-library")
    assert article.title == "کتابخانه\u200cها به\u200cزودی باز می\u200cشوند"
    assert article.lead == "لید با ی و ک عربی و عدد ۱۲"
    html = article.body[0].value.source
    assert 'href="https://x.ir/1"' in html and "نمی\u200cشود" in html
    shown = [str(m) for m in response.context["messages"]]
    assert any("ویرایش نگارشی خودکار" in m and "میشوند" in m for m in shown)


def test_clean_text_is_saved_as_is_without_a_message(client, staff):
    service = service_get_or_create(home=home_page_get(), name="فرهنگی")
    add_url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )
    response = client.post(add_url, article_form(), follow=True)
    article = ArticlePage.objects.get(slug="new-library")
    assert article.title == "افتتاح کتابخانه تازه در مرکز شهر"
    assert not any("ویرایش نگارشی" in str(m) for m in response.context["messages"])


def test_editor_is_offered_tags_and_ticked_ones_are_added(client, staff):
    article = ArticleFactory(
        title="سفر سرلشکر باقری به سوریه",
        body=[("paragraph", "<p>سرلشکر محمد باقری امروز وارد دمشق شد.</p>")],
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    html = client.get(edit_url).content.decode()
    assert 'name="suggested_tags"' in html and 'value="محمد باقری"' in html
    form = article_form(
        title=article.title,
        slug=article.slug,
        body=streamfield(
            [("paragraph", rich_text("<p>سرلشکر محمد باقری امروز وارد دمشق شد.</p>"))]
        ),
        tags="",
    )
    form["suggested_tags"] = ["محمد باقری", "سوریه"]
    assert client.post(edit_url, form).status_code == 302
    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert sorted(tag.name for tag in saved.tags.all()) == ["سوریه", "محمد باقری"]


def test_editor_is_offered_related_stories_and_ticked_ones_are_linked(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # index the stories
        older = ArticleFactory(
            title="نشست وزیران دفاع ایران و سوریه در تهران", tags=["سوریه"]
        )
        ArticleFactory(title="بارش برف در گردنه حیران", tags=["هوا"])
        article = ArticleFactory(title="سفر وزیر دفاع سوریه به تهران", tags=["سوریه"])
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    html = client.get(edit_url).content.decode()
    assert 'name="suggested_related"' in html
    assert f'value="{older.pk}"' in html
    form = article_form(title=article.title, slug=article.slug, tags="سوریه")
    form["suggested_related"] = [str(older.pk)]
    assert client.post(edit_url, form).status_code == 302
    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [link.target_id for link in saved.related_links.all()] == [older.pk]
    html = client.get(edit_url).content.decode()
    assert f'name="suggested_related" value="{older.pk}"' not in html


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p>برای <b>سه ماه</b> آینده</p>", "<p>برای <b>سه ماه</b> آینده</p>"),
        ("<p>کتاب ها <i>جدید</i> است</p>", "<p>کتاب\u200cها <i>جدید</i> است</p>"),
        ("<p>  <b>مي</b> </p>", "<p>  <b>می</b> </p>"),
    ],
)
def test_typography_keeps_the_spaces_around_inline_tags(before, after):
    from khabar.newsroom.typography import normalize_html

    assert normalize_html(before) == after


@pytest.mark.parametrize(
    ("style", "title"),
    [
        ("modern", "کتابخانه_ها و کتاب_ها به_زودی باز می_شوند"),
        ("keep", "کتابخانه_ها و کتابها به_زودی باز می_شوند"),
    ],
)
def test_editor_text_style_decides_joined_plurals(client, staff, style, title):
    from khabar.core.selectors import agency_settings_get

    settings = agency_settings_get()
    settings.editor_text_style = style
    settings.save()
    service = service_get_or_create(home=home_page_get(), name="فرهنگی")
    add_url = reverse(
        "wagtailadmin_pages:add", args=("newsroom", "articlepage", service.pk)
    )
    form = article_form(title="کتابخانهها و کتابها بهزودی باز میشوند")
    assert client.post(add_url, form).status_code == 302
    article = ArticlePage.objects.get(slug="new-library")
    assert article.title == title.replace("_", "\u200c")
