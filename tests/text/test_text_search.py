"""search_key folds every spelling of a word to one key."""

import pytest

from khabar.text import search_key, search_tokens

ZWNJ = "\u200c"
TATWEEL = "\u0640"
FATHA = "\u064e"


@pytest.mark.parametrize(
    "variants",
    [
        ["می" + ZWNJ + "شود", "می شود", "میشود", "ميشود"],
        ["کتاب" + ZWNJ + "ها", "کتاب ها", "کتابها", "كتابها"],
        ["نرم" + ZWNJ + "افزار", "نرم افزار", "نرمافزار"],
        ["۱۲۳", "123", "١٢٣"],
        ["سلام", "ســلام", "سَلام"],
        ["جزئیات", "جزییات"],
        ["خانهٔ", "خانۀ", "خانه"],
        ["Khabar", "KHABAR", "khabar"],
    ],
)
def test_variants_share_one_key(variants: list[str]) -> None:
    keys = {search_key(variant) for variant in variants}
    assert len(keys) == 1, keys


def test_different_words_keep_different_keys() -> None:
    assert search_key("بیمار") != search_key("بی مار")
    assert search_key("کتاب") != search_key("کتب")


def test_tokens_drop_punctuation_and_fold() -> None:
    assert search_tokens("«کتاب‌ها»، را خواند؟ 12") == ["کتابها", "را", "خواند", "12"]
    assert search_key("  ") == ""
