"""Importing a WordPress export: posts, authors, images, comments, re-runs, refusals."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from khabar.moderation.models import LogEntry
from khabar.newsroom.importing.blocks import html_to_body
from khabar.newsroom.importing.report import FAILED, SKIPPED
from khabar.newsroom.importing.wxr_service import wxr_file_import
from khabar.newsroom.models import ArticlePage, ImportRecord, ServicePage
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wxr"
SITE = "wxr:https://blog.example.ir"
BAD_POST = """
	<item>
		<title><![CDATA[]]></title>
		<dc:creator><![CDATA[ali.k]]></dc:creator>
		<content:encoded><![CDATA[<p>متنی بی‌تیتر که نباید درون‌ریزی شود.</p>]]></content:encoded>
		<wp:post_id>106</wp:post_id>
		<wp:post_date_gmt><![CDATA[2024-03-08 08:00:00]]></wp:post_date_gmt>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
</channel>"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Store Wagtail's image files under the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def export(tmp_path) -> Path:
    """Copy the export to a folder of its own, with one of its two uploads."""
    folder = tmp_path / "export"
    folder.mkdir()
    path = folder / "blog.xml"
    shutil.copy(FIXTURES / "blog.xml", path)
    _png(folder / "wp-content" / "uploads" / "2024" / "03" / "bread.png")
    return path


def _png(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (8, 6), (200, 150, 90)).save(path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _article(post_id: int) -> ArticlePage:
    record = ImportRecord.objects.get(source=f"{SITE}:{post_id}")
    return ArticlePage.objects.get(news_code=record.news_code)


def _snapshot() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Comment.objects.count(),
        ImportRecord.objects.count(),
        get_image_model().objects.count(),
        get_user_model().objects.count(),
    )


def test_posts_are_imported_with_services_tags_authors_and_dates(home, export):
    report = wxr_file_import(path=export, home=home)
    assert report.counts() == {"created": 3, "updated": 0, "skipped": 4, "failed": 0}
    bread = _article(101)
    assert bread.live
    assert bread.title == "قیمت نان در بازار محله ثابت ماند"
    assert bread.lead == "قیمت نان در محله نمونه تا پایان ماه ثابت می\u200cماند."
    assert bread.service.title == "اقتصادی"
    assert bread.first_published_at == datetime(2024, 3, 5, 5, 0, tzinfo=UTC)
    assert bread.slug == "قیمت-نان"
    assert bread.byline == "مریم رضایی"
    assert {tag.name for tag in bread.tags.all()} == {"نان", "بازار محله"}
    theatre = _article(102)
    assert theatre.service.title == "فرهنگی"
    assert {tag.name for tag in theatre.tags.all()} == {"تئاتر کودک", "اقتصادی"}
    assert theatre.byline == "علی کاظمی"
    titles = set(ServicePage.objects.child_of(home).values_list("title", flat=True))
    assert {"اقتصادی", "فرهنگی", "عمومی"} <= titles
    codes = set(ImportRecord.objects.values_list("news_code", flat=True))
    assert len(codes) == 3 and not codes & {101, 102, 103}  # drawn by default


def test_authors_become_users_who_cannot_log_in(home, export):
    wxr_file_import(path=export, home=home)
    maryam = get_user_model().objects.get(username="maryam")
    assert maryam.email == "maryam@blog.example.ir"
    assert (maryam.first_name, maryam.last_name) == ("مریم", "رضایی")
    assert not maryam.has_usable_password()
    assert _article(101).owner == maryam
    assert get_user_model().objects.get(username="ali.k").first_name == "علی"


def test_post_html_becomes_clean_body_blocks(home, export):
    wxr_file_import(path=export, home=home)
    body = _article(101).body
    assert [block.block_type for block in body] == [
        "paragraph",
        "paragraph",
        "quote",
        "read_more",
        "paragraph",
    ]
    html = "".join(b.value.source for b in body if b.block_type == "paragraph")
    assert "<script" not in html and "alert" not in html
    assert '<a href="https://blog.example.ir/?p=90">' in html
    assert "<b>سه ماه آینده</b>" in html
    assert body[2].value["text"] == "هیچ نانوایی حق ندارد قیمت را بالا ببرد."
    assert body[2].value["speaker"] == "رئیس صنف نانوایان"
    assert body[3].value["headline"] == "آرد تازه به انبارهای محله رسید"
    assert _article(101).related_links.get().headline == body[3].value["headline"]
    theatre = _article(102)
    assert [block.block_type for block in theatre.body] == ["paragraph"]
    assert theatre.lead.startswith("نخستین جشنواره تئاتر کودک")
    assert "صحنه تمرین" not in str(theatre.body.raw_data)


def test_pages_attachments_and_other_types_are_skipped(home, export):
    report = wxr_file_import(path=export, home=home)
    skipped = {i.key: i.reason for i in report.items if i.status == SKIPPED}
    assert skipped == {
        f"{SITE}:104": "page",
        f"{SITE}:105": "nav_menu_item",
        f"{SITE}:201": "attachment",
        f"{SITE}:202": "attachment",
    }
    assert not ArticlePage.objects.filter(title="درباره ما").exists()


def test_draft_stays_a_draft_with_its_code_kept(home, export):
    wxr_file_import(path=export, home=home)
    draft = _article(103)
    assert not draft.live
    assert draft.first_published_at is None
    assert draft.service.title == "عمومی"
    assert draft.news_code is not None
    assert not ArticlePage.objects.published().filter(pk=draft.pk).exists()


def test_featured_image_found_locally_becomes_a_wagtail_image(home, export):
    report = wxr_file_import(path=export, home=home)
    image = _article(101).image
    assert image is not None and image.title == "bread"
    assert (image.width, image.height) == (8, 6)
    theatre = next(i for i in report.items if i.key == f"{SITE}:102")
    assert _article(102).image is None
    assert any(
        "featured image «2024/03/stage.jpg» not found" in w for w in theatre.warnings
    )
    assert any("inline image" in w for w in theatre.warnings)


def test_missing_image_is_a_warning_and_media_root_finds_it_later(
    home, export, tmp_path
):
    shutil.rmtree(export.parent / "wp-content")
    report = wxr_file_import(path=export, home=home)
    bread = next(i for i in report.items if i.key == f"{SITE}:101")
    assert bread.status == "created"
    assert any("«2024/03/bread.png» not found" in w for w in bread.warnings)
    assert _article(101).image is None
    uploads = tmp_path / "uploads-copy"
    _png(uploads / "2024" / "03" / "bread.png")
    again = wxr_file_import(path=export, home=home, media_root=uploads)
    assert again.counts()["updated"] == 1
    assert _article(101).image is not None


def test_comments_keep_threads_states_and_dates_without_moderation(home, export):
    wxr_file_import(path=export, home=home)
    comments = {c.text: c for c in Comment.objects.filter(article=_article(101))}
    assert len(comments) == 5  # the pingback is not a reader's comment
    first = comments["خبر خوبی بود، ممنون."]
    reply = comments["موافقم؛ نانوایی سر کوچه هم همین را گفت."]
    held = comments["قیمت آرد چه می‌شود؟"]
    spam = comments["خرید ارزان در فروشگاه ما"]
    trashed = comments["پاسخی که نویسنده‌اش پاکش کرد."]
    assert first.status == reply.status == Comment.Status.APPROVED
    assert reply.parent == first
    assert held.status == Comment.Status.PENDING
    assert (held.name, held.email) == ("ناشناس", "")
    assert spam.status == trashed.status == Comment.Status.REJECTED
    assert trashed.parent == held
    assert first.created_at == datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
    assert first.ip_address == "192.0.2.10"
    assert LogEntry.objects.count() == 0


def test_post_ids_become_news_codes_and_are_reserved(home, export):
    wxr_file_import(path=export, home=home, post_id_codes=True)
    assert ArticlePage.objects.get(news_code=101).title.startswith("قیمت نان")
    assert ArticlePage.objects.get(news_code=102).service.title == "فرهنگی"
    assert not ArticlePage.objects.get(news_code=103).live
    assert ArticleFactory().news_code not in {101, 102, 103}


def test_post_id_taken_by_another_article_fails_that_post_only(home, export):
    ArticleFactory(news_code=101, title="خبری که پیش از این کد ۱۰۱ را گرفت")
    report = wxr_file_import(path=export, home=home, post_id_codes=True)
    failure = next(i for i in report.items if i.status == FAILED)
    assert failure.key == f"{SITE}:101"
    assert "news code 101 is already used" in failure.reason
    assert report.counts()["created"] == 2
    assert ArticlePage.objects.get(news_code=101).title.startswith("خبری که")


def test_second_run_skips_everything_and_an_edit_updates_one_post(home, export):
    wxr_file_import(path=export, home=home)
    before = _snapshot()
    again = wxr_file_import(path=export, home=home)
    assert again.counts() == {"created": 0, "updated": 0, "skipped": 7, "failed": 0}
    assert {i.reason for i in again.items if i.key.endswith(("101", "102", "103"))} == {
        "unchanged"
    }
    assert _snapshot() == before
    _edit(export, "خواستار نظارت بیشتر شدند", "خواستار نظارت دقیق\u200cتر شدند")
    _edit(
        export,
        "<wp:comment_approved><![CDATA[0]]></wp:comment_approved>",
        "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>",
    )
    edited = wxr_file_import(path=export, home=home)
    assert edited.counts() == {"created": 0, "updated": 1, "skipped": 6, "failed": 0}
    bread = _article(101)
    assert "نظارت دقیق\u200cتر" in bread.body[-1].value.source
    assert bread.first_published_at == datetime(2024, 3, 5, 5, 0, tzinfo=UTC)
    assert Comment.objects.count() == before[2]
    held = Comment.objects.get(text="قیمت آرد چه می‌شود؟")
    assert held.status == Comment.Status.APPROVED
    assert ArticlePage.objects.count() == 3


def test_comment_reviewed_here_is_not_overwritten_by_a_rerun(home, export):
    wxr_file_import(path=export, home=home)
    held = Comment.objects.get(text="قیمت آرد چه می‌شود؟")
    comment_moderate(comment=held, status=Comment.Status.REJECTED, user=None)
    _edit(
        export,
        "<wp:comment_approved><![CDATA[0]]></wp:comment_approved>",
        "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>",
    )
    wxr_file_import(path=export, home=home)
    held.refresh_from_db()
    assert held.status == Comment.Status.REJECTED


def test_bad_post_fails_alone_and_the_others_are_imported(home, export):
    _edit(export, "</channel>", BAD_POST)
    report = wxr_file_import(path=export, home=home)
    assert report.counts() == {"created": 3, "updated": 0, "skipped": 4, "failed": 1}
    assert report.failed[0].key == f"{SITE}:106"
    assert report.failed[0].reason == "the post has no title"


def test_malformed_xml_is_refused_with_line_and_column(home):
    before = _snapshot()
    report = wxr_file_import(path=FIXTURES / "malformed.xml", home=home)
    assert report.counts()["failed"] == 1
    reason = report.failed[0].reason
    assert reason.startswith("malformed XML at line 8, column ")
    assert _snapshot() == before


@pytest.mark.parametrize(
    "content",
    [
        (FIXTURES / "bomb.xml").read_bytes(),
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&x;</title></channel></rss>",
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_bombs_and_external_entities_are_refused(home, tmp_path, content):
    path = tmp_path / "evil.xml"
    path.write_bytes(content)
    before = _snapshot()
    report = wxr_file_import(path=path, home=home)
    assert report.failed[0].reason.startswith("refused: the file declares a DTD")
    assert _snapshot() == before


def test_not_an_export_and_missing_file_fail_cleanly(home, tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<feed><title>x</title></feed>", encoding="utf-8")
    assert (
        "not a WordPress export"
        in wxr_file_import(path=other, home=home).failed[0].reason
    )
    missing = wxr_file_import(path=tmp_path / "nope.xml", home=home)
    assert missing.failed[0].reason == "No such file or directory"


def test_command_reports_every_item_and_exits_zero_when_all_went_well(
    home, export, capsys
):
    call_command("import", "--format", "wxr", "--news-code", "post-id", str(export))
    out, err = capsys.readouterr()
    assert f"created  {SITE}:101 → 101 /news/101/" in out
    assert "comments: 5 created" in out
    assert "warning: featured image «2024/03/stage.jpg» not found" in out
    assert "authors: 2 created, 0 existing" in out
    assert (
        "created 3, updated 0, skipped 4 (attachment 2, nav_menu_item 1, page 1), failed 0"
        in out
    )
    assert err == ""
    call_command("import", "--format", "wxr", "--news-code", "post-id", str(export))
    out, _err = capsys.readouterr()
    assert "skipped 7 (attachment 2, nav_menu_item 1, page 1, unchanged 3)" in out


def test_command_exits_non_zero_and_names_each_failure(home, export, capsys):
    _edit(export, "</channel>", BAD_POST)
    with pytest.raises(CommandError, match="1 of 8 items failed") as raised:
        call_command("import", "--format", "wxr", str(export))
    assert raised.value.returncode == 1
    out, err = capsys.readouterr()
    assert f"failed   {SITE}:106: the post has no title" in err
    assert "created 3, updated 0" in out and "failed 1" in out


def test_command_on_malformed_xml_and_wrong_options(home, capsys):
    with pytest.raises(CommandError, match="1 of 1 items failed"):
        call_command("import", "--format", "wxr", str(FIXTURES / "malformed.xml"))
    assert "malformed XML at line 8" in capsys.readouterr().err
    with pytest.raises(CommandError, match="apply to --format wxr"):
        call_command("import", "--news-code", "post-id", "page.txt")


def test_draft_published_later_is_published_on_the_next_run(home, export):
    wxr_file_import(path=export, home=home)
    code = _article(103).news_code
    _edit(
        export,
        "<wp:status><![CDATA[draft]]></wp:status>",
        "<wp:status><![CDATA[publish]]></wp:status>",
    )
    _edit(
        export,
        "<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>",
        "<wp:post_date_gmt><![CDATA[2024-03-07 05:30:00]]></wp:post_date_gmt>",
    )
    report = wxr_file_import(path=export, home=home)
    assert report.counts()["updated"] == 1
    published = _article(103)
    assert published.live and published.news_code == code
    assert published.first_published_at == datetime(2024, 3, 7, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            'یک\n\nدو <a href="javascript:alert(1)">پیوند</a>',
            [("paragraph", "یک"), ("paragraph", "دو پیوند")],
        ),
        (
            "<p>بیشتر بخوانید:</p><p>تیتر خبر بعدی</p>",
            [("read_more", "تیتر خبر بعدی")],
        ),
        (
            "<blockquote>حرف آخر</blockquote><p>انتهای پیام/</p><p>کد خبر: ۵۵</p>",
            [("quote", "حرف آخر")],
        ),
        ("<p onclick='x()'>متن <em>کج</em></p>", [("paragraph", "متن <i>کج</i>")]),
    ],
)
def test_html_becomes_sanitized_blocks(html, expected):
    body = html_to_body(html)
    assert [(part.kind, part.text) for part in body.parts] == expected


def test_space_before_a_bold_word_survives_saving(home, export):
    wxr_file_import(path=export, home=home)
    assert "آرد کافی برای <b>سه ماه آینده</b>" in _article(101).body[1].value.source
