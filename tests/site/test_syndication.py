"""Syndication out: NINJS 2.0 per article and the partners' full-text feed."""

import json
from datetime import datetime, timedelta
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from khabar.site.models import Partner
from khabar.site.partners import partner_create, partner_revoke
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Every top-level property NINJS 2.0 defines; the schema forbids any other.
NINJS_PROPERTIES = {
    "uri", "type", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency",
    "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
    "descriptions", "bodies", "headlines", "people", "organisations", "places",
    "subjects", "events", "objects", "infosources", "title", "by", "slugline",
    "located", "renditions", "associations", "altids", "trustindicators",
    "standard", "genres", "rightsinfo",
}  # fmt: skip
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _article(**fields):
    body = [
        ("paragraph", "<p>شورای شهر امروز بودجه را <b>تصویب</b> کرد.</p>"),
        ("quote", {"text": "بودجه متوازن است.", "speaker": "رئیس شورا"}),
        ("read_more", {"page": None, "headline": "بودجه پارسال چه شد"}),
    ]
    return ArticleFactory(
        title="تصویب بودجه شهر",
        overline="شورای شهر",
        byline="مریم رضایی",
        tags=["بودجه", "شورای شهر"],
        body=body,
        **fields,
    )


def test_ninjs_has_the_required_uri_and_only_schema_properties(client, home):
    article = _article(breaking_until=timezone.now() + timedelta(hours=1))
    response = client.get(f"/api/ninjs/{article.news_code}")
    assert response.status_code == 200
    item = response.json()
    assert item["uri"].startswith("http") and item["uri"].endswith(
        f"/x/{article.news_code}"
    )
    assert set(item) <= NINJS_PROPERTIES
    assert item["standard"] == {
        "name": "ninjs",
        "version": "2.0",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
    }
    for key in ("headlines", "descriptions", "bodies"):
        assert all("value" in entry for entry in item[key])
    for key in ("firstcreated", "versioncreated"):
        assert datetime.fromisoformat(item[key]).tzinfo is not None
    assert item["headlines"][0] == {"role": "main", "value": "تصویب بودجه شهر"}
    assert {"role": "overline", "value": "شورای شهر"} in item["headlines"]
    assert item["urgency"] == 1 and item["language"] == "fa"
    body = item["bodies"][0]
    assert "<blockquote>" in body["value"] and "رئیس شورا" in body["value"]
    assert "بیشتر بخوانید: بودجه پارسال چه شد" in body["value"]
    assert body["wordcount"] > 5
    assert {s["name"] for s in item["subjects"]} == {"بودجه", "شورای شهر"}
    assert item["by"] == "مریم رضایی"
    assert item["altids"] == [{"role": "newscode", "value": str(article.news_code)}]


def test_ninjs_of_an_unknown_or_withdrawn_article_is_404(client, home):
    article = _article()
    article.unpublish()
    for code in (article.news_code, 424242):
        response = client.get(f"/api/ninjs/{code}")
        assert response.status_code == 404
        assert "detail" in response.json()


def test_partner_feed_carries_the_full_text_for_a_valid_token(client, home):
    _article()
    _partner, token = partner_create(name="خبرگزاری همکار")
    response = client.get(f"/feeds/partner/{token}/rss/")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    item = tree.find("channel/item")
    assert item.findtext("title").endswith("تصویب بودجه شهر")
    full = item.findtext(CONTENT)
    assert "<b>تصویب</b>" in full and "بودجه متوازن است." in full
    assert Partner.objects.get().last_used_at is not None


def test_partner_feed_refuses_unknown_and_revoked_tokens(client, home):
    _article()
    partner, token = partner_create(name="همکار قدیمی")
    assert client.get("/feeds/partner/not-a-token/rss/").status_code == 403
    partner_revoke(partner=partner)
    assert client.get(f"/feeds/partner/{token}/rss/").status_code == 403


def test_partner_command_adds_lists_rotates_and_revokes(client, home):
    out = StringIO()
    call_command("partner", "add", "روزنامه محلی", stdout=out)
    token = out.getvalue().split("token: ")[1].split()[0]
    assert client.get(f"/feeds/partner/{token}/rss/").status_code == 200
    out = StringIO()
    call_command("partner", "rotate", "روزنامه محلی", stdout=out)
    new = out.getvalue().split("token: ")[1].split()[0]
    assert client.get(f"/feeds/partner/{token}/rss/").status_code == 403
    assert client.get(f"/feeds/partner/{new}/rss/").status_code == 200
    call_command("partner", "revoke", "روزنامه محلی", stdout=StringIO())
    assert client.get(f"/feeds/partner/{new}/rss/").status_code == 403
    with pytest.raises(CommandError):
        call_command("partner", "add", "روزنامه محلی", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("partner", "revoke", "ناشناس", stdout=StringIO())
    listing = StringIO()
    call_command("partner", "list", stdout=listing)
    assert "روزنامه محلی\trevoked" in listing.getvalue()


def test_ninjs_is_json_serialisable_for_a_plain_article(client, home):
    article = ArticleFactory()
    item = client.get(f"/api/ninjs/{article.news_code}").json()
    assert json.loads(json.dumps(item)) == item
    assert item["type"] == "text" and item["urgency"] == 5
