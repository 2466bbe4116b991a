"""Found while feeding the corpus: not XSS, but an editor's text that breaks a page."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


# Reported in docs/security.md: ``/tag/<str:name>/`` cannot hold a «/», so
# ``{% url 'site:tag' name=tag.name %}`` raises NoReverseMatch and the whole
# article page answers 500 for a tag such as «ایران/آمریکا» or «۱۴۰۴/۰۱/۰۱»,
# which editors and the importers accept. The fix belongs in site/urls.py
# (a ``path`` converter) and the views; strict, so this fails once fixed.
def test_tag_with_a_slash_does_not_break_the_article(client, home):
    article = ArticleFactory(tags=["ایران/آمریکا"])
    assert client.get(article.url).status_code == 200
    tag_page = client.get("/tag/ایران/آمریکا/")
    assert tag_page.status_code == 200 and article.title in tag_page.content.decode()
    assert client.get("/feeds/tag/ایران/آمریکا/rss/").status_code == 200
