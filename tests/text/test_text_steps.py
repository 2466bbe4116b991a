"""Table-driven tests of each normalization step, with real Persian examples."""

import pytest

from khabar.text import DEFAULT_STEPS, STEPS, normalize
from khabar.text.normalizer import (
    collapse_spaces,
    persian_digits,
    persian_letters,
    persian_punctuation,
    remove_diacritics,
    remove_invisible,
    remove_tatweel,
)

ZWNJ = "\u200c"
ZWJ = "\u200d"
BOM = "\ufeff"
RLM = "\u200f"
LRE = "\u202a"
PDF = "\u202c"
TATWEEL = "\u0640"
FATHA = "\u064e"
KASRA = "\u0650"
SHADDA = "\u0651"
HAMZA_ABOVE = "\u0654"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BOM + "خبر", "خبر"),
        ("سلام" + RLM + " دنیا", "سلام دنیا"),
        (LRE + "تهران" + PDF, "تهران"),
        ("می" + ZWJ + "شود", "میشود"),
        ("می" + ZWNJ + ZWNJ + "شود", "می" + ZWNJ + "شود"),
        ("کتاب" + ZWNJ + " ها", "کتاب ها"),
        (ZWNJ + "خانه", "خانه"),
        ("خانه" + ZWNJ + "،", "خانه،"),
        ("رفت" + ZWNJ + "و" + ZWNJ + "آمد", "رفت" + ZWNJ + "وآمد"),
        ("👨" + ZWJ + "👩", "👨" + ZWJ + "👩"),
    ],
)
def test_remove_invisible(text: str, expected: str) -> None:
    assert remove_invisible(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي كتاب را خواند", "علی کتاب را خواند"),
        ("مصطفى", "مصطفی"),
        ("خانۀ ما", "خانه" + HAMZA_ABOVE + " ما"),
        ("آیة‌الله", "آیة‌الله"),
        ("قال" + FATHA + " النبي" + KASRA, "قال" + FATHA + " النبي" + KASRA),
        ("گفت: «بِسْمِ اللَّهِ» را بخوان", "گفت: «بِسْمِ اللَّهِ» را بخوان"),
    ],
)
def test_persian_letters(text: str, expected: str) -> None:
    assert persian_letters(text) == expected


def test_tatweel_and_diacritics() -> None:
    assert remove_tatweel("ســـلام") == "سلام"
    assert remove_diacritics("کتاب" + KASRA + " م" + SHADDA + "ن") == "کتاب من"
    assert remove_diacritics("خانه" + HAMZA_ABOVE) == "خانه" + HAMZA_ABOVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سال 1402", "سال ۱۴۰۲"),
        ("سال ١٤٠٢", "سال ۱۴۰۲"),
        ("ویروس COVID-19 و MP3", "ویروس COVID-19 و MP3"),
        ("نسخهٔ v2 آمد", "نسخهٔ v2 آمد"),
        ("version 2 only", "version 2 only"),
        ("تاریخ 1402/05/12", "تاریخ ۱۴۰۲/۰۵/۱۲"),
    ],
)
def test_persian_digits(text: str, expected: str) -> None:
    assert persian_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سلام , دنیا", "سلام، دنیا"),
        ("چرا ?", "چرا؟"),
        ("اول; دوم", "اول؛ دوم"),
        ("تهران،اصفهان", "تهران، اصفهان"),
        ("او گفت:«نه»و رفت", "او گفت: «نه» و رفت"),
        ("« سلام »", "«سلام»"),
        ('گفت "بله" و رفت', "گفت «بله» و رفت"),
        ("قیمت 1,000 تومان", "قیمت 1,000 تومان"),
        ("پایان .شروع", "پایان. شروع"),
        ("خبر داد.او رفت", "خبر داد. او رفت"),
        ("او گفت.و رفت", "او گفت. و رفت"),
        # A dot beside a one-letter word is an abbreviation or an initial.
        ("حزب پ.ک.ک اعلام کرد", "حزب پ.ک.ک اعلام کرد"),
        ("به گزارش سعید.ط از تهران", "به گزارش سعید.ط از تهران"),
        ("ج.ا.ایران", "ج.ا.ایران"),
    ],
)
def test_persian_punctuation(text: str, expected: str) -> None:
    assert persian_punctuation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("یک  دو\t\tسه", "یک دو سه"),
        ("  تورفتگی  می‌ماند  ", "  تورفتگی می‌ماند"),
        ("یک\u00a0دو", "یک دو"),
        ("خط یک \nخط دو", "خط یک\nخط دو"),
    ],
)
def test_collapse_spaces(text: str, expected: str) -> None:
    assert collapse_spaces(text) == expected


def test_steps_switch_off_one_by_one() -> None:
    text = "ميشود 12"
    assert normalize(text) == "می" + ZWNJ + "شود ۱۲"
    assert normalize(text, digits=False) == "می" + ZWNJ + "شود 12"
    assert normalize(text, zwnj=False) == "میشود ۱۲"
    assert normalize(text, letters=False, zwnj=False) == "ميشود ۱۲"


def test_diacritics_only_when_asked() -> None:
    assert "diacritics" in STEPS and "diacritics" not in DEFAULT_STEPS
    text = "کتاب" + KASRA + " من"
    assert normalize(text) == text
    assert normalize(text, diacritics=True) == "کتاب من"


def test_unknown_step_is_an_error() -> None:
    with pytest.raises(TypeError, match="colour"):
        normalize("متن", colour=True)


@pytest.mark.parametrize(
    "protected",
    [
        "https://example.com/a,b?c=1",
        "user@example.com",
        "`print(1 , 2)`",
        "﴿قُلْ هُوَ اللَّهُ أَحَدٌ﴾",
    ],
)
def test_protected_spans_are_kept(protected: str) -> None:
    assert normalize(f"ببینید {protected} را") == f"ببینید {protected} را"
