"""A reader in Chromium: the reference article, a reply to a comment, the captcha."""

import re

import pytest

from khabar.comments.models import Comment
from khabar.core.persian import to_latin_digits
from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.selectors import article_get_by_code
from tests.browser_fixtures import comment_form_ready
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_replies_to_a_comment_on_the_reference_article(
    page, live_server, site_tree, premoderate, reference_page, artifacts
):
    scraped_file_import(path=reference_page, home=site_tree)
    article = article_get_by_code(code=1224974)
    CommentFactory(
        article=article,
        name="نگار",
        text="گزارش کاملی بود.",
        status=Comment.Status.APPROVED,
    )

    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}/x/1224974")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert (
        page.locator("h1.headline").inner_text()
        == "دیدار وزیر دفاع سوریه با سرلشکر باقری"
    )
    for selector in [
        ".lead",
        ".dateline",
        ".read-more",
        ".end-marker",
        ".news-code",
        ".tags",
        ".rules",
    ]:
        assert page.locator(selector).first.is_visible(), selector
    assert page.locator(".dateline").inner_text() == "گروه سیاسی ایسکانیوز،"
    assert "۱۲۲۴۹۷۴" in page.locator(".news-code").inner_text()
    page.screenshot(path=str(artifacts / "reference-article.png"), full_page=True)

    banner = page.locator("[data-reply-banner]")
    assert banner.is_hidden()
    page.locator(".comment .reply").first.click()
    assert banner.is_visible()
    assert "شما در حال پاسخ به نظر «نگار» هستید" in banner.inner_text()

    comment_form_ready(page)
    page.fill("#id_name", "بهرام")
    page.fill("#id_text", "پاسخ من به این نظر.")
    question = to_latin_digits(page.locator(".captcha .question").inner_text())
    first, second = map(int, re.findall(r"\d+", question))
    page.fill("#id_captcha_answer", str(first + second))
    page.click("button[type=submit]")

    page.wait_for_selector(".notice.success")
    assert (
        "پس از بررسی منتشر می\u200cشود" in page.locator(".notice.success").inner_text()
    )
    assert not [text for text in console if "Content Security Policy" in text]
    reply = Comment.objects.get(name="بهرام")
    assert reply.status == Comment.Status.PENDING
    assert reply.parent.name == "نگار"
    page.screenshot(path=str(artifacts / "comment-sent.png"), full_page=True)


def test_wrong_captcha_in_the_browser_keeps_the_text(
    page, live_server, site_tree, reference_page
):
    scraped_file_import(path=reference_page, home=site_tree)
    page.goto(f"{live_server.url}/x/1224974")
    comment_form_ready(page)
    page.fill("#id_name", "بهرام")
    page.fill("#id_text", "متنی که نباید گم شود.")
    page.fill("#id_captcha_answer", "0")
    page.click("button[type=submit]")
    page.wait_for_selector(".notice.error")
    assert page.locator("#id_text").input_value() == "متنی که نباید گم شود."
    assert "پاسخ پرسش امنیتی درست نبود" in page.content()
    assert not Comment.objects.exists()
