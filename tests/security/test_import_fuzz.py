"""Hypothesis fuzzing of the importers: WordPress exports, scraped pages, HTML pages.

Whatever the file holds, an importer answers with its report (``wxr``, ``html``)
or its result (``scraped``) and never raises; the ``import`` command prints
that report and ends normally or with a ``CommandError`` (exit status 1),
never with a traceback. A file refused whole writes nothing, a failed item
leaves its import record as it was, and every article an import published
answers 200 on its page and in the API.

Three kinds of input: (a) structurally valid WordPress exports built from
generated fields (markup fragments, Persian text with ZWNJ, bidi and control
characters, odd dates, odd post IDs, missing elements, duplicated IDs,
comments with bad parents, unknown types and statuses); (b) the bytes of the
test export mutated (cut, flipped, invalid UTF-8, wrong encodings, entity
tricks); (c) random text and HTML pages for the scraped and HTML importers.
Regression tests for the crashes the fuzzing found close the file.
"""

import io
import os
import re
import shutil
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from khabar.comments.models import Comment
from khabar.newsroom.importing.html import html_import
from khabar.newsroom.importing.report import FAILED, STATUSES
from khabar.newsroom.importing.scraped import NotAnArticle, parse_page
from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.importing.wxr import WxrError, parse_wxr, wp_date
from khabar.newsroom.importing.wxr_service import wxr_file_import
from khabar.newsroom.models import ArticlePage, ImportRecord

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "newsroom" / "fixtures"
BLOG = (FIXTURES / "wxr" / "blog.xml").read_bytes()
BRIDGE = (FIXTURES / "html" / "bridge.html").read_bytes()
# KHABAR_FUZZ_SCALE=10 runs ten times the examples (a deeper hunt, by hand).
SCALE = int(os.environ.get("KHABAR_FUZZ_SCALE", "1"))
FUZZ = settings(
    max_examples=40 * SCALE,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FEW = settings(FUZZ, max_examples=25 * SCALE)
runs = count()

# ---------------------------------------------------------------- strategies

PERSIAN_WORDS = [
    "خبر", "شهر", "نان", "بازار", "می\u200cشود", "گفت\u200cوگو", "ایران/آمریکا",
    "۱۴۰۳", "١٢٣", "ك", "ي", "«نقل»", "؛", "،", "ـــ", "\u064b", "ﷲ",
]  # fmt: skip
ODD_CHARS = [
    "\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b",
    "\u202e", "\u2066", "\u2069", "\ufeff", "\u2028", "\u00a0", "\x00",
    "\x01", "\x1b", "\x7f", "\ufffe", "\r", "\t", "\n", "\n\n", "  ",
]  # fmt: skip
MARKUP = [
    "<p>", "</p>", "<b>", "</b>", "<strong>", "<em>", "</i>", "<br>", "<br/>",
    "<blockquote>", "</blockquote>", "<cite>", "</cite>", "<h2>", "</h2>",
    "<ul><li>", "</li></ul>", "<div>", "</div>", "<table><tr><td>",
    '<a href="/?p=9">', '<a href="javascript:alert(1)">', "<a href=>", "</a>",
    "<script>alert(1)</script>", "<style>p{}</style>", "<img src=x onerror=y>",
    "<iframe src=//x>", "<figcaption>", "<!-- ", " -->", "<![CDATA[", "]]>",
    "[caption id=1]", "[/caption]", "[gallery ids=1,2]", "&amp;", "&lt;p&gt;",
    "&#x202e;", "&nbsp;", "&bogus;", "&#0;", "&#xD800;", "<p onclick='x()'>",
    "بیشتر بخوانید:", "انتهای پیام/", "کد خبر: ۱۲۳۴۵", "<svg onload=x>",
    "<", ">", "&", '"', "'",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(
        st.sampled_from(PERSIAN_WORDS),
        st.sampled_from(ODD_CHARS),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
    ),
    max_size=12,
).map(" ".join)
HEADLINE = st.lists(st.sampled_from(PERSIAN_WORDS[:7]), min_size=1, max_size=6).map(
    lambda words: "تیتر " + " ".join(words)
)
HTML = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.sampled_from(PERSIAN_WORDS), TEXT),
    max_size=30,
).map("".join)
USABLE_IDS = st.integers(min_value=1, max_value=10**6).map(str)
POST_IDS = st.one_of(
    USABLE_IDS,
    USABLE_IDS,
    USABLE_IDS,
    st.sampled_from(["101", "102", "7", "7", "0", "", "007", "-5", "abc", " 12 "]),
    st.sampled_from(["۱۲", "1e5", "99999999999999999999", "999999999999999999"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
WP_DATES = st.one_of(
    st.sampled_from(
        [
            "",
            "0000-00-00 00:00:00",
            "2024-03-05 05:00:00",
            "2024-02-30 10:00:00",
            "0001-01-01 00:00:00",
            "9999-12-31 23:59:59",
            "2024-13-01 00:00:00",
            "1899-12-31 23:59:59",
            "3000-01-01 00:00:00",
            "yesterday",
            "2024-03-05",
            "2024-03-05T05:00:00Z",
            "۱۴۰۳-۰۱-۰۱ ۰۰:۰۰:۰۰",
        ]
    ),  # fmt: skip
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S")
    ),
)
RFC822 = st.sampled_from(
    [
        "", "Tue, 05 Mar 2024 05:00:00 +0000", "Mon, 01 Jan 0001 00:00:00 +0500",
        "Fri, 31 Dec 9999 23:59:59 -1200", "Tue, 05 Mar 2024 05:00:00",
        "not a date", "Tue, 32 Mar 2024 25:61:00 +9999",
    ]
)  # fmt: skip
STATUSES_WP = st.one_of(
    st.just("publish"),
    st.sampled_from(
        ["publish", "draft", "pending", "future", "private", "trash", "auto-draft"]
    ),
    st.sampled_from(["inherit", "", "PUBLISH", "unknown"]),
    TEXT,
)
POST_TYPES = st.one_of(
    st.just("post"),
    st.sampled_from(["post", "page", "attachment", "nav_menu_item", ""]),
    TEXT,
)
COMMENT_IDS = st.sampled_from(["1", "2", "3", "3", "", "x", "-1"])
COMMENTS = st.lists(
    st.fixed_dictionaries(
        {
            "comment_id": COMMENT_IDS,
            "comment_parent": st.sampled_from(["0", "1", "2", "3", "9", "", "x"]),
            "comment_author": TEXT,
            "comment_author_email": st.sampled_from(["", "a@b.ir", "not-mail", "@"]),
            "comment_author_IP": st.sampled_from(["", "192.0.2.1", "::1", "999.1.1"]),
            "comment_date_gmt": WP_DATES,
            "comment_date": WP_DATES,
            "comment_content": HTML,
            "comment_approved": st.sampled_from(
                ["1", "0", "hold", "approve", "spam", "trash", "x", ""]
            ),
            "comment_type": st.sampled_from(["", "comment", "pingback", "trackback"]),
        },
        optional={},
    ),
    max_size=4,
)
STORY = st.tuples(HEADLINE, HTML).map("<p>{0[0]}</p>{0[1]}".format)


def mostly(strategy):
    """``strategy``'s value, or (one time in four) None: the element is left out."""
    return st.one_of(strategy, strategy, strategy, st.none())


POSTS = st.lists(
    st.fixed_dictionaries(
        {
            "title": mostly(st.one_of(HEADLINE, HEADLINE, TEXT)),
            "content:encoded": mostly(st.one_of(STORY, STORY, HTML)),
            "wp:post_id": mostly(POST_IDS),
            "wp:status": mostly(STATUSES_WP),
            "wp:post_type": mostly(POST_TYPES),
        },
        optional={
            "excerpt:encoded": st.one_of(st.just(""), TEXT),
            "wp:post_date_gmt": WP_DATES,
            "wp:post_date": WP_DATES,
            "pubDate": RFC822,
            "wp:post_name": st.one_of(st.sampled_from(["%d9%82", "%zz", "a/b"]), TEXT),
            "dc:creator": st.sampled_from(["maryam", "ali.k", "", "نویسنده", " "]),
            "categories": st.lists(
                st.tuples(
                    st.sampled_from(["category", "post_tag", "", "other"]),
                    st.sampled_from(["uncategorized", "economy", "%zz", ""]),
                    TEXT,
                ),
                max_size=4,
            ),
            "comments": COMMENTS,
            "thumbnail": st.sampled_from(["201", "999", "", "abc"]),
        },
    ),
    min_size=1,
    max_size=4,
)
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _field(value: str, how: str, strict: bool) -> str:
    """Write ``value`` as XML text: escaped, in CDATA, or raw (maybe malformed)."""
    if strict:
        value = XML_ILLEGAL.sub("", value)
    if how == "cdata":
        return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    if how == "raw" and not strict:
        return value
    return xml_escape(value)


AUTHOR = "مریم \u202e<b>"


def wxr_document(draw_how, posts: list[dict], *, site: str, strict: bool) -> str:
    """Return a WordPress export holding ``posts`` (missing keys are left out)."""

    def el(name: str, value: str) -> str:
        return f"<{name}>{_field(value, draw_how(), strict)}</{name}>"

    items = []
    for post in posts:
        parts = [
            el(name, value)
            for name, value in post.items()
            if value is not None and (":" in name or name in ("title", "pubDate"))
        ]
        for domain, nicename, name in post.get("categories", []):
            attrs = f' domain="{domain}"' if domain else ""
            attrs += f' nicename="{xml_escape(nicename)}"'
            parts.append(
                f"<category{attrs}>{_field(name, draw_how(), strict)}</category>"
            )
        if post.get("thumbnail"):
            parts.append(
                "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{post['thumbnail']}</wp:meta_value></wp:postmeta>"
            )
        for comment in post.get("comments", []):
            fields = "".join(el(f"wp:{k}", v) for k, v in comment.items())
            parts.append(f"<wp:comment>{fields}</wp:comment>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>'
        f"<title>وبلاگ آزمون</title><link>{site}</link>"
        f"<wp:base_blog_url>{site}</wp:base_blog_url>"
        "<wp:author><wp:author_login>maryam</wp:author_login>"
        f"<wp:author_display_name>{_field(AUTHOR, 'text', strict)}"
        "</wp:author_display_name></wp:author>"
        "<item><title>تصویر</title><wp:post_id>201</wp:post_id>"
        "<wp:post_type>attachment</wp:post_type>"
        "<wp:attachment_url>https://x.ir/wp-content/uploads/../../etc/passwd"
        "</wp:attachment_url></item>" + "\n".join(items) + "</channel></rss>\n"
    )


@st.composite
def wxr_files(draw) -> tuple[str, bool]:
    """Draw an export (its text) and whether post IDs become news codes."""
    strict = draw(st.sampled_from([True, True, False]))
    how = st.sampled_from(["text", "cdata", "raw"])
    posts = draw(POSTS)
    site = f"https://blog{next(runs)}.example.ir"
    return wxr_document(lambda: draw(how), posts, site=site, strict=strict), draw(
        st.booleans()
    )


ENTITY_TRICKS = [
    b"&x;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&#x110000;", b"&amp", b"&#;",
    b'<!DOCTYPE rss [<!ENTITY a "b">]>', b'<!ENTITY x SYSTEM "file:///etc/passwd">',
    b"<![CDATA[", b"]]>", b"<!--", b"-->", b"</channel>", b"<item>", b"</item>",
    b"<?xml-stylesheet href='x'?>", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe",
    b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
    b"<wp:post_id>", b"</wp:post_id>", b"<title>", b"<rss>",
]  # fmt: skip
DECLARATIONS = [
    b'<?xml version="1.0" encoding="UTF-8" ?>',
    b'<?xml version="1.0" encoding="ISO-8859-1" ?>',
    b'<?xml version="1.0" encoding="UTF-16" ?>',
    b'<?xml version="1.0" encoding="windows-1256" ?>',
    b'<?xml version="1.0" encoding="bogus-8" ?>',
    b'<?xml version="1.1" encoding="ascii" ?>',
    b'<?xml version="2.0"?>',
    b"",
]


@st.composite
def mutated_exports(draw) -> bytes:
    """Draw the test export with a few mutations applied in turn."""
    data = bytearray(BLOG)
    data[: data.index(b"?>") + 2] = draw(
        st.one_of(st.just(DECLARATIONS[0]), st.sampled_from(DECLARATIONS))
    )
    mutations = draw(
        st.lists(
            st.sampled_from(["cut", "flip", "insert", "delete", "recode", "text"]),
            min_size=1,
            max_size=4,
        )
    )
    for kind in mutations:
        at = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(ENTITY_TRICKS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif kind == "text":  # well-formed: generated text inside a CDATA section
            starts = [m.end() for m in re.finditer(rb"<!\[CDATA\[", bytes(data))]
            if starts:
                at = draw(st.sampled_from(starts))
                text = XML_ILLEGAL.sub("", draw(HTML)).replace("]]>", "")
                data[at:at] = text.encode("utf-8")
        elif kind == "recode":
            codec = draw(st.sampled_from(["utf-16", "cp1256", "latin-1", "utf-32"]))
            text = bytes(data).decode("utf-8", errors="replace")
            data = bytearray(text.encode(codec, errors="replace"))
    return bytes(data)


SCRAPED_LINES = [
    "خبر آزمون درباره بازار شهر", "لید خبر آزمون که دو جمله دارد.",
    "گروه سیاسی ایسکانیوز، متن نخست خبر", "به گزارش گروه اقتصادی ایرنا، متن",
    "گروه ، بدون سرویس", "بیشتر بخوانید:", "بیشتر\u200cبخوانید: تیتر مرتبط",
    "انتهای پیام/", "انتهای پیام", "کد خبر: ۱۲۳۴۵", "کد خبر: 0", "کد خبر: 1",
    "کد خبر: 99999999999999999999999", "کد خبر: " + "۹" * 5000,
    "برچسب\u200cها", "برچسب\u200cها: الف، ب، ایران/آمریکا", "نظر شما", "۲ + ۳ =",
    "•", "-", "<script>alert(1)</script>", "&lt;b&gt;", "ن" * 300, "",
]  # fmt: skip
SCRAPED_PAGES = st.lists(
    st.one_of(st.sampled_from(SCRAPED_LINES), TEXT), min_size=0, max_size=20
).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\n\n", "\r"]).map(
        lambda sep: sep.join(lines)
    )
)
HTML_PAGES = st.fixed_dictionaries(
    {
        "title": TEXT,
        "description": TEXT,
        "date": st.one_of(WP_DATES, RFC822),
        "section": TEXT,
        "keywords": TEXT,
        "canonical": st.sampled_from(
            ["", "https://news.example.org/a", "javascript:x", "//x", "/rel", "::"]
        ),
        "body": st.lists(HTML, max_size=6),
        "ld": st.sampled_from(
            ["", '{"@type":"NewsArticle","headline":"x"}', "{", '{"datePublished":1}']
        ),
    }
)


def html_page(page: dict) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in page["body"])
    return (
        "<!doctype html><html lang='fa' dir='rtl'><head><meta charset='utf-8'>"
        f"<title>{page['title']}</title>"
        f"<meta name='description' content='{page['description']}'>"
        f"<meta property='article:published_time' content='{page['date']}'>"
        f"<meta property='article:section' content='{page['section']}'>"
        f"<meta name='keywords' content='{page['keywords']}'>"
        f"<link rel='canonical' href='{page['canonical']}'>"
        f"<script type='application/ld+json'>{page['ld']}</script></head>"
        f"<body><nav>خانه</nav><article><h1>{page['title']}</h1>{paragraphs}"
        "</article><footer>حقوق محفوظ است</footer></body></html>"
    )


# ------------------------------------------------------------------ checks


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Comment.objects.count(),
        ImportRecord.objects.count(),
        get_user_model().objects.count(),
    )


def records() -> dict[str, str]:
    return dict(ImportRecord.objects.values_list("source", "checksum"))


def assert_serves(client, codes) -> None:
    """Every live article among ``codes`` answers 200 on its page and in the API."""
    for article in ArticlePage.objects.filter(news_code__in=codes, live=True):
        page = client.get(article.url)
        assert page.status_code == 200, (article.url, page.status_code)
        api = client.get(f"/api/articles/{article.news_code}")
        assert api.status_code == 200, (article.news_code, api.content[:300])


def check_wxr_report(client, report, path: Path, before, records_before) -> None:
    """The properties every WordPress import keeps (see the module's text)."""
    assert report.items, "a report always names at least one item"
    assert {item.status for item in report.items} <= set(STATUSES)
    for item in report.failed:
        assert item.reason.strip(), item
    refused = [item for item in report.failed if item.key == str(path)]
    event("refused whole" if refused else "read")
    for item in report.items:
        event(f"item {item.status}")
    if refused:
        assert len(report.items) == 1
        assert snapshot() == before, refused[0].reason
        return
    after = records()
    # A failed post writes nothing, unless a post of the same ID in this
    # file (a duplicate) was imported.
    written_keys = {i.key for i in report.items if i.status in ("created", "updated")}
    for item in report.failed:
        if item.key not in written_keys:
            key = item.key[:500]
            assert after.get(key) == records_before.get(key), item
    written = [i.news_code for i in report.items if i.status in ("created", "updated")]
    assert_serves(client, written)


def write(tmp_path: Path, data: bytes | str, suffix: str) -> Path:
    path = tmp_path / f"fuzz-{next(runs)}{suffix}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def run_command(*args: str) -> tuple[str, str, CommandError | None]:
    """Run ``khabar import``; return what it printed and its error, if it failed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except CommandError as error:
        assert error.returncode == 1 and str(error).strip()
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


# ------------------------------------------------------ (a) generated exports


@FUZZ
@given(file=wxr_files())
def test_generated_exports_import_or_fail_item_by_item(client, home, tmp_path, file):
    text, post_id_codes = file
    path = write(tmp_path, text, ".xml")
    before, records_before = snapshot(), records()
    report = wxr_file_import(path=path, home=home, post_id_codes=post_id_codes)
    check_wxr_report(client, report, path, before, records_before)


@FEW
@given(file=wxr_files())
def test_the_command_on_generated_exports_reports_and_never_crashes(
    home, tmp_path, file
):
    text, post_id_codes = file
    path = write(tmp_path, text, ".xml")
    options = ["--news-code", "post-id"] if post_id_codes else []
    before = snapshot()
    out, err, error = run_command("--format", "wxr", *options, str(path))
    assert "Traceback" not in out + err
    # The last line counts; skip reasons (the post types) may hold line breaks.
    summary = re.search(
        r"created \d+, updated \d+, skipped \d+.*, failed (\d+)\n$", out, re.S
    )
    assert summary, out[-300:]
    failed = int(summary[1])
    assert (error is not None) == (failed > 0)
    assert err.count("failed   ") == failed
    if f"failed   {path}:" in err:  # the file refused whole
        assert snapshot() == before


# ------------------------------------------------------ (b) mutated bytes


@FUZZ
@given(data=mutated_exports(), post_id_codes=st.booleans())
def test_mutated_exports_are_refused_whole_or_imported(
    client, home, tmp_path, data, post_id_codes
):
    folder = tmp_path / f"export-{next(runs)}"
    folder.mkdir()
    path = folder / "blog.xml"
    path.write_bytes(data)
    before, records_before = snapshot(), records()
    report = wxr_file_import(path=path, home=home, post_id_codes=post_id_codes)
    check_wxr_report(client, report, path, before, records_before)
    try:
        parse_wxr(data)
    except WxrError as error:
        # Refused by the parser: the report says so, with line and column
        # when the XML itself is broken.
        assert report.failed[0].reason == str(error)
        if str(error).startswith("malformed XML"):
            assert re.match(r"malformed XML at line \d+, column \d+: ", str(error))


@FEW
@given(data=mutated_exports())
def test_the_command_on_mutated_exports_exits_with_a_message(home, tmp_path, data):
    path = write(tmp_path, data, ".xml")
    before = snapshot()
    out, err, error = run_command("--format", "wxr", str(path))
    assert "Traceback" not in out + err
    if error is not None:
        assert "items failed" in str(error) and err.startswith("failed   ")
    if f"failed   {path}:" in err:
        assert snapshot() == before


# ------------------------------------------- (c) scraped text and HTML pages


@FUZZ
@given(page=SCRAPED_PAGES, bom=st.booleans())
def test_scraped_pages_import_or_are_refused_with_a_reason(
    client, home, tmp_path, page, bom
):
    path = write(tmp_path, ("\ufeff" if bom else "") + page, ".txt")
    before = snapshot()
    result = scraped_file_import(path=path, home=home)
    event(f"page {result.status}")
    assert result.status in ("created", "updated", "unchanged", "refused")
    if result.status == "refused":
        assert result.error.strip()
        assert snapshot() == before
    else:
        assert result.news_code is not None
        assert_serves(client, [result.news_code])


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_as_a_scraped_page(client, home, tmp_path, data):
    path = write(tmp_path, data, ".txt")
    before = snapshot()
    result = scraped_file_import(path=path, home=home)
    assert result.status in ("created", "updated", "unchanged", "refused")
    if result.status == "refused":
        assert result.error.strip() and snapshot() == before
    else:
        assert_serves(client, [result.news_code])


@FEW
@given(page=SCRAPED_PAGES)
def test_the_command_on_scraped_pages(home, tmp_path, page):
    path = write(tmp_path, page, ".txt")
    before = snapshot()
    out, err, error = run_command(str(path))
    assert "Traceback" not in out + err
    if error is not None:
        assert err.startswith(f"refused  {path}: ") and snapshot() == before
    else:
        assert "failed 0" in out


@FEW
@given(page=HTML_PAGES, raw=st.binary(max_size=300), as_bytes=st.booleans())
def test_html_pages_import_or_fail_with_a_reason(
    client, home, tmp_path, page, raw, as_bytes
):
    data = raw if as_bytes else html_page(page).encode("utf-8", "surrogatepass")
    path = write(tmp_path, data, ".html")
    before, records_before = snapshot(), records()
    outcome = html_import(source=str(path), home=home)
    event(f"page {outcome.status}")
    assert outcome.status in STATUSES
    if outcome.status == FAILED:
        assert outcome.reason.strip()
        assert snapshot() == before and records() == records_before
    elif outcome.status != "skipped":
        assert_serves(client, [outcome.news_code])


@FEW
@given(page=HTML_PAGES)
def test_the_command_on_html_files(home, tmp_path, page):
    path = write(tmp_path, html_page(page).encode("utf-8", "surrogatepass"), ".html")
    before = snapshot()
    out, err, error = run_command("--format", "html", str(path))
    assert "Traceback" not in out + err
    if error is not None:
        assert err.startswith("failed   ") and snapshot() == before


# --------------------------------------------- regressions found by fuzzing

ONE_POST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://b.example.ir</link>
<item><title>تیتر خبر آزمون</title>
<content:encoded><![CDATA[<p>پاراگراف نخست.</p><p>پاراگراف دوم.</p>]]></content:encoded>
<wp:post_id>5</wp:post_id>{dates}<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>سلام</wp:comment_content>
{comment_dates}</wp:comment></item></channel></rss>"""
GOOD_DATE = "<wp:post_date_gmt>2024-03-05 05:00:00</wp:post_date_gmt>"


@pytest.mark.parametrize(
    ("dates", "year"),
    [
        ("<wp:post_date>0001-01-01 00:00:00</wp:post_date>", "1"),
        ("<wp:post_date_gmt>9999-12-31 23:59:59</wp:post_date_gmt>", "9999"),
        ("<wp:post_date_gmt>1899-12-31 23:59:59</wp:post_date_gmt>", "1899"),
    ],
    ids=["local-year-1", "gmt-year-9999", "gmt-1899"],
)
def test_a_post_date_no_calendar_can_show_fails_that_post(home, tmp_path, dates, year):
    # Was: OverflowError («date value out of range») out of the importer, or a
    # stored article whose page answered 500 when shown in Tehran time.
    path = write(tmp_path, ONE_POST.format(dates=dates, comment_dates=""), ".xml")
    report = wxr_file_import(path=path, home=home)
    assert (
        report.failed[0].reason == f"unreadable date: the year {year} is out of range"
    )
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize(
    "pub_date",
    ["Mon, 01 Jan 1800 00:00:00 +0500", "Fri, 31 Dec 9999 23:59:59 -1200"],
)
def test_an_out_of_range_pubdate_is_no_date(home, tmp_path, client, pub_date):
    dates = f"<pubDate>{pub_date}</pubDate>"
    path = write(tmp_path, ONE_POST.format(dates=dates, comment_dates=""), ".xml")
    report = wxr_file_import(path=path, home=home)
    assert report.counts()["created"] == 1
    assert wp_date("", rfc822=pub_date) is None
    assert_serves(client, [report.items[0].news_code])


@pytest.mark.parametrize(
    "comment_dates",
    [
        "<wp:comment_date>0001-01-01 00:00:00</wp:comment_date>",
        "<wp:comment_date_gmt>9999-12-31 23:59:59</wp:comment_date_gmt>",
    ],
)
def test_a_comment_date_out_of_range_takes_the_posts_date(
    home, tmp_path, client, comment_dates
):
    # Was: the comment was stored with its date and the article page answered 500.
    text = ONE_POST.format(dates=GOOD_DATE, comment_dates=comment_dates)
    report = wxr_file_import(path=write(tmp_path, text, ".xml"), home=home)
    assert report.counts()["created"] == 1
    comment = Comment.objects.get()
    assert comment.created_at == datetime(2024, 3, 5, 5, 0, tzinfo=UTC)
    assert_serves(client, [report.items[0].news_code])


SCRAPED = "خبر آزمون درباره شهر\n\nلید خبر\n\nگروه سیاسی ایسکانیوز، متن خبر\n\n" + (
    "پاراگراف دوم\n\nانتهای پیام/\n\nکد خبر: {code}\n"
)


@pytest.mark.parametrize(
    "code",
    ["99999999999999999999", "9223372036854775807", "1000000000000000000", "۹" * 5000],
    ids=["20-digits", "int64-max", "10^18", "5000-digits"],
)
def test_a_news_code_too_large_to_keep_refuses_the_page(home, tmp_path, code):
    # Was: OverflowError («Python int too large to convert to SQLite INTEGER»)
    # out of scraped_file_import, and for 5,000 digits int()'s ValueError.
    path = write(tmp_path, SCRAPED.format(code=code), ".txt")
    result = scraped_file_import(path=path, home=home)
    assert result.status == "refused"
    assert result.error == "line 11: the news code has more than 18 digits"
    assert not ArticlePage.objects.exists() and not ImportRecord.objects.exists()
    with pytest.raises(NotAnArticle):
        parse_page(SCRAPED.format(code=code))


def test_the_largest_news_code_kept_is_18_digits(home, tmp_path, client):
    path = write(tmp_path, SCRAPED.format(code="۰۰" + "9" * 18), ".txt")
    result = scraped_file_import(path=path, home=home)
    assert result.status == "created" and result.news_code == 10**18 - 1
    assert_serves(client, [result.news_code])


def test_a_huge_news_code_in_wordpress_content_is_ignored(home, tmp_path):
    content = "<p>پاراگراف نخست.</p><p>دوم.</p><p>انتهای پیام/</p><p>کد خبر: %s</p>"
    text = ONE_POST.format(dates=GOOD_DATE, comment_dates="").replace(
        "<p>پاراگراف نخست.</p><p>پاراگراف دوم.</p>", content % ("۹" * 5000)
    )
    report = wxr_file_import(path=write(tmp_path, text, ".xml"), home=home)
    assert report.counts()["created"] == 1, report.items


def test_the_fixture_export_still_imports_whole(home, tmp_path, client):
    """The mutations start from a file that imports cleanly."""
    folder = tmp_path / "clean"
    folder.mkdir()
    shutil.copy(FIXTURES / "wxr" / "blog.xml", folder / "blog.xml")
    report = wxr_file_import(path=folder / "blog.xml", home=home)
    assert report.counts() == {"created": 3, "updated": 0, "skipped": 4, "failed": 0}
    assert_serves(client, [item.news_code for item in report.items if item.news_code])


@pytest.mark.parametrize("encoding", ["bogus-8", "x-unknown", "utf-99"])
def test_an_export_declaring_an_unknown_encoding_is_refused_whole(
    home, tmp_path, encoding
):
    # Was: LookupError («unknown encoding: bogus-8») out of wxr_file_import.
    data = BLOG.replace(b'encoding="UTF-8"', f'encoding="{encoding}"'.encode(), 1)
    before = snapshot()
    report = wxr_file_import(path=write(tmp_path, data, ".xml"), home=home)
    assert report.failed[0].reason == (
        f"unknown encoding: {encoding}; a WordPress export is UTF-8"
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("page", "lead", "paragraphs"),
    [
        (
            "تیتر خبر بی\u200cلید\n\nگروه سیاسی ایسکانیوز، متن نخست خبر\n\n"
            "پاراگراف دوم\n\nانتهای پیام/\n",
            "متن نخست خبر",
            ["پاراگراف دوم"],
        ),
        (
            "تیتر خبر بی\u200cلید\n\nگروه سیاسی ایسکانیوز، تنها پاراگراف خبر\n",
            "تنها پاراگراف خبر",
            ["تنها پاراگراف خبر"],
        ),
    ],
    ids=["two-paragraphs", "one-paragraph"],
)
def test_a_scraped_page_without_a_lead_is_led_by_its_first_paragraph(
    home, tmp_path, client, page, lead, paragraphs
):
    # Was: ValidationError («لید: این فیلد نمی تواند خالی باشد») out of
    # scraped_file_import for a page whose dateline follows the headline.
    result = scraped_file_import(path=write(tmp_path, page, ".txt"), home=home)
    assert result.status == "created", result.error
    assert "no lead: the first paragraph leads" in result.warnings
    article = ArticlePage.objects.get(news_code=result.news_code)
    assert article.lead == lead
    assert [block.value.source for block in article.body] == [
        f"<p>{text}</p>" for text in paragraphs
    ]
    assert_serves(client, [result.news_code])


@pytest.mark.parametrize(
    "invisible", ["\u200c", "\u202e\u202c", "\ufeff", "\u200c \u200e"]
)
def test_a_tag_of_invisible_marks_is_dropped_from_an_html_page(
    home, tmp_path, client, invisible
):
    # Was: the tag normalized to "" and was stored; the article page and the
    # API answered 500 (NoReverseMatch for the tag's address).
    data = BRIDGE.replace(
        b'content="\xd8\xb4\xd9\x87\xd8\xb1\xd8\xaf\xd8\xa7\xd8\xb1\xdb\x8c"',
        f'content="{invisible}"'.encode(),
    )
    assert data != BRIDGE
    outcome = html_import(source=str(write(tmp_path, data, ".html")), home=home)
    assert outcome.status == "created", outcome.reason
    article = ArticlePage.objects.get(news_code=outcome.news_code)
    assert [tag.name for tag in article.tags.all()] == ["حمل و نقل"]
    assert_serves(client, [outcome.news_code])
