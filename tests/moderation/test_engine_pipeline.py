"""The pipeline: policies, thresholds, verdicts, messages and bad input."""

import json
import time

import pytest

from khabar.moderation.engine import (
    DEFAULT_THRESHOLDS,
    MESSAGES,
    Verdict,
    moderate,
    reader_message,
)

ZWNJ = "\u200c"
RLO = "\u202e"
CLEAN = f"به نظرم این گزارش دقیق بود و نکته{ZWNJ}های خوبی داشت."
INSULT = "مرتیکه کثافت حرومزاده"
MILD = "تو واقعا احمقی"


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        (CLEAN, "publish"),
        ("خدا رحمتش کند، روحش شاد", "publish"),
        (INSULT, "reject"),
        (MILD, "hold"),
        ("This is a great article, thank you for writing it.", "reject"),
    ],
)
def test_auto_policy_decides(text: str, decision: str) -> None:
    assert moderate(text).decision == decision


def test_premoderate_holds_everything_with_reasons() -> None:
    clean = moderate(CLEAN, policy="premoderate")
    assert clean.decision == "hold"
    insult = moderate(INSULT, policy="premoderate")
    assert insult.decision == "hold"
    assert [finding.rule for finding in insult.findings] == ["insult"]
    assert insult.reason == "insult_lexicon"


def test_unknown_policy_is_an_error() -> None:
    with pytest.raises(ValueError, match="policy"):
        moderate(CLEAN, policy="lenient")


def test_thresholds_change_the_decision() -> None:
    assert moderate(MILD).decision == "hold"
    assert moderate(MILD, thresholds={"insult": (0.99, 1.0)}).decision == "publish"
    assert moderate(MILD, thresholds={"insult": (0.1, 0.2)}).decision == "reject"


@pytest.mark.parametrize(
    "thresholds", [{"insult": (0.9, 0.5)}, {"shouting": (0.1, 0.2)}]
)
def test_bad_thresholds_are_errors(thresholds: dict) -> None:
    with pytest.raises(ValueError, match="threshold|rule"):
        moderate(CLEAN, thresholds=thresholds)


def test_defaults_cover_every_rule_and_off_topic_never_rejects() -> None:
    assert set(DEFAULT_THRESHOLDS) == {"insult", "not_persian", "off_topic", "spam"}
    assert DEFAULT_THRESHOLDS["off_topic"][1] > 1.0


def test_verdict_json_has_the_cli_shape() -> None:
    verdict = moderate(INSULT)
    data = json.loads(verdict.as_json())
    assert data["decision"] == "reject"
    assert data["reasons"][0]["rule"] == "insult"
    assert 0.0 <= data["reasons"][0]["score"] <= 1.0
    assert json.loads(moderate(CLEAN).as_json()) == {
        "decision": "publish",
        "reasons": [],
    }


def test_findings_carry_spans_of_the_insult() -> None:
    verdict = moderate(INSULT)
    spans = verdict.findings[0].spans
    assert "کثافت" in [INSULT[a:b] for a, b in spans]


def test_risk_orders_a_queue() -> None:
    assert moderate(INSULT).risk > moderate(MILD).risk > moderate(CLEAN).risk


def test_reader_messages_are_persian_and_without_scores() -> None:
    assert moderate(INSULT).message == (
        "نظر شما به دلیل داشتن عبارت توهین‌آمیز منتشر نشد."
    )
    assert moderate(MILD).message == "نظر شما برای بررسی بیشتر نگه داشته شد."
    assert moderate(CLEAN).message == ""
    assert reader_message("reject", "not_persian") == "نظرهای غیرفارسی منتشر نمی‌شوند."
    assert all(not any(ch.isdigit() for ch in text) for text in MESSAGES.values())


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("", "reject"),
        ("   \n\t ", "reject"),
        ("😀👍🎉", "publish"),
        ("https://example.com/some/page", "hold"),
        (f"\x00\x07{RLO}سلام، خبر خوبی بود{RLO}\x1b", "publish"),
        ("\u200b\u200c\u200d\u2066\u2069", "publish"),
    ],
)
def test_bad_input_gets_a_clear_verdict(text: str, decision: str) -> None:
    verdict = moderate(text)
    assert isinstance(verdict, Verdict)
    assert verdict.decision == decision


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_huge_input_terminates_quickly() -> None:
    text = ("این یک متن بسیار طولانی است که برای آزمون نوشته شده " * 3000)[:100_000]
    start = time.perf_counter()
    verdict = moderate(text, article_text=text)
    assert time.perf_counter() - start < 2.0
    assert verdict.decision in {"publish", "hold"}


def test_long_lines_of_one_character_terminate() -> None:
    for text in ("ق" * 100_000, "a" * 100_000, "." * 100_000, "ا " * 50_000):
        assert moderate(text).decision in {"publish", "hold", "reject"}
