"""The public site's Content-Security-Policy: strict, and absent from the admin."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/search/?q=خبر", "/robots.txt"])
def test_public_pages_forbid_inline_and_foreign_scripts(client, home, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_cached_article_pages_keep_the_policy(client, home):
    article = ArticleFactory()
    client.get(article.url)
    hit = client.get(article.url)
    assert hit["X-Khabar-Cache"] == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]


def test_the_admin_is_left_to_its_own_headers(client, home):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response


def test_templates_carry_no_inline_script_or_style(client, home):
    article = ArticleFactory()
    html = client.get(article.url).content.decode()
    assert "<script>" not in html and " onclick=" not in html
    assert ' style="' not in html
