"""Feeds, sitemaps, robots.txt and the article page's structured data."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from khabar.newsroom.models import ArticlePage
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def test_site_rss_lists_articles_with_required_elements(client):
    article = ArticleFactory(title="خبر خوراک", tags=["اقتصاد"])
    channel = xml(client, "/feeds/rss/").find("channel")
    assert (
        channel.findtext("title")
        and channel.findtext("link")
        and channel.findtext("description")
    )
    item = channel.find("item")
    assert item.findtext("title") == "خبر خوراک"
    assert item.findtext("link").endswith(article.url.replace("%", "%"))
    assert item.findtext("guid").endswith(f"/x/{article.news_code}")
    assert item.findtext("pubDate")
    assert [c.text for c in item.findall("category")] == ["اقتصاد"]


def test_atom_feeds_for_service_and_tag(client):
    ArticleFactory(service_name="ورزشی", title="خبر ورزشی", tags=["فوتبال"])
    ArticleFactory(service_name="سیاسی", title="خبر سیاسی")
    sports = xml(client, "/feeds/service/sports/atom/")
    titles = [
        entry.findtext(f"{ATOM}title") for entry in sports.findall(f"{ATOM}entry")
    ]
    assert titles == ["خبر ورزشی"]
    tag = xml(client, "/feeds/tag/فوتبال/rss/")
    assert [i.findtext("title") for i in tag.find("channel").findall("item")] == [
        "خبر ورزشی"
    ]
    assert client.get("/feeds/service/nope/rss/").status_code == 404
    assert client.get("/feeds/bogus/x/rss/").status_code == 404


def test_pages_advertise_their_feeds(client):
    article = ArticleFactory(service_name="ورزشی", tags=["فوتبال"])
    assert 'href="/feeds/rss/"' in client.get(article.url).content.decode()
    assert (
        'href="/feeds/service/sports/rss/"' in client.get("/sports/").content.decode()
    )
    assert "/feeds/tag/" in client.get("/tag/فوتبال/").content.decode()


def test_sitemap_index_and_sections(client):
    article = ArticleFactory(tags=["بودجه"])
    index = xml(client, "/sitemap.xml")
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any("sitemap-articles.xml" in url for url in sections)
    articles = xml(client, "/sitemap-articles.xml")
    locations = [loc.text for loc in articles.iter(f"{SITEMAP}loc")]
    assert any(f"/news/{article.news_code}/" in url for url in locations)
    assert next(articles.iter(f"{SITEMAP}lastmod")).text
    tags = xml(client, "/sitemap-tags.xml")
    assert any("/tag/" in loc.text for loc in tags.iter(f"{SITEMAP}loc"))


def test_news_sitemap_keeps_to_48_hours(client):
    fresh = ArticleFactory(title="خبر تازه")
    old = ArticleFactory(title="خبر کهنه")
    ArticlePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(hours=49)
    )
    root = xml(client, "/news-sitemap.xml")
    titles = [n.findtext(f"{NEWS}title") for n in root.iter(f"{NEWS}news")]
    assert titles == ["خبر تازه"]
    news = next(root.iter(f"{NEWS}news"))
    assert news.find(f"{NEWS}publication").findtext(f"{NEWS}language") == "fa"
    assert news.find(f"{NEWS}publication").findtext(f"{NEWS}name")
    assert news.findtext(f"{NEWS}publication_date")
    assert f"/news/{fresh.news_code}/" in next(root.iter(f"{SITEMAP}loc")).text


def test_robots_txt_names_both_sitemaps(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_article_json_ld_open_graph_and_twitter(client):
    article = ArticleFactory(
        title="تیتر </script><script>alert(1)</script>",
        tags=["شهر", "بودجه"],
        byline="مریم رضایی",
    )
    html = client.get(article.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.+?)</script>', html, re.S)[
        1
    ]
    assert "</script>" not in raw
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("تیتر")
    assert data["author"] == {"@type": "Person", "name": "مریم رضایی"}
    assert data["publisher"]["name"]
    assert data["articleSection"] == "سیاسی"
    assert sorted(data["keywords"]) == ["بودجه", "شهر"]
    assert data["datePublished"] and data["dateModified"]
    for meta in (
        'property="og:title"',
        'property="og:url"',
        'name="twitter:card"',
        'rel="canonical"',
    ):
        assert meta in html


def test_sitemap_index_dates_the_articles_by_the_newest_publication(client):
    older, newer = ArticleFactory(), ArticleFactory()
    newer.save_revision().publish()
    newer.refresh_from_db()
    index = xml(client, "/sitemap.xml")
    dated = {
        entry.find(f"{SITEMAP}loc").text: entry.find(f"{SITEMAP}lastmod")
        for entry in index.iter(f"{SITEMAP}sitemap")
    }
    lastmod = next(date for loc, date in dated.items() if "sitemap-articles" in loc)
    assert lastmod is not None
    assert datetime.fromisoformat(lastmod.text) == newer.last_published_at
    assert newer.last_published_at > older.last_published_at
