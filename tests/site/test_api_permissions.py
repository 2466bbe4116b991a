"""The permission matrix of the APIs: who reads what, and who changes anything.

The public API under ``/api/`` is read-only and shows published articles
only: drafts, draft changes of a live article, scheduled, embargoed,
expired and withdrawn stories never appear, whatever the role of the
session asking. Every unsafe method answers 405 and changes nothing; every
error is English JSON. Wagtail's admin API (``/admin/api/``) is closed to
anonymous readers and to users without admin access, and its page actions
follow the newsroom's roles (``tests/newsroom/test_roles.py``), checked by
their effect. Last, every view exempt from Django's CSRF check is named here
with the reason it may be.
"""

import json
from datetime import timedelta
from itertools import count

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItemBase
from wagtail.models import Page, Revision

from khabar.comments.models import Comment
from khabar.newsroom.models import ArticlePage, ImportRecord, ServicePage
from khabar.newsroom.services import article_publish
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "editor", "chief", "moderator", "admin"]
UNSAFE = ["post", "put", "patch", "delete"]
codes = count(7_700_000)

# One word per state, in the title, lead, body and tag of that article only.
VISIBLE = "آفتابگردان"
HIDDEN = {
    "draft": "زرافه",
    "draft-with-code": "کرگدن",
    "draft-change": "فلامینگو",  # a live article's unpublished revision
    "scheduled": "شترمرغ",
    "embargoed": "سمورآبی",
    "expired": "پلنگ",
    "withdrawn": "خارپشت",
}
PERSIAN = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءآ")


def _article(word: str, **fields) -> ArticlePage:
    return ArticleFactory(
        title=f"خبر {word} در شهر",
        lead=f"لید خبر {word}.",
        body=[("paragraph", f"<p>متن خبر {word}.</p>")],
        tags=[f"برچسب {word}"],
        **fields,
    )


@pytest.fixture
def stories(people, django_capture_on_commit_callbacks):
    """One published article and one article in each hidden state.

    Search indexing runs when a transaction commits; the callbacks are run
    here, inside the test's transaction, as a commit would.
    """
    with django_capture_on_commit_callbacks(execute=True):
        return _stories(people)


def _stories(people) -> dict[str, ArticlePage]:
    now = timezone.now()
    made = {"visible": _article(VISIBLE)}
    made["draft"] = _article(HIDDEN["draft"], publish=False)
    made["draft-with-code"] = _article(
        HIDDEN["draft-with-code"], publish=False, news_code=next(codes)
    )
    live = _article("منتشرشده")
    live.title = f"خبر {HIDDEN['draft-change']} در شهر"
    live.lead = f"لید {HIDDEN['draft-change']}."
    live.save_revision(user=people["reporter"])
    made["draft-change"] = live
    scheduled = _article(HIDDEN["scheduled"], publish=False, news_code=next(codes))
    scheduled.go_live_at = now + timedelta(days=1)
    made["scheduled"] = article_publish(article=scheduled)
    embargoed = _article(HIDDEN["embargoed"], publish=False, news_code=next(codes))
    embargoed.embargo_until = embargoed.go_live_at = now + timedelta(days=2)
    made["embargoed"] = article_publish(article=embargoed)
    expired = _article(HIDDEN["expired"])
    expired.expire_at = now - timedelta(minutes=5)
    article_publish(article=expired)
    call_command("publish_scheduled")  # takes expired pages offline
    made["expired"] = expired
    withdrawn = _article(HIDDEN["withdrawn"])
    withdrawn.unpublish()
    made["withdrawn"] = withdrawn
    for article in made.values():
        article.refresh_from_db()
    assert made["visible"].live and made["draft-change"].live
    assert [s for s in HIDDEN if s != "draft-change" and made[s].live] == []
    return made


@pytest.fixture
def pair(people):
    """A published article and a draft: enough where nothing is listed."""
    return {
        "visible": _article(VISIBLE),
        "draft": _article(HIDDEN["draft"], publish=False),
    }


def _as(client, people, role: str) -> Client:
    client.logout()
    if role != "anonymous":
        client.force_login(people[role])
    return client


def _json(response) -> object:
    assert response["Content-Type"].startswith("application/json"), response
    return json.loads(response.content)


def _text(data: object) -> str:
    """The answer as text with Persian as written (the API escapes it as \\u…)."""
    return json.dumps(data, ensure_ascii=False)


def _english_error(response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.content)
    detail = _json(response)["detail"]
    assert detail and not PERSIAN & set(str(detail)), detail
    return detail


def _check_hidden(text: str, stories) -> None:
    for state, word in HIDDEN.items():
        assert word not in text, state
    for state in HIDDEN:
        code = stories[state].news_code
        if code is not None and state != "draft-change":
            assert f'"code": {code},' not in text, state


# Each reads the endpoint for the current session and checks what it shows.
def articles_list(client, stories):
    data = _json(client.get("/api/articles", {"limit": 100}))
    text = _text(data)
    assert VISIBLE in text and stories["visible"].news_code in [
        item["code"] for item in data["items"]
    ]
    _check_hidden(text, stories)
    unpublished = client.get(
        "/api/articles", {"limit": 100, "live": "false", "preview": "1", "draft": "1"}
    )
    _check_hidden(_text(_json(unpublished)), stories)
    for state, word in HIDDEN.items():
        tagged = _json(client.get("/api/articles", {"tag": f"برچسب {word}"}))
        assert tagged["items"] == [], state


def articles_detail(client, stories):
    for kind in ("articles", "ninjs"):
        visible = client.get(f"/api/{kind}/{stories['visible'].news_code}")
        assert visible.status_code == 200 and VISIBLE in _text(_json(visible))
        for state in HIDDEN:
            code = stories[state].news_code
            if code is None:
                continue
            response = client.get(f"/api/{kind}/{code}")
            if state == "draft-change":  # the published version only
                assert response.status_code == 200
                assert "منتشرشده" in _text(_json(response))
                _check_hidden(_text(_json(response)), stories)
            else:
                detail = _english_error(response, 404)
                assert detail == f"no published article has code {code}", state


def services(client, stories):
    data = _json(client.get("/api/services"))
    slugs = {service["slug"] for service in data}
    assert "politics" in slugs and "draft-service" not in slugs


def tags(client, stories):
    text = _text(_json(client.get("/api/tags", {"limit": 100})))
    assert f"برچسب {VISIBLE}" in text
    _check_hidden(text, stories)


def search(client, stories):
    found = _json(client.get("/api/search", {"q": VISIBLE}))
    assert found["total"] == 1
    for state, word in HIDDEN.items():
        data = _json(client.get("/api/search", {"q": word}))
        assert data["total"] == 0 and data["items"] == [], state
        _check_hidden(_text({**data, "query": ""}), stories)  # the query is echoed
        code = stories[state].news_code
        if code is not None and state != "draft-change":
            by_code = _json(client.get("/api/search", {"q": str(code)}))
            assert by_code["by_code"] is None, state


def openapi_schema(client, stories):
    schema = _json(client.get("/api/openapi.json"))
    methods = {
        method
        for operations in schema["paths"].values()
        for method in operations
        if method in {"get", "head", "options", *UNSAFE}
    }
    assert methods == {"get"}  # the schema promises reading only
    _check_hidden(_text(schema), stories)
    assert client.get("/api/docs").status_code == 200


ENDPOINTS = [articles_list, articles_detail, services, tags, search, openapi_schema]


@pytest.mark.parametrize("role", ROLES)
def test_hidden_articles_are_never_returned(client, people, stories, role):
    """Each role × each endpoint (one test per role: the stories cost a second)."""
    draft_service = ServicePage(title="سرویس پیش\u200cنویس", slug="draft-service")
    Page.objects.get(depth=2).add_child(instance=draft_service)
    draft_service.unpublish()
    session = _as(client, people, role)
    for endpoint in ENDPOINTS:
        try:
            endpoint(session, stories)
        except AssertionError as error:
            raise AssertionError(f"{role} × {endpoint.__name__}: {error}") from error


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_an_article_past_its_expiry_shows_in_the_api_as_on_its_page(
    client, people, stories, role
):
    """Between ``expire_at`` and the next ``publish_scheduled``, the API agrees
    with the article page: both still show the story, or neither does."""
    article = stories["visible"]
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    client = _as(client, people, role)
    page = client.get(article.url)
    detail = client.get(f"/api/articles/{article.news_code}")
    assert (page.status_code == 200) == (detail.status_code == 200)


def _snapshot() -> tuple:
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "live", "slug")),
        Revision.objects.count(),
        Comment.objects.count(),
        list(Tag.objects.order_by("pk").values_list("pk", "name")),
        sum(model.objects.count() for model in TaggedItemBase.__subclasses__()),
        ImportRecord.objects.count(),
        get_user_model().objects.count(),
    )


UNSAFE_PATHS = [
    "/api/articles",
    "/api/articles/{code}",
    "/api/ninjs/{code}",
    "/api/services",
    "/api/tags",
    "/api/search?q=x",
    "/api/openapi.json",
    "/api/docs",
]
# The schema and docs (django-ninja's views, wrapped with require_safe).
SCHEMA_PATHS = {"/api/openapi.json", "/api/docs"}


@pytest.mark.parametrize("path", UNSAFE_PATHS)
def test_unsafe_methods_answer_405_and_change_nothing(client, people, pair, path):
    """Each unsafe method × each role, without the CSRF check (the worst case)."""
    url = path.format(code=pair["visible"].news_code)
    body = json.dumps(
        {"title": "عنوان تازه", "live": True, "code": pair["draft"].pk, "name": "x"}
    )
    before = _snapshot()
    for role in ROLES:
        session = _as(client, people, role)
        for method in UNSAFE:
            send = getattr(session, method)
            response = send(url, body, content_type="application/json")
            assert response.status_code == 405, (role, method, response.status_code)
            allowed = "GET, HEAD" if path in SCHEMA_PATHS else "GET"
            assert response["Allow"] == allowed, (role, method, response["Allow"])
            assert response.content.decode().isascii()
    assert _snapshot() == before
    assert client.get(url).status_code == 200  # the control: reading works


@pytest.mark.parametrize("path", sorted(SCHEMA_PATHS))
def test_the_schema_refuses_unsafe_methods(client, home, path):
    assert client.post(path).status_code == 405


@pytest.mark.parametrize(
    ("method", "url"), [("post", "/api/articles"), ("get", "/api/nothing-here")]
)
def test_every_api_error_is_json(client, home, method, url):
    response = getattr(client, method)(url)
    assert response.status_code in (404, 405)
    _english_error(response, response.status_code)


@pytest.mark.parametrize("role", ["anonymous", "chief"])
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles?cursor=%7B%7B", 400),
        ("/api/articles?limit=0", 400),
        ("/api/articles?service=nope", 400),
        ("/api/articles/abc", 422),
        ("/api/articles/99999999999", 404),
        ("/api/ninjs/99999999999", 404),
        ("/api/tags?cursor=bm90LWpzb24", 400),
        ("/api/search?page=0", 400),
        ("/api/search?service=nope", 400),
    ],
)
def test_errors_are_english_json(client, people, url, status, role):
    response = _as(client, people, role).get(url)
    _english_error(response, status)


# ------------------------------------------------------------ Wagtail admin API

ADMIN_API = [
    "/admin/api/main/pages/",
    "/admin/api/main/pages/{pk}/",
    "/admin/api/main/pages/find/?html_path=/",
    "/admin/api/main/images/",
    "/admin/api/main/documents/",
]


@pytest.mark.parametrize("path", ADMIN_API)
@pytest.mark.parametrize("who", ["anonymous", "no-admin-access"])
def test_the_admin_api_is_closed_to_readers(client, pair, path, who):
    if who != "anonymous":
        client.force_login(get_user_model().objects.create_user("reader", "r@x.ir"))
    response = client.get(path.format(pk=pair["draft"].pk))
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert HIDDEN["draft"] not in response.content.decode(errors="replace")


def test_the_admin_api_shows_drafts_to_newsroom_staff(client, people, pair):
    """The control for the test above: the same address does answer staff."""
    client.force_login(people["chief"])
    response = client.get(f"/admin/api/main/pages/{pair['draft'].pk}/")
    assert response.status_code == 200
    assert HIDDEN["draft"] in _text(_json(response))


def _admin_action(client, page, action: str, data=None):
    url = f"/admin/api/main/pages/{page.pk}/action/{action}/"
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def api_publish(client, people, services):
    article = ArticleFactory(publish=False)
    article.save_revision(user=people["chief"])
    _admin_action(client, article, "publish")
    article.refresh_from_db()
    return article.live


def api_unpublish(client, people, services):
    article = ArticleFactory()
    _admin_action(client, article, "unpublish")
    article.refresh_from_db()
    return not article.live


def api_copy(client, people, services):
    article = ArticleFactory(publish=False)
    before = ArticlePage.objects.count()
    _admin_action(client, article, "copy", {"slug": f"copy-{next(codes)}"})
    return ArticlePage.objects.count() == before + 1


def api_delete(client, people, services):
    """The admin API's delete moves a story to the trash; it is never gone at once."""
    article = ArticleFactory()
    _admin_action(client, article, "delete")
    kept = ArticlePage.objects.filter(pk=article.pk).first()
    assert kept is not None, "the admin API deleted a story for good"
    return kept.trashed_at is not None and not kept.live


ADMIN_ACTIONS = [api_publish, api_unpublish, api_copy, api_delete]
# As in the newsroom's matrix: the editor works in «سیاسی», where the
# factory files articles; «delete» moves a story to the trash (deleting for
# good is the trash's «purge_article», the site admin's alone).
ADMIN_MATRIX = {
    "reporter": (0, 0, 0, 0),
    "editor": (1, 1, 1, 1),
    "chief": (1, 1, 1, 1),
    "moderator": (0, 0, 0, 0),
    "admin": (1, 1, 1, 1),
}
ADMIN_CASES = [
    pytest.param(
        role,
        action,
        bool(allowed),
        id=f"{role}-{action.__name__}",
    )
    for role, row in ADMIN_MATRIX.items()
    for action, allowed in zip(ADMIN_ACTIONS, row, strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), ADMIN_CASES)
def test_admin_api_actions_follow_the_roles(
    client, people, services, role, action, allowed
):
    client.force_login(people[role])
    assert action(client, people, services) is allowed


@pytest.mark.parametrize("action", [api_publish, api_unpublish, api_delete])
def test_admin_api_actions_need_a_csrf_token(people, services, action):
    """A logged-in site admin's browser cannot be made to act from another site."""
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(people["admin"])
    assert action(guarded, people, services) is False
    anonymous = Client(enforce_csrf_checks=True)
    assert action(anonymous, people, services) is False


# ------------------------------------------------------------------ CSRF audit

# Every view Django's CSRF check skips, by route, with the reason it may.
CSRF_EXEMPT = {
    "hit/<int:code>": (
        "the read beacon: cached pages carry no token; it only counts a read"
    ),
    **{
        f"api/{route}": (
            "the read-only public API (django-ninja handles CSRF itself and "
            "every unsafe method answers 405)"
        )
        for route in (
            "articles",
            "articles/<code>",
            "ninjs/<code>",
            "services",
            "tags",
            "search",
        )
    },
    **{
        f"admin/api/main/^{route}": (
            "Wagtail's admin API (Django REST framework): SessionAuthentication "
            "enforces the CSRF check itself (test_admin_api_actions_need_a_csrf_token)"
        )
        for route in (
            "pages/",
            "pages/<int:pk>/",
            "pages/find/",
            "pages/<int:pk>/action/<str:action_name>/",
            "documents/",
            "documents/<int:pk>/",
            "documents/find/",
            "images/",
            "images/<int:pk>/",
            "images/find/",
        )
    },
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_csrf_middleware_guards_every_view_but_the_allowed_exemptions():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    exempt = {
        route
        for route, view in _routes(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False)
    }
    assert exempt == set(CSRF_EXEMPT), {
        "exempt without a reason here": sorted(exempt - set(CSRF_EXEMPT)),
        "no longer exempt": sorted(set(CSRF_EXEMPT) - exempt),
    }


def test_a_form_post_without_its_token_is_refused(people, pair):
    """The control: a guarded view does refuse a post that lacks the token."""
    guarded = Client(enforce_csrf_checks=True)
    url = f"/comments/post/{pair['visible'].news_code}/"
    response = guarded.post(url, {"name": "مریم", "text": "نظر بی\u200cتوکن"})
    assert response.status_code == 403
    assert not Comment.objects.exists()
    guarded.force_login(people["chief"])
    unpublish = f"/admin/pages/{pair['visible'].pk}/unpublish/"
    assert guarded.post(unpublish).status_code == 403
    pair["visible"].refresh_from_db()
    assert pair["visible"].live
