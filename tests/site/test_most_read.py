"""Most-read lists: counted by a beacon, once per reader per day."""

import pytest

from khabar.site.models import DailyReads
from khabar.site.reads import most_read
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def hit(client, article, ip):
    return client.post(f"/hit/{article.news_code}", REMOTE_ADDR=ip)


def test_beacon_counts_each_reader_once_a_day(client):
    article = ArticleFactory()
    assert hit(client, article, "10.0.0.1").status_code == 204
    hit(client, article, "10.0.0.1")
    hit(client, article, "10.0.0.2")
    assert DailyReads.objects.get(article=article).count == 2
    assert client.get(f"/hit/{article.news_code}").status_code == 405
    assert client.post("/hit/987654321").status_code == 404


def test_most_read_per_site_and_service_on_home_and_service_pages(client):
    popular = ArticleFactory(service_name="ورزشی", title="خبر پربازدید ورزشی")
    quiet = ArticleFactory(service_name="سیاسی", title="خبر کم\u200cبازدید سیاسی")
    for n in range(3):
        hit(client, popular, f"10.0.1.{n}")
    hit(client, quiet, "10.0.2.1")
    assert most_read() == [popular, quiet]
    assert most_read(service=quiet.get_parent()) == [quiet]
    home = client.get("/").content.decode()
    assert "پربازدیدترین\u200cهای امروز" in home
    section = home.split('class="most-read"')[1].split("</section>")[0]
    assert section.index("خبر پربازدید ورزشی") < section.index(
        "خبر کم\u200cبازدید سیاسی"
    )
    sports = client.get("/sports/").content.decode()
    assert "پربازدیدترین\u200cهای امروز در ورزشی" in sports


def test_article_page_carries_the_beacon_address(client):
    article = ArticleFactory()
    html = client.get(article.url).content.decode()
    assert f'data-read-beacon="/hit/{article.news_code}"' in html
