"""Bad input never answers 5xx: fuzzed comment posts and searches, oversized
bodies, invalid UTF-8, NUL bytes and control characters each get a clear 4xx
(or the normal answer), and nothing half-written is left behind."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.comments.models import Comment
from tests.comments.helpers import reader_captcha
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
# Letters of several scripts, invisible and control characters, markup.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(
            ["\u200c", "\u200d", "\u202e", "\ufeff", "<", ">", "&", "\x00"]
        ),
    ),
    max_size=300,
)


@pytest.fixture
def article(home):
    return ArticleFactory()


@FUZZ
@given(name=TEXT, text=TEXT, parent=st.text(max_size=12), answer=st.text(max_size=6))
def test_fuzzed_comment_posts_never_fail_the_server(
    client, article, name, text, parent, answer
):
    token, right = reader_captcha(client)
    data = {
        "name": name,
        "email": "",
        "text": text,
        "parent": parent,
        "captcha_token": token,
        "captcha_answer": answer or right,
    }
    before = Comment.objects.count()
    response = client.post(f"/comments/post/{article.news_code}/", data)
    assert response.status_code in (302, 400, 429), response.status_code
    stored = Comment.objects.count() - before
    assert stored == (1 if response.status_code == 302 else 0)


@FUZZ
@given(query=TEXT)
def test_fuzzed_searches_never_fail_the_server(client, home, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)


def test_a_10_mb_comment_body_is_refused_clearly(client, article):
    huge = "ن" * (10 * 1024 * 1024)
    response = client.post(
        f"/comments/post/{article.news_code}/", {"name": "علی", "text": huge}
    )
    assert response.status_code in (400, 413)
    assert not Comment.objects.exists()


def test_invalid_utf8_in_a_post_is_refused_clearly(client, article):
    response = client.post(
        f"/comments/post/{article.news_code}/",
        data=b"name=%FF%FE&text=\xff\xfe\xfd",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%FF%FE",
        "/search/?q=%00",
        "/tag/%FF/",
        "/news/1/%00/",
        "/api/search?q=%FF",
        "/api/articles?cursor=%7B%7B%7B",
        "/api/articles?limit=99999999999999999999",
    ],
)
def test_odd_addresses_get_a_4xx_or_a_page(client, home, path):
    assert client.get(path).status_code < 500


def test_deeply_nested_json_to_the_api_is_refused(client, home):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/articles", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500
