"""``khabar moderate`` and ``khabar moderation export|train``."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate
from tests.factories import ArticleFactory, CommentFactory

from .conftest import APRICOT

pytestmark = pytest.mark.django_db

LINES = [
    {"id": 1, "text": "خبر خوبی بود، ممنون از گزارش دقیقتان."},
    {"id": "b", "text": "This comment is written entirely in English, sorry."},
    {"id": 3, "text": "نویسنده این خبر احمق و بی\u200cشعور است"},
]


def run_moderate(stdin_text: str, *args: str, monkeypatch) -> tuple[list[dict], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin_text))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("moderate", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_decisions_come_back_in_order_with_reasons(monkeypatch):
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in LINES)
    results, err = run_moderate(stdin, monkeypatch=monkeypatch)
    assert [r["id"] for r in results] == [1, "b", 3]
    assert results[0]["decision"] == "publish"
    assert results[1]["decision"] in {"hold", "reject"}
    assert "not_persian" in {reason["rule"] for reason in results[1]["reasons"]}
    assert results[2]["decision"] in {"hold", "reject"}
    assert "insult" in {reason["rule"] for reason in results[2]["reasons"]}
    assert err == ""


def test_premoderate_holds_everything(monkeypatch):
    stdin = json.dumps(LINES[0], ensure_ascii=False)
    results, _ = run_moderate(stdin, "--policy", "premoderate", monkeypatch=monkeypatch)
    assert results[0]["decision"] == "hold"


def test_bad_lines_are_reported_with_their_number_and_order_is_kept(monkeypatch):
    stdin = '{"id": 1, "text": "سلام، خبر خوبی بود"}\nnot json\n{"id": 3}\n'
    results, err = run_moderate(stdin, monkeypatch=monkeypatch)
    assert results[0]["id"] == 1 and "decision" in results[0]
    assert "line 2" in results[1]["error"] and "line 3" in results[2]["error"]
    assert "line 2" in err and "2 line(s) could not be read" in err


def test_article_option_needs_a_published_article(monkeypatch):
    _, err = run_moderate("", "--article", "987654", monkeypatch=monkeypatch)
    assert "No published article has news code 987654" in err


def test_article_option_feeds_the_off_topic_rule(monkeypatch):
    article = ArticleFactory(
        title="تیم فوتبال شهر در فینال جام حذفی پیروز شد",
        lead="تیم فوتبال شهر با دو گل حریف را شکست داد و قهرمان جام حذفی شد.",
    )
    stdin = json.dumps(
        {"id": 1, "text": "قیمت گوجه فرنگی و سیب زمینی در بازار میوه امروز بالا رفت"},
        ensure_ascii=False,
    )
    results, _ = run_moderate(
        stdin, "--article", str(article.news_code), monkeypatch=monkeypatch
    )
    assert results[0]["decision"] in {"hold", "publish"}
    if results[0]["decision"] == "hold":
        assert "off_topic" in {reason["rule"] for reason in results[0]["reasons"]}


def test_export_writes_moderators_decisions_as_labels(tmp_path):
    kept = CommentFactory(text="نظر خوب")
    dropped = CommentFactory(text="نظر بد")
    comment_moderate(comment=kept, status=Comment.Status.APPROVED, user=None)
    comment_moderate(comment=dropped, status=Comment.Status.REJECTED, user=None)
    out = tmp_path / "history.csv"
    call_command("moderation", "export", "--out", str(out), stdout=io.StringIO())
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(row["text"], row["label"]) for row in rows} == {
        ("نظر خوب", "0"),
        ("نظر بد", "1"),
    }


def test_train_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("moderation", "train", "--data", str(tmp_path / "none.csv"))


def one(text: str) -> str:
    return json.dumps({"id": 1, "text": text}, ensure_ascii=False)


def test_model_option_scores_with_that_file(monkeypatch, tiny_model_file):
    text = f"خبر خوبی بود {APRICOT}"
    site, _ = run_moderate(one(text), monkeypatch=monkeypatch)
    own, err = run_moderate(
        one(text), "--model", str(tiny_model_file), monkeypatch=monkeypatch
    )
    assert site[0]["decision"] == "publish"
    assert own[0]["decision"] in {"hold", "reject"}, err
    assert "insult" in {reason["rule"] for reason in own[0]["reasons"]}


def test_a_corrupt_model_option_is_a_clear_error(monkeypatch, tmp_path):
    bad = tmp_path / "bad.bin.gz"
    bad.write_bytes(b"garbage")
    results, err = run_moderate(
        one("خبر خوبی بود"), "--model", str(bad), monkeypatch=monkeypatch
    )
    assert results == []
    assert str(bad) in err and "not a gzip" in err


def test_decides_with_the_sites_word_list_and_policy(monkeypatch, site_policy):
    site_policy("auto", custom_words="بادمجان")
    results, _ = run_moderate(one("این بادمجان است"), monkeypatch=monkeypatch)
    assert results[0]["decision"] == "reject"
    site_policy("premoderate", custom_words="")
    results, _ = run_moderate(one("خبر خوبی بود"), monkeypatch=monkeypatch)
    assert results[0]["decision"] == "hold"


def test_decides_with_the_sites_hold_band(monkeypatch, site_policy):
    from wagtail.models import Site

    from khabar.moderation.models import HoldBand

    text = "نویسنده این خبر احمق است"
    first, _ = run_moderate(one(text), monkeypatch=monkeypatch)
    score = first[0]["reasons"][0]["score"]
    assert first[0]["decision"] == "hold"
    site = Site.objects.get(is_default_site=True)
    HoldBand.objects.create(site=site, hold=score + 0.01, floor=0.3)
    from khabar.moderation.config import config_forget

    config_forget()
    later, _ = run_moderate(one(text), monkeypatch=monkeypatch)
    assert later[0]["decision"] == "publish"


def test_refresh_chooses_the_band_now(site_policy):
    from khabar.moderation.models import HoldBand, LogEntry

    site_policy("auto", held_share=0.1)
    LogEntry.objects.bulk_create(
        LogEntry(comment_ref=i, action="auto_publish", insult_score=i / 1000)
        for i in range(1000)
    )
    out = io.StringIO()
    call_command("moderation", "refresh", stdout=out)
    band = HoldBand.objects.get()
    assert 0.84 < band.hold < 0.86  # 100 comments from 0.85 to 0.95 (rejected)
    assert f"insult hold band from {band.hold:.3f}" in out.getvalue()


def test_learn_says_when_there_is_too_little_to_learn():
    out = io.StringIO()
    call_command("moderation", "learn", stdout=out)
    assert "too few decisions" in out.getvalue()
