"""The page cache: anonymous readers get stored pages until what they show changes."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def test_a_second_read_is_served_from_the_cache_without_queries(client, home):
    article = ArticleFactory()
    first = _get(client, article.url)
    assert first["X-Khabar-Cache"] == "miss"
    assert not first.cookies and "cookie" not in first.get("Vary", "").lower()
    with CaptureQueriesContext(connection) as queries:
        second = _get(client, article.url)
    assert second["X-Khabar-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_approving_a_comment_refreshes_that_article_only(client, home):
    article = ArticleFactory()
    other = ArticleFactory()
    comment = CommentFactory(article=article, text="نظر تازه یک خواننده")
    _get(client, article.url)
    _get(client, other.url)
    comment_moderate(comment=comment, status=Comment.Status.APPROVED, user=None)
    fresh = _get(client, article.url)
    assert fresh["X-Khabar-Cache"] == "miss"
    assert "نظر تازه یک خواننده" in fresh.content.decode()
    assert _get(client, other.url)["X-Khabar-Cache"] == "hit"


def test_a_held_comment_leaves_the_story_cached_until_it_is_approved(client, home):
    article = ArticleFactory()
    _get(client, article.url)
    held = CommentFactory(
        article=article, text="نظری که هنوز بررسی نشده", status=Comment.Status.PENDING
    )
    assert _get(client, article.url)["X-Khabar-Cache"] == "hit"
    comment_moderate(comment=held, status=Comment.Status.APPROVED, user=None)
    fresh = _get(client, article.url)
    assert fresh["X-Khabar-Cache"] == "miss"
    assert "نظری که هنوز بررسی نشده" in fresh.content.decode()


def test_publishing_a_story_refreshes_the_front_page(client, home):
    ArticleFactory(title="خبر نخست صبح")
    assert _get(client, "/")["X-Khabar-Cache"] == "miss"
    assert _get(client, "/")["X-Khabar-Cache"] == "hit"
    ArticleFactory(title="خبر تازه ظهر")
    page = _get(client, "/")
    assert page["X-Khabar-Cache"] == "miss"
    assert "خبر تازه ظهر" in page.content.decode()


def test_unpublishing_answers_410_at_once(client, home):
    article = ArticleFactory()
    url = article.url
    assert _get(client, url).status_code == 200
    article.unpublish()
    assert _get(client, url).status_code == 410


def test_browsers_get_an_etag_and_a_304(client, home):
    article = ArticleFactory()
    first = _get(client, article.url)
    etag = first["ETag"]
    assert "s-maxage=" in first["Cache-Control"]
    assert "site" in first["Surrogate-Key"].split()
    assert f"comments:{article.pk}" in first["Surrogate-Key"].split()
    again = _get(client, article.url, if_none_match=etag)
    assert again.status_code == 304 and again.content == b""


def test_signed_in_users_are_never_served_a_stored_page(client, home, admin_user):
    article = ArticleFactory()
    _get(client, article.url)
    client.force_login(admin_user)
    response = _get(client, article.url)
    assert "X-Khabar-Cache" not in response


def test_the_ticker_leaves_cached_pages_when_the_flag_expires(client, home):
    until = timezone.now() + timedelta(minutes=30)
    ArticleFactory(title="خبر فوری آزمایشی", breaking_until=until)
    assert "خبر فوری آزمایشی" in _get(client, "/").content.decode()
    with time_machine.travel(until + timedelta(seconds=5), tick=False):
        html = _get(client, "/").content.decode()
    assert 'class="ticker"' not in html


def test_cached_pages_carry_no_csrf_token_or_captcha(client, home):
    article = ArticleFactory()
    html = _get(client, article.url).content.decode()
    assert 'name="csrfmiddlewaretoken" value="" data-csrf' in html
    assert 'name="captcha_token" value="" data-captcha-token' in html
    state = client.get("/comments/state/")
    assert state["Cache-Control"].startswith("max-age=0")
    assert "no-store" in state["Cache-Control"]
    assert state.json()["csrf"] and state.json()["captcha"]["token"]


def test_the_form_page_for_readers_without_javascript_is_live(client, home):
    article = ArticleFactory()
    response = client.get(f"/comments/form/{article.news_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert 'value="" data-captcha-token' not in html
    assert "X-Khabar-Cache" not in response


def test_cached_pages_are_sent_gzipped_to_clients_that_accept_it(client, home):
    import gzip

    article = ArticleFactory(title="خبری برای فشرده\u200cسازی")
    plain = _get(client, article.url)
    zipped = _get(client, article.url, accept_encoding="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert zipped["ETag"] != plain["ETag"]
    again = _get(
        client, article.url, accept_encoding="gzip", if_none_match=zipped["ETag"]
    )
    assert again.status_code == 304


def test_a_page_stored_by_another_server_is_served_from_the_shared_cache(client, home):
    from khabar.core.pagecache import LOCAL

    article = ArticleFactory()
    _get(client, article.url)
    LOCAL.clear()  # this process forgets; the shared cache (Redis) still has it
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, article.url)
    assert response["X-Khabar-Cache"] == "hit" and len(queries) == 0


def test_another_workers_change_is_seen_within_the_trusted_seconds(settings):
    """A version bumped by another process reaches this one once the memo ages."""
    from django.core.cache import cache

    from khabar.core.pagecache import _versions, page_cache_bump

    settings.KHABAR_PAGE_CACHE_VERSION_SECONDS = 60
    page_cache_bump("site")
    mine = _versions(("site",))
    cache.set("pcv:site", "bumped-by-another-worker", None)
    assert _versions(("site",)) == mine
    settings.KHABAR_PAGE_CACHE_VERSION_SECONDS = 0
    assert _versions(("site",)) == ("bumped-by-another-worker",)
    page_cache_bump("site")
    settings.KHABAR_PAGE_CACHE_VERSION_SECONDS = 60
    assert _versions(("site",)) != ("bumped-by-another-worker",)


def test_a_change_inside_a_transaction_bumps_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    """A page rendered between the bump and the commit read the old rows."""
    from django.db import transaction

    from khabar.core.pagecache import page_cache_bump, page_cache_version

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_cache_bump("site")
            during = page_cache_version("site")
    assert page_cache_version("site") != during


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_goes_out_compressed_cached_or_rendered(
    client, home, admin_user, settings, signed_in
):
    """A rendered page (cache off, or an editor signed in) is gzipped too."""
    import gzip

    settings.KHABAR_PAGE_CACHE = signed_in  # off for the reader, on for the editor
    if signed_in:
        client.force_login(admin_user)
    article = ArticleFactory(title="خبری درباره کوچک کردن صفحه")
    answer = _get(client, article.url, accept_encoding="gzip, br")
    assert answer.status_code == 200
    assert answer["Content-Encoding"] == "gzip"
    assert "accept-encoding" in answer["Vary"].lower()
    assert "خبری درباره کوچک کردن صفحه" in gzip.decompress(answer.content).decode()
    plain = _get(client, article.url)  # a client that accepts no gzip
    assert not plain.has_header("Content-Encoding")
    assert "خبری درباره کوچک کردن صفحه" in plain.content.decode()
