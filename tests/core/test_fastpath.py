"""The WSGI fast path answers page-cache hits exactly as Django would, and nothing else."""

import gzip
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from khabar.core.fastpath import PageCacheFastPath
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


class _Counting:
    """A WSGI application that counts the requests reaching Django."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def app():
    """The fast path over Django, keeping the test's database connection open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    inner = _Counting()
    yield PageCacheFastPath(inner)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _call(app, path, method="GET", **environ):
    base = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "testserver"}
    base.update(environ)
    setup_testing_defaults(base)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = dict(headers)

    body = b"".join(app(base, start_response))
    return int(answer["status"].split()[0]), answer["headers"], body


def test_a_repeated_read_never_reaches_django(app, home):
    article = ArticleFactory()
    status, first_headers, first = _call(app, article.url)
    assert status == 200 and first_headers["X-Khabar-Cache"] == "miss"
    calls = app.application.calls
    with CaptureQueriesContext(connection) as queries:
        status, headers, body = _call(app, article.url)
    assert status == 200 and body == first
    assert app.application.calls == calls and len(queries) == 0
    assert headers.pop("X-Khabar-Cache") == "hit"
    first_headers.pop("X-Khabar-Cache")
    assert headers == first_headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_gzip_and_plain_readers_each_get_their_own_answer(app, home):
    article = ArticleFactory(title="خبری برای فشرده‌سازی")
    for _ in range(2):
        _, plain_headers, plain = _call(app, article.url)
        _, zipped_headers, zipped = _call(
            app, article.url, HTTP_ACCEPT_ENCODING="gzip, br"
        )
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain_headers
    assert gzip.decompress(zipped) == plain
    assert "خبری برای فشرده‌سازی" in plain.decode()
    assert zipped_headers["ETag"] != plain_headers["ETag"]
    assert zipped_headers["Content-Length"] == str(len(zipped))


def test_an_approved_comment_reaches_the_next_reader_at_once(app, home):
    article = ArticleFactory()
    comment = CommentFactory(article=article, text="خواننده‌ای که تازه نظر داد")
    _call(app, article.url)
    _call(app, article.url)
    comment_moderate(comment=comment, status=Comment.Status.APPROVED, user=None)
    calls = app.application.calls
    _, headers, body = _call(app, article.url)
    assert app.application.calls == calls + 1
    assert headers["X-Khabar-Cache"] == "miss"
    assert "خواننده‌ای که تازه نظر داد" in body.decode()


def test_a_withdrawn_story_answers_410_and_is_not_served_from_the_record(app, home):
    article = ArticleFactory()
    url = article.url
    _call(app, url)
    assert _call(app, url)[0] == 200
    article.unpublish()
    assert _call(app, url)[0] == 410


@pytest.mark.parametrize(
    ("method", "environ"),
    [
        ("GET", {"HTTP_COOKIE": "sessionid=abc"}),
        ("HEAD", {}),
        ("POST", {}),
        ("GET", {"HTTP_IF_NONE_MATCH": '"x"'}),
        ("GET", {"QUERY_STRING": "cpage=2"}),
        ("GET", {"HTTP_HOST": "evil.example"}),
    ],
)
def test_anything_but_a_recorded_anonymous_get_goes_to_django(
    app, home, method, environ
):
    article = ArticleFactory()
    _call(app, article.url)
    calls = app.application.calls
    _call(app, article.url, method=method, **environ)
    assert app.application.calls == calls + 1


def test_an_unknown_host_is_refused_even_for_a_recorded_address(app, home, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    article = ArticleFactory()
    _call(app, article.url)
    assert _call(app, article.url, HTTP_HOST="evil.example")[0] == 400


def test_a_secure_proxy_answer_is_not_reused_for_plain_http(app, home, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = ArticleFactory()
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    _call(app, article.url, **https)
    _call(app, article.url, **https)
    calls = app.application.calls
    _call(app, article.url)
    assert app.application.calls == calls + 1


def test_the_fast_path_is_off_with_the_page_cache(app, home, settings):
    settings.KHABAR_PAGE_CACHE = False
    article = ArticleFactory()
    _call(app, article.url)
    _call(app, article.url)
    assert app.application.calls == 2


@pytest.mark.parametrize(
    "extra",
    [
        [("Set-Cookie", "sessionid=x")],
        [("Vary", "Accept-Encoding, Cookie")],
        [("Vary", "Accept-Language")],
    ],
)
def test_answers_that_differ_per_reader_are_never_recorded(app, home, extra):
    article = ArticleFactory()
    _call(app, article.url)
    app._answers.clear()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": article.url}
    address = app._address({**environ, "HTTP_HOST": "testserver"})
    key = next(iter(_entry_keys()))
    headers = [("Content-Type", "text/html"), ("X-Khabar-Cache", "miss"), *extra]
    app._record(address, key, "200 OK", headers)
    assert app._answers == {}
    app._record(address, key, "200 OK", headers[:2])
    assert address in app._answers


def _entry_keys():
    from khabar.core.pagecache import LOCAL

    return list(LOCAL._items)
