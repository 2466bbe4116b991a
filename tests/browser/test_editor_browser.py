"""An editor in Chromium: the live Persian word and character count."""

import pytest
from django.contrib.auth import get_user_model

from khabar.core.persian import to_latin_digits
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def _count(page) -> tuple[int, int]:
    words = page.locator(".khabar-count [data-words]").inner_text()
    chars = page.locator(".khabar-count [data-chars]").inner_text()
    return int(to_latin_digits(words)), int(to_latin_digits(chars))


def test_the_editor_counts_persian_words_as_the_editor_types(
    page, live_server, site_tree
):
    get_user_model().objects.create_superuser("editor", "e@example.ir", PASSWORD)
    article = ArticleFactory(title="خبر کوتاه", lead="لید خبر")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.wait_for_selector(".khabar-count")
    page.wait_for_selector("[data-contentpath='body'] [contenteditable='true']")
    # Headline 2 words, lead 2, body paragraph 7 (the factory's text).
    page.fill("#id_title", "خبر کوتاه")
    _wait_for_words(page, 11)

    page.fill("#id_lead", LEAD)
    # «لید خبر» (2 words) became 7: a half-space joins a word, it does not split.
    _wait_for_words(page, 16)
    words, chars = _count(page)
    assert (words, chars) == (16, _letters("خبر کوتاه", LEAD, BODY))


LEAD = "لید خبر که حالا نمی\u200cشود کوتاه\u200cتر نوشت"
BODY = "اعضای شورا درباره طرح تازه نظر دادند."


def _letters(*texts: str) -> int:
    """Count characters as the editor does: no spaces and no half-spaces."""
    return sum(len(text.replace(" ", "").replace("\u200c", "")) for text in texts)


def _wait_for_words(page, expected: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('.khabar-count [data-words]').textContent"
        " === n.toString().replace(/[0-9]/g, d => '۰۱۲۳۴۵۶۷۸۹'[d])",
        arg=expected,
    )
