"""The public pages: the reference article with every element, listings, links."""

import re

import pytest

from khabar.comments.models import Comment
from khabar.newsroom.importing.service import scraped_file_import
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_article(home, reference_page):
    result = scraped_file_import(path=reference_page, home=home)
    assert result.status == "created", result.error
    from khabar.newsroom.selectors import article_get_by_code

    return article_get_by_code(code=1224974)


def test_short_link_redirects_permanently(client, reference_article):
    response = client.get("/x/1224974")
    assert response.status_code == 301
    assert response["Location"] == reference_article.url
    assert client.get("/x/999999999").status_code == 404


@pytest.mark.parametrize(
    "element",
    [
        '<html lang="fa" dir="rtl">',
        '<h1 class="headline">دیدار وزیر دفاع سوریه با سرلشکر باقری</h1>',
        '<p class="lead">وزیر دفاع سوریه عصر امروز',
        '<strong class="dateline">گروه سیاسی ایسکانیوز،</strong> سپهبد «علی محمود عباس»',
        '<span class="label">بیشتر بخوانید:</span>',
        "سرلشکر باقری: راهیان نور",
        '<p class="end-marker">انتهای پیام/</p>',
        "کد خبر: ۱۲۲۴۹۷۴",
        'href="/x/1224974"',
        "<h2>برچسب‌ها</h2>",
        "<h2>نظر شما</h2>",
        "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی منتشر نمی\u200cشود.",
        "نظراتی که غیر از زبان فارسی یا غیر مرتبط با خبر باشد منتشر نمی\u200cشود.",
        'name="captcha_answer"',
        'name="email"',
        "شما در حال پاسخ به نظر",
    ],
)
def test_reference_article_page_has_every_element(client, reference_article, element):
    html = client.get(reference_article.url).content.decode()
    assert element in html


def test_article_page_shows_a_jalali_date_and_persian_captcha(
    client, reference_article
):
    html = client.get(reference_article.url).content.decode()
    assert re.search(
        r"<time datetime=\"[^\"]+\">[۰-۹]{1,2} (آذر|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان) [۰-۹]{4}",
        html,
    )
    assert 'name="captcha_token" value="" data-captcha-token' in html
    question = client.get("/comments/state/").json()["captcha"]["question"]
    assert re.fullmatch(r"[۱-۹] \+ [۱-۹] =", question)


def test_all_seven_paragraphs_and_no_chrome_in_the_body(client, reference_article):
    html = client.get(reference_article.url).content.decode()
    body = html.split('<div class="article-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 7
    assert "0 + 0" not in html


def test_tags_link_to_tag_pages(client):
    article = ArticleFactory(tags=["شورای شهر", "بودجه"])
    html = client.get(article.url).content.decode()
    assert (
        'href="/tag/%D8%A8%D9%88%D8%AF%D8%AC%D9%87/"' in html
        or 'href="/tag/بودجه/"' in html
    )
    tag_page = client.get("/tag/بودجه/")
    assert tag_page.status_code == 200
    assert article.title in tag_page.content.decode()
    assert client.get("/tag/ناموجود/").status_code == 404


def test_home_lists_latest_and_a_lead_story_per_service(client):
    politics = ArticleFactory(service_name="سیاسی", title="خبر سیاسی تازه")
    sports = ArticleFactory(service_name="ورزشی", title="خبر ورزشی تازه")
    html = client.get("/").content.decode()
    assert politics.title in html and sports.title in html
    assert html.count('class="lead-story"') == 2


def test_service_page_paginates(client, settings):
    settings.KHABAR_PAGE_SIZE = 2
    titles = [
        ArticleFactory(service_name="ورزشی", title=f"خبر ورزشی {n}").title
        for n in range(5)
    ]
    first = client.get("/sports/").content.decode()
    third = client.get("/sports/?page=3").content.decode()
    assert titles[4] in first and titles[0] not in first
    assert titles[0] in third
    assert "صفحه ۳ از ۳" in third
    assert client.get("/sports/?page=abc").status_code == 200


def test_wrong_slug_redirects_and_unknown_code_is_404(client):
    article = ArticleFactory(slug="real-slug")
    response = client.get(f"/news/{article.news_code}/other/")
    assert response.status_code == 301 and response["Location"] == article.url
    assert client.get("/news/987654321/x/").status_code == 404


def test_tree_address_redirects_to_the_news_code_address(client):
    article = ArticleFactory(service_name="سیاسی", slug="tree-slug")
    response = client.get("/politics/tree-slug/")
    assert response.status_code == 301
    assert response["Location"] == article.url


def test_email_is_never_shown(client):
    comment = CommentFactory(email="reader@example.com", status=Comment.Status.APPROVED)
    assert "reader@example.com" not in client.get(comment.article.url).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/x/abc",
        "/news/abc/slug/",
        "/no/such/page/",
        "/news/1/" + "ب" * 500 + "/",
    ],
)
def test_unknown_addresses_answer_a_persian_404(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert "صفحه پیدا نشد" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/tag/%00/", "/search/?q=%00", "/?page=%00", "/api/search?q=a%00"]
)
def test_nul_bytes_are_refused_with_400(client, path):
    response = client.get(path)
    assert response.status_code == 400


def test_listings_offer_at_most_the_configured_pages(client, home, settings):
    settings.KHABAR_PAGE_SIZE = 2
    settings.KHABAR_LISTING_MAX_PAGES = 2
    settings.KHABAR_PAGE_CACHE = False
    for n in range(7):
        ArticleFactory(title=f"خبر فهرست {n}")
    first = client.get("/politics/").content.decode()
    assert "صفحه ۱ از ۲+" in first
    last = client.get("/politics/?page=9").content.decode()
    assert "صفحه ۲ از ۲+" in last
    settings.KHABAR_LISTING_MAX_PAGES = 10
    assert "صفحه ۱ از ۴<" in client.get("/politics/").content.decode()
