"""What a reader sees after posting, under automatic moderation, in Chromium."""

import re

import pytest

from khabar.comments.models import Comment
from khabar.core.persian import to_latin_digits
from tests.browser_fixtures import comment_form_ready
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, url: str, text: str) -> None:
    page.goto(url)
    page.fill("#id_name", "خواننده")
    page.fill("#id_text", text)
    comment_form_ready(page)  # the cached page's captcha comes from its script
    question = to_latin_digits(page.locator(".captcha .question").inner_text())
    page.fill("#id_captcha_answer", str(sum(map(int, re.findall(r"\d+", question)))))
    page.click("button[type=submit]")
    page.wait_for_selector("div.notice")


def test_published_and_rejected_comments_are_explained(page, live_server, site_tree):
    article = ArticleFactory(
        title="بازگشایی کتابخانه مرکزی شهر پس از بازسازی",
        lead="کتابخانه مرکزی شهر پس از دو سال بازسازی امروز به روی مردم باز شد.",
    )
    url = f"{live_server.url}{article.url}"

    submit(page, url, "چه خبر خوبی؛ کتابخانه مرکزی واقعاً به بازسازی نیاز داشت.")
    assert "نظر شما منتشر شد." in page.locator("div.notice").inner_text()
    assert page.locator(".comment-text").first.inner_text().startswith("چه خبر خوبی")

    submit(page, url, "نویسنده این خبر یک احمق بی\u200cشعور است")
    notice = page.locator("div.notice").inner_text()
    assert "منتشر نشد" in notice or "پس از بررسی" in notice
    if "منتشر نشد" in notice:
        assert "توهین" in notice
    assert not re.search(r"\d\.\d", notice), "readers never see scores"
    assert Comment.objects.count() == 2
