"""Listing and sitemap counts are kept until the next publication, never longer.

With a million stories each count costs 0.1-0.6 s (docs/scale.md), so pages
read them from the cache under the ``site`` version; a publication, a
withdrawal or a deletion must show in the very next render.
"""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.site.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def small_pages(client, home, settings):
    settings.KHABAR_PAGE_CACHE = False
    settings.KHABAR_PAGE_SIZE = 2
    client.get("/")  # creates the agency settings, which bumps ``site``


def _render(client, url: str) -> tuple[str, bool]:
    """Return the page at ``url`` and whether rendering it counted rows."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    counted = any("COUNT(" in query["sql"].upper() for query in captured)
    return response.content.decode(), counted


@pytest.mark.parametrize("url", ["/politics/", "/politics/?page=2", "/tag/بودجه/"])
def test_listing_counts_once_per_publication(client, home, url):
    stories = [ArticleFactory(tags=["بودجه"]) for _ in range(3)]
    first, counted = _render(client, url)
    assert "از ۲" in first and counted
    assert _render(client, url) == (first, False)

    more = [ArticleFactory(tags=["بودجه"]) for _ in range(2)]
    published, counted = _render(client, url)
    assert "از ۳" in published and counted
    assert _render(client, url) == (published, False)

    for story in more:
        story.unpublish()
    assert "از ۲" in _render(client, url)[0]
    stories[0].delete()
    assert "pagination" not in _render(client, url)[0]


def test_other_pages_of_a_listing_share_its_count(client, home):
    for _ in range(5):
        ArticleFactory()
    client.get("/politics/")
    html, counted = _render(client, "/politics/?page=3")
    assert "صفحه ۳ از ۳" in html and not counted


def _sitemap_index(client) -> tuple[list[str], dict[str, str], bool]:
    """Return the index's locations, their dates and whether it aggregated rows."""
    with CaptureQueriesContext(connection) as captured:
        root = ET.fromstring(client.get("/sitemap.xml").content)
    aggregated = any(
        word in query["sql"].upper()
        for query in captured
        for word in ("COUNT(", "MAX(")
    )
    entries = list(root.iter(f"{SITEMAP}sitemap"))
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in entries]
    dates = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in entries
    }
    return locations, dates, aggregated


def _article_sections(locations: list[str]) -> int:
    return sum("sitemap-articles" in loc for loc in locations)


def test_sitemap_index_counts_and_dates_once_per_publication(client, home, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    stories = [ArticleFactory(tags=["بودجه"]) for _ in range(3)]
    locations, dates, aggregated = _sitemap_index(client)
    assert _article_sections(locations) == 2 and aggregated
    assert _sitemap_index(client) == (locations, dates, False)

    ArticleFactory(), ArticleFactory()
    locations, fresh, aggregated = _sitemap_index(client)
    assert _article_sections(locations) == 3 and aggregated
    articles = next(loc for loc in fresh if loc.endswith("sitemap-articles.xml"))
    assert fresh[articles] != dates[articles]

    for story in stories:
        story.unpublish()
    assert _article_sections(_sitemap_index(client)[0]) == 1
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404
