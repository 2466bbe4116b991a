"""Every public page costs the same number of queries, however much it lists.

Measured on a cache miss (the page cache off): a page with few articles or
comments and the same page with many must run the same number of queries.
Listings are measured right after a publication, when the counts they keep
per ``site`` version are computed again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.comments.models import Comment
from khabar.core.pagecache import page_cache_bump
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.KHABAR_PAGE_CACHE = False


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _queries_after_publication(client, url) -> int:
    page_cache_bump("site")
    return _queries(client, url)


def _articles(count: int, **fields) -> list:
    return [
        ArticleFactory(tags=["بودجه", f"شهر {n % 3}"], **fields) for n in range(count)
    ]


def _comments(article, count: int) -> None:
    for n in range(count):
        parent = CommentFactory(
            article=article, text=f"نظر شماره {n}", status=Comment.Status.APPROVED
        )
        CommentFactory(
            article=article,
            parent=parent,
            text=f"پاسخ {n}",
            status=Comment.Status.APPROVED,
        )


def test_article_page_queries_do_not_grow_with_comments_or_tags(client, home):
    few, many = (
        ArticleFactory(tags=["بودجه"]),
        ArticleFactory(tags=[f"برچسب {n}" for n in range(12)]),
    )
    _comments(few, 1)
    _comments(many, 15)
    for _ in range(3):  # warm the kept site, its settings and the navigation
        client.get(few.url), client.get(many.url)
    assert _queries(client, few.url) == _queries(client, many.url)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/politics/",
        "/tag/بودجه/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/tag/بودجه/rss/",
        "/news-sitemap.xml",
        "/sitemap.xml",
        "/search/?q=شورای",
        "/api/articles",
    ],
)
def test_listing_queries_do_not_grow_with_articles(client, home, url):
    _articles(3)
    client.get(url)
    small = _queries_after_publication(client, url)
    _articles(12)
    assert _queries_after_publication(client, url) == small


def _linked_story(target):
    """A story whose body links ``target`` with a «بیشتر بخوانید» block."""
    return ArticleFactory(
        title="باغ کتاب شهر باز شد",
        body=[
            {"type": "paragraph", "value": "<p>باغ کتاب از امروز باز است.</p>"},
            {"type": "read_more", "value": {"page": target.pk, "headline": ""}},
        ],
    )


@pytest.mark.django_db(transaction=True)  # stories are indexed on commit
def test_search_snippets_do_not_look_up_linked_stories(client, home):
    """A result's snippet reads its body's stored text: no query per result."""
    target = ArticleFactory(title="خبر پیشین درباره کتابخانه")
    for _ in range(2):
        _linked_story(target)
    url = "/search/?q=باغ"
    client.get(url)
    few = _queries_after_publication(client, url)
    for _ in range(4):
        _linked_story(target)
    assert client.get(url).content.decode().count("<mark>باغ</mark>") >= 6
    assert _queries_after_publication(client, url) == few
