"""A 50 MB file given to each importer: a clear report, nothing half-written."""

import pytest
from django.core.management import CommandError, call_command

from khabar.newsroom.models import ArticlePage, ImportRecord

pytestmark = pytest.mark.django_db
SIZE = 50 * 1024 * 1024


@pytest.fixture
def huge_text(tmp_path):
    path = tmp_path / "huge.txt"
    line = "خبری که هرگز تمام نمی\u200cشود.\n".encode()
    with path.open("wb") as out:
        for _ in range(SIZE // len(line) + 1):
            out.write(line)
    return path


@pytest.fixture
def huge_wxr(tmp_path):
    """A WordPress export whose single post runs 50 MB and never closes."""
    path = tmp_path / "huge.xml"
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><item><title>خبر بلند</title><description>"
    ).encode()
    chunk = ("متن " * 1000 + "\n").encode()
    with path.open("wb") as out:
        out.write(head)
        for _ in range(SIZE // len(chunk) + 1):
            out.write(chunk)
    return path


@pytest.mark.parametrize("source_format", ["scraped", "html"])
def test_a_50_mb_page_is_refused_with_its_size(home, huge_text, source_format, capsys):
    with pytest.raises(CommandError):
        call_command("import", "--format", source_format, str(huge_text))
    report = capsys.readouterr()
    said = report.out + report.err
    assert "2,097,152" in said or "10,485,760" in said  # the limit, stated
    assert "failed 1" in report.out
    assert not ArticlePage.objects.exists()
    assert not ImportRecord.objects.exists()


def test_a_50_mb_broken_export_is_reported_with_its_line(home, huge_wxr, capsys):
    with pytest.raises(CommandError) as error:
        call_command("import", "--format", "wxr", str(huge_wxr))
    report = capsys.readouterr()
    message = str(error.value) + report.out + report.err
    assert "line" in message
    assert not ArticlePage.objects.exists()
