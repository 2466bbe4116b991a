"""Importing saved article pages (files and explicit URLs) through trafilatura."""

import shutil
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from khabar.newsroom.importing.html import html_fetch, html_import
from khabar.newsroom.importing.report import ImportFailure
from khabar.newsroom.models import ArticlePage, ImportRecord

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "html"
BRIDGE_KEY = "html:https://news.example.org/fa/news/4411/bridge"


@pytest.fixture
def bridge(tmp_path) -> Path:
    path = tmp_path / "bridge.html"
    shutil.copy(FIXTURES / "bridge.html", path)
    return path


def _bridge_article() -> ArticlePage:
    record = ImportRecord.objects.get(source=BRIDGE_KEY)
    return ArticlePage.objects.get(news_code=record.news_code)


def _snapshot() -> tuple[int, int, int]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        ImportRecord.objects.count(),
    )


def test_html_file_imports_text_and_trafilatura_metadata(home, bridge):
    outcome = html_import(source=str(bridge), home=home)
    assert outcome.status == "created", outcome.reason
    assert outcome.key == BRIDGE_KEY
    article = _bridge_article()
    assert article.live
    assert article.title == "افتتاح پل تازه در شهر نمونه"
    assert article.lead == "پل تازه شهر نمونه امروز با حضور شهردار افتتاح شد."
    assert article.service.title == "اجتماعی"
    assert article.byline == "سارا احمدی"
    assert {tag.name for tag in article.tags.all()} == {"شهرداری", "حمل و نقل"}
    assert article.first_published_at == datetime(2024, 3, 5, 5, 0, tzinfo=UTC)
    kinds = [block.block_type for block in article.body]
    assert kinds == ["paragraph", "quote", "read_more", "paragraph"]
    assert article.body[1].value["speaker"] == "شهردار شهر نمونه"
    assert article.body[2].value["headline"] == "بودجه عمرانی شهر نمونه تصویب شد"
    text = " ".join(str(block.value) for block in article.body)
    assert "می\u200cکند" in text  # half-spaces survive extraction
    for chrome in ("انتهای پیام", "کد خبر", "پربازدیدها", "حقوق", "tracker"):
        assert chrome not in text
    assert article.news_code != 4411  # the other site's code is not ours


def test_page_without_metadata_falls_back_and_warns(home, tmp_path):
    path = tmp_path / "undated.html"
    shutil.copy(FIXTURES / "undated.html", path)
    outcome = html_import(source=str(path), home=home)
    assert outcome.status == "created"
    assert outcome.key == f"html:file:{path.resolve()}"
    assert any("no publication date" in w for w in outcome.warnings)
    article = ArticlePage.objects.get(news_code=outcome.news_code)
    assert article.service.title == "عمومی"
    assert article.lead.startswith("باران دیشب")
    assert len(article.body) == 2


def test_second_run_skips_and_an_edited_page_updates(home, bridge):
    html_import(source=str(bridge), home=home)
    before = _snapshot()
    again = html_import(source=str(bridge), home=home)
    assert (again.status, again.reason) == ("skipped", "unchanged")
    assert _snapshot() == before
    text = bridge.read_text(encoding="utf-8")
    bridge.write_text(text.replace("سه سال", "چهار سال"), encoding="utf-8")
    edited = html_import(source=str(bridge), home=home)
    assert edited.status == "updated"
    assert ArticlePage.objects.count() == 1
    assert "چهار سال" in _bridge_article().body[0].value.source


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "no article text"),
        (
            "<html><head><title>فقط منو</title></head><body><nav><a href='/'>خانه</a>"
            "</nav></body></html>".encode(),
            "no article text (only 8 characters found)",
        ),
        (bytes(range(256)) * 4, "no article text"),
    ],
)
def test_pages_without_an_article_fail_and_write_nothing(
    home, tmp_path, content, reason
):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    before = _snapshot()
    outcome = html_import(source=str(path), home=home)
    assert outcome.status == "failed"
    assert reason in outcome.reason
    assert _snapshot() == before


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path in ("/bridge", "/slow"):
            body = (FIXTURES / "bridge.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the importer gave up waiting: what /slow is for
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """Serve the fixture page on the loopback address for the test's duration."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_given_explicitly_is_fetched_and_imported(home, server):
    outcome = html_import(source=f"{server}/bridge", home=home)
    assert outcome.status == "created", outcome.reason
    assert outcome.key == BRIDGE_KEY  # the canonical address, not the fetched one


def test_fetch_errors_are_clear(home, server, settings):
    missing = html_import(source=f"{server}/gone", home=home)
    assert missing.status == "failed"
    assert missing.reason == f"could not fetch {server}/gone: HTTP 404 Not Found"
    settings.KHABAR_IMPORT_TIMEOUT = 0.3
    slow = html_import(source=f"{server}/slow", home=home)
    assert slow.reason == f"could not fetch {server}/slow: no answer in 0.3 s"
    settings.KHABAR_IMPORT_HTML_MAX_BYTES = 100
    big = html_import(source=f"{server}/bridge", home=home)
    assert big.reason == f"{server}/bridge is larger than 100 bytes"


def test_only_http_and_https_are_fetched():
    with pytest.raises(ImportFailure, match="only http and https"):
        html_fetch("file:///etc/passwd", timeout=1, max_bytes=100)


def test_command_imports_html_and_fails_on_a_missing_file(home, bridge, capsys):
    with pytest.raises(CommandError, match="1 of 2 items failed"):
        call_command("import", "--format", "html", str(bridge), "/nonexistent.html")
    out, err = capsys.readouterr()
    assert f"created  {BRIDGE_KEY} → " in out
    assert "failed   /nonexistent.html: No such file or directory" in err
    call_command("import", "--format", "html", "-v", "2", str(bridge))
    out, _err = capsys.readouterr()
    assert f"skipped  {BRIDGE_KEY} → " in out and "(unchanged)" in out
    assert "created 0, updated 0, skipped 1 (unchanged 1), failed 0" in out
