"""Posting a comment: stored as pending, or re-shown with the reader's text and why."""

import re

import pytest

from khabar.comments.models import Comment
from tests.comments.helpers import reader_captcha
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def fresh_captcha(client, article) -> tuple[str, str]:
    """Open the article page like a reader; return the captcha token and its answer."""
    assert client.get(article.url).status_code == 200
    return reader_captcha(client)


def post(client, article, **fields):
    token, answer = fresh_captcha(client, article)
    data = {
        "name": "مریم",
        "email": "",
        "text": "خبر خوبی بود.",
        "captcha_token": token,
        "captcha_answer": answer,
        "parent": "",
    }
    data.update(fields)
    return client.post(f"/comments/post/{article.news_code}/", data)


def test_valid_comment_is_stored_pending_and_reader_is_told(client, premoderate):
    article = ArticleFactory()
    response = post(client, article, text="گزارش دقیقی بود <script>alert(1)</script>")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.text == "گزارش دقیقی بود <script>alert(1)</script>"
    page = client.get(response["Location"]).content.decode()
    assert "پس از بررسی منتشر می\u200cشود" in page
    assert "گزارش دقیقی بود" not in page


def test_wrong_captcha_keeps_what_the_reader_typed_and_says_why(client):
    article = ArticleFactory()
    response = post(client, article, captcha_answer="999", text="متنی که نباید گم شود")
    assert response.status_code == 400
    html = response.content.decode()
    assert "متنی که نباید گم شود" in html
    assert "پاسخ پرسش امنیتی درست نبود" in html
    assert not Comment.objects.exists()


def test_replayed_captcha_is_refused(client):
    article = ArticleFactory()
    token, answer = fresh_captcha(client, article)
    data = {
        "name": "علی",
        "text": "نظر اول",
        "captcha_token": token,
        "captcha_answer": answer,
    }
    assert client.post(f"/comments/post/{article.news_code}/", data).status_code == 302
    again = client.post(
        f"/comments/post/{article.news_code}/", {**data, "text": "نظر دوم"}
    )
    assert again.status_code == 400
    assert "پیش\u200cتر پاسخ داده شده" in again.content.decode()
    assert Comment.objects.count() == 1


def test_comment_text_is_escaped_once_approved(client):
    comment = CommentFactory(
        text="<img src=x onerror=alert(1)>", status=Comment.Status.APPROVED
    )
    html = client.get(comment.article.url).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html


def test_reply_target_is_named_and_stored(client, premoderate):
    parent = CommentFactory(name="سارا", status=Comment.Status.APPROVED)
    article = parent.article
    banner = client.get(f"{article.url}?reply={parent.pk}").content.decode()
    assert "شما در حال پاسخ به نظر «<span data-reply-name>سارا</span>» هستید" in banner
    assert post(client, article, parent=str(parent.pk)).status_code == 302
    assert Comment.objects.get(parent=parent).status == Comment.Status.PENDING


@pytest.mark.parametrize("parent", ["abc", "999999"])
def test_reply_to_unknown_comment_is_refused(client, parent):
    article = ArticleFactory()
    response = post(client, article, parent=parent)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_reply_to_pending_comment_is_refused(client):
    pending = CommentFactory()
    response = post(client, pending.article, parent=str(pending.pk))
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("fields", "kept"),
    [
        ({"name": ""}, "خبر خوبی بود."),
        ({"text": "   "}, 'value="مریم"'),
        ({"email": "not-an-email"}, "not-an-email"),
        ({"text": "ب" * 5000}, "ب" * 5000),
    ],
)
def test_invalid_fields_are_refused_without_losing_input(client, fields, kept):
    article = ArticleFactory()
    response = post(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "نظر شما ثبت نشد" in html
    assert kept in html
    assert not Comment.objects.exists()


def test_post_to_unknown_article_is_404_and_get_is_405(client):
    assert client.post("/comments/post/123456789/", {}).status_code == 404
    assert (
        client.get(f"/comments/post/{ArticleFactory().news_code}/").status_code == 405
    )


def test_threaded_replies_render_nested(client):
    parent = CommentFactory(text="نظر اصلی", status=Comment.Status.APPROVED)
    CommentFactory(
        article=parent.article,
        parent=parent,
        text="پاسخ به نظر",
        status=Comment.Status.APPROVED,
    )
    CommentFactory(
        article=parent.article, text="نظر ردشده", status=Comment.Status.REJECTED
    )
    html = client.get(parent.article.url).content.decode()
    assert re.search(r"نظر اصلی.*<ol class=\"replies\">.*پاسخ به نظر", html, re.S)
    assert "نظر ردشده" not in html


def test_behind_a_proxy_the_reader_address_is_stored(client, settings, premoderate):
    """Behind nginx every request comes from nginx; the reader's address is kept."""
    settings.KHABAR_PROXY_COUNT = 1
    article = ArticleFactory()
    token, answer = fresh_captcha(client, article)
    data = {"name": "مریم", "email": "", "text": "خبر خوبی بود.", "parent": ""}
    data.update(captcha_token=token, captcha_answer=answer)
    client.post(
        f"/comments/post/{article.news_code}/",
        data,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 5.6.7.8",
    )
    assert Comment.objects.get().ip_address == "5.6.7.8"
