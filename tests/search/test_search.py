"""Search: every spelling finds the article; filters, codes and odd queries."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from khabar.newsroom.models import ArticlePage, ServicePage
from khabar.newsroom.services import article_publish
from khabar.search.backends import Filters
from khabar.search.models import SearchDocument
from khabar.search.selectors import search_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "نرم\u200cافزار تازه کتابخانه\u200cها به\u200cزودی در ۱۲ شهر راه\u200cاندازی می\u200cشود"


@pytest.fixture
def indexed(home):
    article = ArticleFactory(title=HEADLINE, tags=["فناوری"], service_name="اجتماعی")
    ArticleFactory(title="خبری دیگر درباره بودجه شهر", service_name="سیاسی")
    return article


def found(query: str, **filters) -> list[int]:
    return [
        a.pk for a in search_articles(query=query, filters=Filters(**filters)).articles
    ]


@pytest.mark.parametrize(
    "query",
    [
        HEADLINE,
        HEADLINE.replace("\u200c", ""),  # half-spaces deleted
        HEADLINE.replace("\u200c", " "),  # half-spaces typed as spaces
        HEADLINE.replace("ی", "ي").replace("ک", "ك"),  # Arabic letters
        HEADLINE.replace("۱۲", "12"),  # Latin digits
        "نرم افزار کتابخانه",
        "كتابخانه‌ها",
    ],
)
def test_every_spelling_finds_the_article_first(indexed, query):
    assert found(query)[:1] == [indexed.pk]


def test_headline_match_outranks_body_match(home):
    in_body = ArticleFactory(
        title="گزارش روز", body=[("paragraph", "<p>قطار تازه شهر</p>")]
    )
    in_title = ArticleFactory(title="قطار تازه شهر راه افتاد")
    assert found("قطار")[:2] == [in_title.pk, in_body.pk]


def test_filters_by_service_tag_and_jalali_dates(client, indexed):
    other = ArticleFactory(
        title="نرم\u200cافزار حسابداری شهرداری", service_name="اقتصادی"
    )
    assert set(found("نرم\u200cافزار")) == {indexed.pk, other.pk}
    assert found("نرم\u200cافزار", service_id=other.get_parent().pk) == [other.pk]
    html = client.get(
        "/search/", {"q": "نرم\u200cافزار", "tag": "فناوری"}
    ).content.decode()
    assert indexed.title in html and other.title not in html
    ArticlePage.objects.filter(pk=other.pk).update(
        first_published_at=timezone.now() - timedelta(days=400)
    )
    call_command("search", "rebuild", stdout=None)
    today = timezone.localtime().date()
    import jdatetime

    start = jdatetime.date.fromgregorian(date=today - timedelta(days=3)).strftime(
        "%Y/%m/%d"
    )
    html = client.get(
        "/search/", {"q": "نرم\u200cافزار", "from": start}
    ).content.decode()
    assert indexed.title in html and other.title not in html


def test_news_code_query_finds_the_article(client, indexed):
    html = client.get("/search/", {"q": str(indexed.news_code)}).content.decode()
    assert "خبر با کد" in html and indexed.title in html


def test_results_are_highlighted_and_paginated(client, home, settings):
    for n in range(25):
        ArticleFactory(
            title=f"گزارش شماره {n} از بازار میوه", lead="قیمت میوه در بازار امروز"
        )
    first = client.get("/search/", {"q": "میوه"}).content.decode()
    assert "<mark>میوه</mark>" in first
    assert "۲۵ نتیجه" in first and 'rel="next"' in first
    second = client.get("/search/", {"q": "میوه", "page": 2}).content.decode()
    assert second.count("<li>") >= 5


def test_no_results_page_helps(client, indexed):
    html = client.get("/search/", {"q": "زززززز"}).content.decode()
    assert "خبری پیدا نشد" in html and "واژه‌های کمتر" in html


def test_some_words_missing_falls_back_to_any_word(indexed):
    results = search_articles(query="نرم\u200cافزار زززززز", filters=Filters())
    assert results.loose and results.articles[0].pk == indexed.pk


@pytest.mark.parametrize(
    "query",
    [
        '"; DROP TABLE search_fts; --',
        "OR AND NOT ( ) * ^ : NEAR",
        "'\\'",
        "!!! ؟؟؟ ...",
        "ب" * 10_000,
        "واژه " * 2000,
        "",
    ],
)
def test_odd_queries_answer_clearly(client, indexed, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_index_follows_publish_edit_and_unpublish(home):
    article = ArticleFactory(title="خبر نخستین درباره باران")
    assert found("باران") == [article.pk]
    article.title = "خبر ویرایش\u200cشده درباره برف"
    article_publish(article=article)
    assert found("برف") == [article.pk] and found("باران") == []
    article.unpublish()
    assert found("برف") == []
    assert not SearchDocument.objects.filter(article_id=article.pk).exists()


def test_rebuild_command_indexes_every_published_article(home):
    ArticleFactory(title="خبر یکم"), ArticleFactory(title="خبر دوم")
    SearchDocument.objects.all().delete()
    assert found("خبر") == []
    call_command("search", "rebuild", stdout=None)
    assert len(found("خبر")) == 2


def _documents() -> dict[int, tuple]:
    fields = ("title", "tags", "lead", "body", "service_id", "published_at")
    return {
        row[0]: row[1:]
        for row in SearchDocument.objects.values_list("article_id", *fields)
    }


def test_rebuild_in_batches_writes_what_indexing_one_by_one_writes(
    home, monkeypatch, django_assert_max_num_queries
):
    from khabar.search import services

    for n, service in enumerate(["سیاسی", "ورزشی", "سیاسی", "اقتصادی", "ورزشی"]):
        ArticleFactory(
            title=f"خبر شماره {n} از نمایشگاه کتاب",
            tags=[f"برچسب {n}", "کتاب"],
            service_name=service,
        )
    one_by_one = _documents()
    assert len(one_by_one) == 5
    monkeypatch.setattr(services, "REBUILD_BATCH", 2)
    # Queries do not grow with the articles: 3 batches of a few queries each.
    with django_assert_max_num_queries(30):
        assert services.index_rebuild() == 5
    assert _documents() == one_by_one
    assert len(found("کتاب")) == 5
    sports = ServicePage.objects.get(title="ورزشی")
    assert len(found("نمایشگاه", service_id=sports.pk)) == 2


def test_no_results_page_suggests_tags_written_with_half_spaces(client, home):
    from taggit.models import Tag

    Tag.objects.create(name="سازمان\u200cها", slug="organisations")
    html = client.get("/search/", {"q": "سازمانها"}).content.decode()
    assert "خبری پیدا نشد" in html
    assert "سازمان\u200cها</a>" in html
