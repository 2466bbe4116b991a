"""The comment list comes in pages, so a story with thousands renders fast."""

import pytest

from khabar.comments.models import Comment
from khabar.comments.selectors import comment_page_for_article
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

APPROVED = Comment.Status.APPROVED


@pytest.fixture
def story(settings):
    settings.KHABAR_COMMENTS_PER_PAGE = 3
    article = ArticleFactory()
    for n in range(7):
        CommentFactory(article=article, status=APPROVED, text=f"نظر شماره {n}")
    return article


def _texts(page) -> list[str]:
    return [comment.text for comment in page.roots]


@pytest.mark.parametrize(
    ("asked", "number", "shown"),
    [
        (1, 1, ["نظر شماره 0", "نظر شماره 1", "نظر شماره 2"]),
        ("2", 2, ["نظر شماره 3", "نظر شماره 4", "نظر شماره 5"]),
        (3, 3, ["نظر شماره 6"]),
        ("99", 3, ["نظر شماره 6"]),
        ("0", 1, ["نظر شماره 0", "نظر شماره 1", "نظر شماره 2"]),
        ("abc", 1, ["نظر شماره 0", "نظر شماره 1", "نظر شماره 2"]),
        ("۲", 2, ["نظر شماره 3", "نظر شماره 4", "نظر شماره 5"]),
    ],
)
def test_pages_hold_the_configured_number_in_order(story, asked, number, shown):
    page = comment_page_for_article(article=story, page=asked)
    assert (page.number, page.num_pages) == (number, 3)
    assert _texts(page) == shown


def test_a_reply_whose_parent_is_on_another_page_is_still_shown(story):
    first = Comment.objects.filter(article=story).order_by("created_at").first()
    CommentFactory(article=story, parent=first, status=APPROVED, text="پاسخ دیرهنگام")
    last = comment_page_for_article(article=story, page=3)
    assert "پاسخ دیرهنگام" in _texts(last)


def test_the_article_page_links_the_next_comment_page(client, story):
    html = client.get(story.url).content.decode()
    assert "نظر شماره 2" in html and "نظر شماره 3" not in html
    assert "cpage=2#comments" in html
    second = client.get(f"{story.url}?cpage=2").content.decode()
    assert "نظر شماره 3" in second and "نظر شماره 2" not in second
    assert "cpage=1#comments" in second and "cpage=3#comments" in second
