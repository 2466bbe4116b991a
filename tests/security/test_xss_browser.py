"""The XSS corpus through every input a visitor or editor controls, in Chromium.

Each page is opened with a watcher (``conftest.XssWatch``) that records
dialogs, console markers, ``window.__xss_hit`` calls and the title, and
audits the DOM for anything that could run script. The article, comment,
listing and importer checks run with the Content-Security-Policy turned off
(``no_csp``), so only escaping stands between a payload and the reader.
"""

import re
from urllib.parse import quote

import pytest

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from khabar.core.persian import to_latin_digits
from khabar.core.security import DEFAULT_POLICY
from khabar.newsroom.models import ArticlePage
from tests.browser_fixtures import comment_form_ready
from tests.factories import ArticleFactory, CommentFactory

from .builders import payload_articles
from .conftest import same_text
from .payloads import PAYLOADS, chunks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTS_PER_PAGE = 70
SHOWN = """
() => [...document.querySelectorAll('.comment')].map(li => [
  li.id, li.querySelector('.name').innerText, li.querySelector('.comment-text').innerText
])
"""
REPLY_BANNERS = """
() => [...document.querySelectorAll('.comment .reply')].map(link => {
  link.click();
  return [link.dataset.replyTo,
          document.querySelector('[data-reply-banner] [data-reply-name]').textContent];
})
"""


def test_comments_show_every_payload_as_text(page, xss, live_server, site_tree, no_csp):
    for number, batch in enumerate(chunks(PAYLOADS, COMMENTS_PER_PAGE)):
        article = ArticleFactory(
            title=f"نظرهای آزمون {number}", slug=f"comments-{number}"
        )
        for payload in batch:
            CommentFactory(
                article=article,
                name=payload.text[:80],
                text=payload.text,
                status=Comment.Status.APPROVED,
            )
        xss.visit(f"{live_server.url}/x/{article.news_code}")
        stored = {f"comment-{c.pk}": c for c in Comment.objects.filter(article=article)}
        shown = page.evaluate(SHOWN)
        assert len(shown) == len(batch)
        for element_id, name, text in shown:
            comment = stored[element_id]
            assert same_text(name, comment.name), (element_id, name, comment.name)
            assert same_text(text, comment.text), (element_id, text, comment.text)
        # The reply link copies the name into the banner (textContent, not HTML).
        for pk, banner in page.evaluate(REPLY_BANNERS):
            assert banner == stored[f"comment-{pk}"].name
        xss.settle()
        xss.check(f"replies on {article.url}")


def _solve_captcha(page) -> str:
    question = to_latin_digits(page.locator(".captcha .question").inner_text())
    first, second = map(int, re.findall(r"\d+", question))
    return str(first + second)


FORM_PAYLOADS = ["attr-01", "script-08", "mixdir-02", "zw-08", "bidi-03", "event-19"]


def test_comment_form_keeps_payloads_as_text(
    page, xss, live_server, site_tree, premoderate, no_csp, settings
):
    settings.KHABAR_COMMENT_RATE_LIMITS = {"ip": (100, 60), "ip_hour": (100, 3600)}
    by_id = {payload.id: payload for payload in PAYLOADS}
    article = ArticleFactory(title="خبر فرم نظر", slug="form-article")
    url = f"{live_server.url}/x/{article.news_code}"
    for number, payload_id in enumerate(FORM_PAYLOADS):
        text = by_id[payload_id].text
        name = by_id[FORM_PAYLOADS[-1 - number]].text[:80]
        xss.visit(url)
        comment_form_ready(page)
        page.fill("#id_name", name)
        page.fill("#id_text", text)
        wrong = number % 2 == 0
        answer = "0" if wrong else _solve_captcha(page)
        page.fill("#id_captcha_answer", answer)
        page.click("button[type=submit]")
        page.wait_for_selector(".notice")
        xss.settle()
        xss.check(f"after posting {payload_id}")
        if wrong:  # the form comes back (400) with the reader's text in it
            assert page.locator("#id_text").input_value() == text
            assert page.locator("#id_name").input_value() == name
    posted = Comment.objects.filter(article=article)
    assert posted.count() == len(FORM_PAYLOADS) // 2
    assert {c.text for c in posted} == {by_id[i].text for i in FORM_PAYLOADS[1::2]}
    for comment in posted:  # as a moderator approves: the story's page refreshes
        comment_moderate(comment=comment, status=Comment.Status.APPROVED, user=None)
    xss.visit(url)
    shown = page.evaluate(SHOWN)
    assert sorted(text for _, _, text in shown) == sorted(c.text for c in posted)


def test_search_box_and_tag_addresses(page, xss, live_server, site_tree, no_csp):
    ArticleFactory(title="بودجه شهری", slug="budget")
    for query in _queries():
        xss.visit(f"{live_server.url}/search/?q={quote(query)}")
        # An <input> drops line breaks from its value; nothing else may change.
        shown = page.locator(".search-form input[name=q]").input_value()
        expected = query.replace("\r", "").replace("\n", "")
        assert shown == expected or same_text(shown, query), query
        assert query.split()[0] in page.title()
    for payload in PAYLOADS[::8]:
        xss.visit(f"{live_server.url}/tag/{quote(payload.text, safe='')}/", status=404)


def _queries(limit: int = 480) -> list[str]:
    """The corpus packed into search queries of at most ``limit`` characters."""
    queries, current = [], ""
    for payload in PAYLOADS:
        if current and len(current) + 1 + len(payload.text) > limit:
            queries.append(current)
            current = ""
        current = f"{current} {payload.text}" if current else payload.text
    return [*queries, current]


def _article_checks(page, xss, live_server, articles) -> None:
    for article in articles:
        article.refresh_from_db()
        xss.visit(f"{live_server.url}{article.url}")
        headline = page.locator("h1.headline").inner_text()
        assert same_text(headline, article.title), (article.slug, headline)
        lead = page.locator("p.lead").inner_text()
        assert same_text(lead, article.lead), (article.slug, lead)


def _listing_checks(page, xss, live_server, articles) -> None:
    xss.visit(f"{live_server.url}/")
    services = {article.get_parent().specific for article in articles}
    for service in services:
        url = f"{live_server.url}{service.url}"
        xss.visit(url)
        for number in range(2, 40):
            if not page.locator("a[rel=next]").count():
                break
            xss.visit(f"{url}?page={number}")
    for article in articles[::3]:
        for tag in article.tags.all():
            xss.visit(f"{live_server.url}/tag/{quote(tag.name, safe='')}/")
    # Search results carry the snippet, built by hand with <mark>.
    for query in ("شورای", "گزارش", "script", "img", "onerror"):
        xss.visit(f"{live_server.url}/search/?q={quote(query)}")
        for number in range(2, 6):
            if not page.locator("a[rel=next]").count():
                break
            xss.visit(f"{live_server.url}/search/?q={quote(query)}&page={number}")


def test_article_fields_render_inert_without_csp(
    page, xss, live_server, site_tree, media, no_csp
):
    articles = payload_articles()
    response = xss.visit(f"{live_server.url}{articles[0].url}")
    assert "content-security-policy" not in response.headers
    _article_checks(page, xss, live_server, articles)
    _listing_checks(page, xss, live_server, articles)


def test_strict_policy_is_sent_and_nothing_trips_it(
    page, xss, live_server, site_tree, media
):
    articles = payload_articles(count=12)
    for path in (
        "/",
        articles[0].url,
        "/search/?q=%3Cscript%3E",
        articles[0].get_parent().url,
    ):
        response = xss.visit(f"{live_server.url}{path}")
        policy = response.headers["content-security-policy"]
        assert policy == DEFAULT_POLICY
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy
    # With the policy on, a payload that reached the DOM as markup would show
    # as a «Refused to …» console message; ``check`` fails on any.
    _article_checks(page, xss, live_server, articles)


def test_imported_articles_render_inert(
    page, xss, live_server, site_tree, media, no_csp, tmp_path
):
    from .importers import import_scraped_payloads, import_wxr_payloads

    scraped = import_scraped_payloads(home=site_tree, folder=tmp_path / "scraped")
    wxr = import_wxr_payloads(home=site_tree, folder=tmp_path / "wxr")
    articles = list(ArticlePage.objects.filter(pk__in=[a.pk for a in scraped + wxr]))
    assert len(articles) == len(scraped) + len(wxr) > 0
    _article_checks(page, xss, live_server, articles)
    xss.visit(f"{live_server.url}/")
    commented = [a for a in articles if a.comments.filter(status="approved").exists()]
    assert commented, "the WXR comments were not imported"
    for article in commented:
        xss.visit(f"{live_server.url}{article.url}")
        for element_id, name, text in page.evaluate(SHOWN):
            comment = Comment.objects.get(pk=int(element_id.removeprefix("comment-")))
            assert same_text(name, comment.name)
            assert same_text(text, comment.text)


# Payloads that run when pasted raw into a page, one per kind of trace.
RUNS_RAW = [
    "script-01", "script-02", "script-03", "script-04", "event-01", "event-02",
    "event-04", "event-05", "event-07", "svg-01", "svg-02", "broken-03",
    "broken-11", "entity-10", "entity-11", "data-03", "mixdir-01", "attr-03",
]  # fmt: skip


def test_the_watcher_sees_a_payload_that_runs(page, xss):
    """The same checks catch these payloads when a page does not escape them."""
    by_id = {payload.id: payload for payload in PAYLOADS}
    html = {}
    page.route(
        "http://xss.test/**",
        lambda route: route.fulfill(
            body=html["body"], content_type="text/html; charset=utf-8"
        ),
    )
    for payload_id in RUNS_RAW:
        html["body"] = (
            f"<!doctype html><title>raw</title><p>{by_id[payload_id].text}</p>"
        )
        page.goto(f"http://xss.test/{payload_id}", wait_until="load")
        page.wait_for_timeout(60)
        traces = (
            (page.evaluate("window.__xss_hits") or [])
            + [d for d in xss.dialogs if d == payload_id]
            + [m.removeprefix("XSS-") for m in xss.console if m.startswith("XSS-")]
            + ([payload_id] if page.title() == f"XSS-{payload_id}" else [])
        )
        assert payload_id in traces, (payload_id, traces)
        with pytest.raises(AssertionError):
            xss.check(payload_id)
        xss.dialogs.clear()
        xss.console.clear()
        xss.errors.clear()
