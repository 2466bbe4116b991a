"""Lean pages: the reference article with 20 comments stays small, and every
asset it loads comes from the site itself (no third-party request blocks it)."""

import re

import pytest
from django.contrib.staticfiles import finders

from khabar.comments.models import Comment
from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.selectors import article_get_by_code
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
HTML_LIMIT = 50 * 1024
TOTAL_LIMIT = 300 * 1024
ASSET = re.compile(r'<(?:link|script)[^>]+(?:href|src)="([^"]+)"')


@pytest.fixture
def busy_article(home, reference_page):
    scraped_file_import(path=reference_page, home=home)
    article = article_get_by_code(code=1224974)
    for n in range(12):
        parent = CommentFactory(
            article=article,
            text=f"نظر شماره {n}: گزارش کاملی بود و نکته\u200cهای تازه داشت.",
            status=Comment.Status.APPROVED,
        )
        if n < 8:
            CommentFactory(
                article=article,
                parent=parent,
                text="با این نظر موافقم.",
                status=Comment.Status.APPROVED,
            )
    return article


def _assets(html: str) -> list[str]:
    return [url for url in ASSET.findall(html) if "/static/" in url]


def test_article_page_html_and_total_transfer_stay_small(client, busy_article):
    html = client.get(busy_article.url).content
    assert html.decode().count('class="comment"') == 20
    assert len(html) <= HTML_LIMIT
    total = len(html)
    assets = _assets(html.decode())
    assert any(url.endswith(".woff2") for url in assets)
    assert sum(url.endswith(".js") for url in assets) == 1
    assert sum(url.endswith(".css") for url in assets) == 1
    for url in assets:
        path = finders.find(url.split("/static/", 1)[1])
        assert path, url
        with open(path, "rb") as asset:
            total += len(asset.read())
    assert total <= TOTAL_LIMIT


def test_no_third_party_asset_and_the_script_does_not_block(client, busy_article):
    html = client.get(busy_article.url).content.decode()
    loaded = re.findall(
        r'<link rel="(?:stylesheet|preload|icon|modulepreload)"[^>]*href="([^"]+)"'
        r'|<script[^>]*src="([^"]+)"',
        html,
    )
    urls = [href or src for href, src in loaded]
    assert len(urls) >= 3
    assert all(url.startswith("/static/") for url in urls), urls
    scripts = re.findall(r"<script[^>]*\ssrc=[^>]*>", html)
    assert scripts and all(" defer" in tag for tag in scripts)
    assert 'rel="preload"' in html and 'as="font"' in html
