"""Newsroom reads other apps rely on."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from khabar.newsroom import selectors
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.services import service_get_or_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_comment_target_loads_no_body_but_still_gives_the_whole_text(home):
    article = ArticleFactory(title="سفر وزیر به شیراز", lead="دیدار با کشاورزان فارس")
    lean = selectors.article_get_for_comment(code=article.news_code)
    assert (
        "body" in lean.get_deferred_fields() and "title" in lean.get_deferred_fields()
    )
    assert lean.url == article.url
    selectors._PLAIN_TEXTS.clear()
    from_lean = selectors.article_plain_text(article=lean)
    selectors._PLAIN_TEXTS.clear()
    assert from_lean == selectors.article_plain_text(article=article)
    assert "سفر وزیر به شیراز" in from_lean and "کشاورزان فارس" in from_lean


def test_a_withdrawn_story_takes_no_comments(home):
    article = ArticleFactory()
    code = article.news_code
    article.unpublish()
    assert selectors.article_get_for_comment(code=code) is None


def _published_at(minutes_ago: int, **fields):
    with time_machine.travel(timezone.now() - timedelta(minutes=minutes_ago)):
        return ArticleFactory(**fields)


def test_home_lists_every_services_newest_and_the_sites_newest(home):
    rare = _published_at(600, service_name="ورزشی", title="خبر قدیمی ورزشی")
    busy = [
        _published_at(60 - n, service_name="سیاسی", title=f"خبر سیاسی {n}")
        for n in range(4)
    ]
    listings = selectors.home_listings(home=home, latest=3, per_service=2)
    by_service = {
        entry["service"].title: [a.title for a in entry["articles"]]
        for entry in listings["services"]
    }
    assert by_service["ورزشی"] == [rare.title]
    assert by_service["سیاسی"] == [busy[3].title, busy[2].title]
    assert [a.title for a in listings["latest"]] == [
        busy[3].title,
        busy[2].title,
        busy[1].title,
    ]


def test_a_service_missing_from_the_newest_window_is_read_on_its_own(home):
    rare = _published_at(900, service_name="ورزشی", title="خبر قدیمی ورزشی")
    _published_at(800, service_name="سیاسی")
    services = [
        s for s in selectors.service_list_for_nav() if s.get_parent().pk == home.pk
    ]
    window = 1 * len(services) * 3  # per_service x services x 3
    for n in range(window):
        _published_at(window + 5 - n, service_name="سیاسی")
    listings = selectors.home_listings(home=home, latest=3, per_service=1)
    entries = {e["service"].title: e["articles"] for e in listings["services"]}
    assert rare not in listings["latest"]
    assert [a.title for a in entries["ورزشی"]] == [rare.title]
    assert len(entries["سیاسی"]) == 1


def test_home_listings_load_headlines_only(home):
    ArticleFactory()
    article = selectors.home_listings(home=home, latest=1, per_service=1)["latest"][0]
    assert "body" in article.get_deferred_fields()
    assert {"title", "lead", "first_published_at"}.isdisjoint(
        article.get_deferred_fields()
    )


def test_a_story_moved_to_another_service_names_its_new_service(home):
    article = ArticleFactory(service_name="سیاسی")
    assert selectors.service_for_article(article=article).title == "سیاسی"
    sport = service_get_or_create(home=home, name="ورزشی")
    article.move(sport, pos="last-child")
    article = ArticlePage.objects.get(pk=article.pk)
    assert selectors.service_for_article(article=article).title == "ورزشی"
    assert "ورزشی" in [s.title for s in selectors.service_list_for_nav()]


def test_a_story_flagged_breaking_reaches_the_ticker_at_once(home):
    assert selectors.article_list_breaking() == []
    flagged = ArticleFactory(breaking_until=timezone.now() + timedelta(hours=1))
    assert [a.pk for a in selectors.article_list_breaking()] == [flagged.pk]
    assert selectors.breaking_next_expiry() == flagged.breaking_until
