"""The insult lexicon: evasions, whole-word matching, spans, custom words."""

import pytest

from khabar.moderation.engine import moderate
from khabar.moderation.engine.lexicon import Lexicon, default_lexicon

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"
FATHA = "\u064e"

# «احمق» in presentation forms: alef isolated, hah initial, meem medial, qaf final.
AHMAGH_PRESENTATION = "\ufe8d\ufea3\ufee4\ufed6"

EVASIONS = [
    ("plain", "تو احمق هستی"),
    ("zwnj", f"تو اح{ZWNJ}مق هستی"),
    ("zwj", f"تو اح{ZWJ}مق هستی"),
    ("tatweel", f"تو اح{TATWEEL * 3}مق هستی"),
    ("diacritics", f"تو اَح{FATHA}مَق هستی"),
    ("spaced letters", "تو ا ح م ق هستی"),
    ("dotted letters", "تو ا.ح.م.ق هستی"),
    ("dashed letters", "تو ا-ح-م-ق هستی"),
    ("repeated letters", "تو احمقققق هستی"),
    ("presentation forms", f"تو {AHMAGH_PRESENTATION} هستی"),
    ("finglish", "to kheili ahmagh hasti"),
    ("finglish repeated", "AHMAGHHHH"),
    ("suffix", "احمق‌ها رو ببین"),
]


@pytest.mark.parametrize(("name", "text"), EVASIONS)
def test_lexicon_sees_through_evasions(name: str, text: str) -> None:
    hits = default_lexicon().match(text)
    assert hits, name


@pytest.mark.parametrize(
    "text",
    [
        "پدر سگ",
        f"پدر{ZWNJ}سگ",
        "پدرسگ",
        "کثافت",
        "كثافت",  # Arabic kaf
        "khar",
        "madarjende",
    ],
)
def test_strong_words_and_phrases_match(text: str) -> None:
    assert default_lexicon().match(text)


@pytest.mark.parametrize(
    "text",
    [
        "هیچ کسی به این موضوع اعتراض نکرد.",
        "انسان‌ها حق دارند نظر خود را بگویند.",
        "این کتاب را دیروز از کتابخانه گرفتم.",
        "خرید و فروش مسکن در تهران کاهش یافت.",
        "کسب‌وکارهای کوچک در کرمان رشد کردند.",
        "قانون اساسی کشور را باید خواند.",
        "مردم عرب و ترک و فارس و کرد همه ایرانی هستند.",
        "دانشجویان خارجی در دانشگاه تهران درس می‌خوانند.",
        "او با خانواده‌اش به شمال سفر کرد.",
    ],
)
def test_ordinary_words_do_not_match(text: str) -> None:
    assert default_lexicon().match(text) == []


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_spans_point_into_the_original_text() -> None:
    text = f"واقعا که اح{ZWNJ}مقققق هستی"
    (hit,) = default_lexicon().match(text)
    assert text[hit.start : hit.end] == f"اح{ZWNJ}مقققق"


def test_spaced_letters_span_covers_the_whole_run() -> None:
    text = "تو ا ح م ق"
    spans = {(hit.start, hit.end) for hit in default_lexicon().match(text)}
    assert (3, 10) in spans


def test_single_letters_alone_are_not_joined_into_a_match() -> None:
    assert default_lexicon().match("بند الف و ب این ماده") == []


def test_custom_lexicon_uses_the_same_folding() -> None:
    lexicon = Lexicon([("بی‌مزه", 1.0)])
    assert lexicon.match("چه آدم بیمزه ای")
    assert lexicon.match("چه آدم بی مزه ای")
    assert lexicon.match("چه آدم بي‌مزه ای")
    assert not lexicon.match("چه غذای خوشمزه ای")


def test_custom_words_reject_through_the_pipeline() -> None:
    verdict = moderate("این مدیر بیمزه است", custom_words=("بی‌مزه",))
    assert verdict.decision == "reject"
    assert verdict.reason == "custom_word"
    assert moderate("این مدیر خوب است", custom_words=("بی‌مزه",)).decision == "publish"
