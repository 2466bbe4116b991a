"""Importing scraped pages into the newsroom: created, idempotent, refused cleanly."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.models import ArticlePage, ImportRecord, RelatedArticle
from khabar.newsroom.selectors import article_page_extras
from tests.search.desk import desk_articles_publish, desk_history, local_story

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[int, int, int, int]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        RelatedArticle.objects.count(),
        ImportRecord.objects.count(),
    )


def test_reference_page_imports_as_a_published_article(home, reference_page):
    result = scraped_file_import(path=reference_page, home=home)
    assert result.status == "created", result.error
    article = ArticlePage.objects.get(news_code=1224974)
    assert article.live
    assert article.title == "دیدار وزیر دفاع سوریه با سرلشکر باقری"
    assert article.service.title == "سیاسی"
    assert article.source_agency == "ایسکانیوز"
    assert article.lead.startswith("وزیر دفاع سوریه عصر امروز")
    kinds = [block.block_type for block in article.body]
    assert kinds.count("paragraph") == 7
    assert kinds[1] == "read_more"
    assert article.body[1].value["headline"].startswith("سرلشکر باقری: راهیان نور")
    assert result.url == article.url
    assert "/news/1224974/" in article.url
    tags = {tag.name for tag in article.tags.all()}
    assert {"سوریه", "محمد باقری", "ستاد کل نیروهای مسلح"} <= tags
    assert any("suggested" in warning for warning in result.warnings)


def test_second_import_changes_nothing(home, reference_page):
    scraped_file_import(path=reference_page, home=home)
    before = _snapshot()
    result = scraped_file_import(path=reference_page, home=home)
    assert result.status == "unchanged"
    assert _snapshot() == before


def test_changed_page_updates_the_same_article(home, reference_page, tmp_path):
    scraped_file_import(path=reference_page, home=home)
    edited = tmp_path / "edited.txt"
    edited.write_text(
        reference_page.read_text(encoding="utf-8").replace("عصر امروز", "صبح امروز"),
        encoding="utf-8",
    )
    result = scraped_file_import(path=edited, home=home)
    assert result.status == "updated"
    assert ArticlePage.objects.filter(news_code=1224974).count() == 1
    assert ArticlePage.objects.get(news_code=1224974).lead.startswith(
        "وزیر دفاع سوریه صبح امروز"
    )


def test_related_headline_is_linked_when_its_article_arrives(
    home, reference_page, tmp_path
):
    scraped_file_import(path=reference_page, home=home)
    article = ArticlePage.objects.get(news_code=1224974)
    assert article_page_extras(article=article)["related"][0]["article"] is None
    related = tmp_path / "related.txt"
    related.write_text(
        "سرلشکر باقری: راهیان نور نرمافزار مؤثر نمایش مظاهر پیروزی حق و مصادیق شکست باطل است\n"
        "لید خبر مرتبط.\nگروه سیاسی ایسکانیوز، متن خبر مرتبط.\nانتهای پیام/\nکد خبر: 1224900\n",
        encoding="utf-8",
    )
    assert scraped_file_import(path=related, home=home).status == "created"
    linked = article_page_extras(article=article)["related"][0]["article"]
    assert linked is not None and linked.news_code == 1224900


def test_untagged_page_gets_the_tags_the_sites_editors_would_give(home, tmp_path):
    """With enough tagged stories the site's own tag model picks the tags."""
    desk_articles_publish(desk_history())
    story = local_story("بوشهر", "نمایشگاه کتاب")
    page = tmp_path / "local.txt"
    page.write_text(
        f"{story['title']}\n{story['lead']}\nگروه استان‌ها ایسکانیوز، {story['body']}\n"
        "انتهای پیام/\nکد خبر: 1300001\n",
        encoding="utf-8",
    )
    result = scraped_file_import(path=page, home=home)
    assert result.status == "created", result.error
    tags = {tag.name for tag in ArticlePage.objects.get(news_code=1300001).tags.all()}
    assert tags == {"بوشهر", "نمایشگاه کتاب"}  # not «جلسه» or «مسئولان»


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
        (
            "no-headline.txt",
            "گروه سیاسی ایسکانیوز، متن.\nانتهای پیام/\n".encode(),
            "headline",
        ),
        ("big.txt", ("تیتر\n" + "متن خبر " * 700_000).encode(), "at most"),
    ],
)
def test_bad_files_are_refused_and_leave_the_database_unchanged(
    home, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = _snapshot()
    result = scraped_file_import(path=path, home=home)
    assert result.status == "refused"
    assert message in result.error
    assert _snapshot() == before


def test_big_file_is_five_megabytes(tmp_path):
    """The 'big.txt' case above really is a 5 MB text file."""
    assert len(("تیتر\n" + "متن خبر " * 700_000).encode()) > 5_000_000


def test_import_command_reports_refusals_with_nonzero_exit(
    home, reference_page, tmp_path, capsys
):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2 files refused"):
        call_command("import", str(reference_page), str(empty))
    out, err = capsys.readouterr()
    assert "created" in out and "1224974" in out
    assert "refused" in err and "empty" in err


def test_import_command_on_missing_file(home):
    with pytest.raises(CommandError):
        call_command("import", str(Path("/nonexistent/page.txt")))


def test_changed_service_moves_the_article_and_keeps_its_code(
    home, reference_page, tmp_path
):
    scraped_file_import(path=reference_page, home=home)
    moved = tmp_path / "moved.txt"
    moved.write_text(
        reference_page.read_text(encoding="utf-8").replace(
            "گروه سیاسی", "گروه بین\u200cالملل"
        ),
        encoding="utf-8",
    )
    result = scraped_file_import(path=moved, home=home)
    assert result.status == "updated"
    article = ArticlePage.objects.get(news_code=1224974)
    assert article.service.title == "بین\u200cالملل"
    assert article.url.startswith("/news/1224974/")
    assert [b.block_type for b in article.body].count("read_more") == 1
    assert article.related_links.count() == 1


def _joined_plurals_page(reference_page: Path, tmp_path: Path) -> Path:
    """Write the reference page with a headline that joins its plurals."""
    page = tmp_path / "joined.txt"
    page.write_text(
        reference_page.read_text(encoding="utf-8").replace(
            "دیدار وزیر دفاع سوریه با سرلشکر باقری",
            "دیدار ارتشهای بزرگتر با باقری",
            1,
        ),
        encoding="utf-8",
    )
    return page


@pytest.mark.parametrize(
    ("style", "headline"),
    [
        # The agency's import style by default: the source's joined plurals stay.
        (None, "دیدار ارتشهای بزرگتر با باقری"),
        ("keep", "دیدار ارتشهای بزرگتر با باقری"),
        ("modern", "دیدار ارتش_های بزرگ_تر با باقری"),
    ],
)
def test_import_writes_plurals_in_the_import_style(
    home, reference_page, tmp_path, style, headline
):
    page = _joined_plurals_page(reference_page, tmp_path)
    call_command("import", str(page), *(["--style", style] if style else []))
    article = ArticlePage.objects.get(news_code=1224974)
    assert article.title == headline.replace("_", "\u200c")


def test_import_follows_the_agencys_import_style(home, reference_page, tmp_path):
    from khabar.core.selectors import agency_settings_get

    settings = agency_settings_get()
    settings.import_text_style = "modern"
    settings.save()
    call_command("import", str(_joined_plurals_page(reference_page, tmp_path)))
    title = ArticlePage.objects.get(news_code=1224974).title
    assert title == "دیدار ارتش\u200cهای بزرگ\u200cتر با باقری"
