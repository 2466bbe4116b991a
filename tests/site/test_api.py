"""The read-only JSON API: articles, services, tags, search, cursors and ETags."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def articles(home):
    made = [
        ArticleFactory(title=f"خبر شماره {n} درباره قطار شهری", tags=["قطار"])
        for n in range(5)
    ]
    ArticleFactory(title="خبر ورزشی", service_name="ورزشی", tags=["فوتبال"])
    return made


def test_article_list_pages_with_cursors_without_gaps_or_repeats(client, articles):
    seen, url = [], "/api/articles?limit=2"
    while url:
        data = client.get(url).json()
        seen += [item["code"] for item in data["items"]]
        url = f"/api/articles?limit=2&cursor={data['next']}" if data["next"] else None
    assert len(seen) == len(set(seen)) == 6
    assert seen == sorted(seen, reverse=True)


def test_article_list_filters_by_service_and_tag(client, articles):
    assert [
        i["title"] for i in client.get("/api/articles?service=sports").json()["items"]
    ] == ["خبر ورزشی"]
    assert len(client.get("/api/articles?tag=قطار").json()["items"]) == 5
    assert client.get("/api/articles?service=nope").status_code == 400


def test_article_detail(client, articles):
    article = articles[0]
    data = client.get(f"/api/articles/{article.news_code}").json()
    assert data["title"] == article.title
    assert data["short_url"] == f"/x/{article.news_code}"
    assert data["tags"] == ["قطار"] and data["service"] == "سیاسی"
    assert "<p>" in data["body_html"] and data["body_text"]
    missing = client.get("/api/articles/987654321")
    assert (
        missing.status_code == 404
        and "no published article" in missing.json()["detail"]
    )


def test_services_tags_and_search(client, articles):
    assert {s["slug"] for s in client.get("/api/services").json()} >= {
        "politics",
        "sports",
    }
    tags = client.get("/api/tags?limit=1").json()
    assert len(tags["items"]) == 1 and tags["next"]
    second = client.get(f"/api/tags?limit=1&cursor={tags['next']}").json()
    assert second["items"][0]["name"] != tags["items"][0]["name"]
    found = client.get("/api/search", {"q": "قطار شهري"}).json()  # Arabic yeh
    assert found["total"] == 5 and not found["loose"]
    by_code = client.get("/api/search", {"q": str(articles[0].news_code)}).json()
    assert by_code["by_code"]["code"] == articles[0].news_code


def test_etag_and_304(client, articles):
    first = client.get("/api/articles")
    etag = first.headers["ETag"]
    again = client.get("/api/articles", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?cursor=zzz",
        "/api/articles?cursor=WzFd",
        "/api/articles?limit=0",
        "/api/articles?limit=1000",
        "/api/articles?limit=abc",
        "/api/tags?cursor=bm90LWpzb24",
        "/api/search?page=0",
        "/api/articles/abc",
    ],
)
def test_bad_input_is_a_4xx_with_a_reason(client, articles, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


@pytest.mark.parametrize("query", ["OR AND NOT (", "ب" * 3000, "!!!"])
def test_odd_search_queries_answer_200(client, articles, query):
    response = client.get(f"/api/search?q={query}")
    assert response.status_code == 200 and response.json()["total"] >= 0


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/articles",
        "/api/articles/{code}",
        "/api/search",
        "/api/tags",
        "/api/services",
    } <= set(schema["paths"])
    assert client.get("/api/docs").status_code == 200
