"""Tokens, folding and the fast paths that keep long comments cheap."""

import pytest

from khabar.moderation.engine.classifier import (
    BIGRAM_MIX,
    MASK,
    features,
    hashed,
    word_features,
)
from khabar.moderation.engine.langid import identify
from khabar.moderation.engine.lexicon import Lexicon
from khabar.moderation.engine.tokens import (
    fold_word,
    slow_fold_word,
    spelled_runs,
    tokenize,
)

ZWNJ = "\u200c"

# Words that exercise every part of the folding: half-spaces, joiners, Arabic
# letters, diacritics, tatweel, digits in three scripts, presentation forms,
# Latin case, underscores and hamza forms.
WORDS = [
    "می\u200cشود",
    "میشود",
    "كتاب",
    "علي",
    "اَحمَق",
    "احـــمق",
    "۱۲۳",
    "١٢٣",
    "Hello",
    "a_b",
    "\ufe8d\ufea3\ufee4\ufed6",
    "مسئله",
    "مسأله",
    "رؤیا",
    "آمریکا",
    "خانهٔ",
    "بی\u200dشرف",
    "کتاب\u200cهای",
    "\u200e",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


@pytest.mark.parametrize("word", WORDS)
def test_fast_folding_agrees_with_search_key(word: str) -> None:
    assert fold_word(word) == slow_fold_word(word)


def test_tokens_keep_spans_into_the_original_text() -> None:
    text = "سلام، اَحمَق! ۱۲۳"
    tokens = tokenize(text)
    assert [token.key for token in tokens] == ["سلام", "احمق", "123"]
    assert [text[token.start : token.end] for token in tokens] == [
        "سلام",
        "اَحمَق",
        "۱۲۳",
    ]


def test_spelled_runs_join_only_adjacent_single_letters() -> None:
    text = "تو ا ح م ق و خ ر هستی"
    runs = spelled_runs(text, tokenize(text))
    assert [run.key for run in runs] == ["احمقوخر"]
    assert text[runs[0].start : runs[0].end] == "ا ح م ق و خ ر"
    assert spelled_runs("و این و آن", tokenize("و این و آن")) == []


def test_phrases_match_however_far_into_a_long_text() -> None:
    lexicon = Lexicon([("بی شرف", 0.85), ("مرده شور برده", 0.6)])
    filler = "خبر امروز درباره اقتصاد بود " * 200
    text = filler + "این بی شرف و آن مرده شور برده"
    keys = sorted(hit.key for hit in lexicon.match(text))
    assert keys == ["بیشرف", "مردهشوربرده"]
    assert not lexicon.match(filler + "بی خبر و مرده ها")


def test_lexicon_memo_does_not_change_answers_on_repeat() -> None:
    lexicon = Lexicon([("احمق", 0.6)])
    assert not lexicon.match("خبر خوبی بود")
    assert lexicon.match("تو احمق هستی")[0].key == "احمق"
    assert not lexicon.match("خبر خوبی بود")
    assert lexicon.match("خبر خوبی بود احمقها")


def test_features_are_distinct_and_include_mixed_bigrams() -> None:
    feats = features(tokenize("خبر خوب خبر خوب"), 0.6)
    assert len(feats) == len(set(feats))
    left, right = word_features("خبر")[0], word_features("خوب")[0]
    assert (left * BIGRAM_MIX + right) & MASK in feats
    assert hashed("lex:0.60") in feats
    assert hashed("lex:0.60") not in features(tokenize("خبر خوب"), 0.0)


def test_langid_counts_scripts_of_long_texts() -> None:
    persian = "این یک نظر فارسی درباره خبر امروز است. " * 40
    assert identify(persian).score < 0.5
    english = "This is a long comment written in English only. " * 40
    assert identify(english).score >= 0.9
    mixed = "سلام دوستان عزیز " + english
    assert 0.5 <= identify(mixed).score <= 0.85
