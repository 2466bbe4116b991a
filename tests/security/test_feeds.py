"""Feeds carry the corpus as text: nothing a feed reader would run as HTML."""

import xml.etree.ElementTree as ET

import pytest

from khabar.site.partners import partner_create

from .builders import payload_articles
from .htmlaudit import active_html

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


@pytest.fixture
def articles(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return payload_articles(count=12)


def _html_fields(root) -> list[tuple[str, str]]:
    """Every element whose text a feed reader renders as HTML, with that text."""
    fields = []
    for item in root.iter("item"):
        for name in ("description", ENCODED):
            for element in item.findall(name):
                fields.append((name, element.text or ""))
    for entry in root.iter(ATOM + "entry"):
        for element in entry:
            if element.get("type") in ("html", "xhtml"):
                fields.append((element.tag, element.text or ""))
    return fields


def _fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    return body, ET.fromstring(body)


# Known hole, reported in docs/security.md: LatestArticlesFeed.item_description
# returns the plain-text lead unescaped, so <description> (RSS) and
# <summary type="html"> (Atom) carry an editor's lead as live HTML for feed
# readers. The fix is in src/khabar/site/feeds.py (escape the lead), outside
# this suite's files; strict, so this test fails once it is fixed.
@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_public_feeds_escape_every_field(client, articles, url):
    body, root = _fetch(client, url)
    assert "<script" not in body.lower()
    titles = [e.text or "" for e in root.iter("title")] + [
        e.text or "" for e in root.iter(ATOM + "title")
    ]
    assert any("script" in title for title in titles), "the payloads are in the feed"
    bad = [
        (name, active_html(text), text[:120])
        for name, text in _html_fields(root)
        if active_html(text)
    ]
    assert bad == []


def test_partner_full_text_feed_escapes_the_body(client, articles):
    _partner, token = partner_create(name="همکار آزمون")
    body, root = _fetch(client, f"/feeds/partner/{token}/rss/")
    assert "<script" not in body.lower()
    encoded = [text for name, text in _html_fields(root) if name.endswith("encoded")]
    assert encoded
    bad = [(active_html(text), text[:200]) for text in encoded if active_html(text)]
    assert bad == []
