"""Half-space restoration: both damage kinds, and no damage to correct words."""

import pytest

from khabar.text.normalizer import restore_zwnj

ZWNJ = "\u200c"


def z(text: str) -> str:
    """Write a half-space as «|» in test tables."""
    return text.replace("|", ZWNJ)


RESTORED = [
    "نمی|شود",
    "می|شود",
    "می|توان",
    "برمی|دارد",
    "کتاب|ها",
    "کتاب|هایشان",
    "بزرگ|ترین",
    "نرم|افزار",
    "گفت|وگو",
    "رفت|وآمد",
    "رفت|وآمدها",
    "بین|المللی",
    "سه|شنبه",
    "بی|دفاع",
    "بی|حیثیت",
    "به|ویژه",
    "به|عنوان",
    "به|خصوص",
    "همکاری|های",
    "تجربه|ای",
    "کرده|اند",
    "زندگی|اش",
    "پیشرفت|های",
    "نشسته|ایم",
    # «می» before a verb form that also reads as a known word + ending
    "می|دهی",
    "می|نوشت",
    # plural clitics after «ه»، a participle of an unknown verb, «ی» + «اند»
    "علاقه|تان",
    "بازتابیده|اند",
    "انسانی|اند",
    "دل|هاست",
    # a known word + a compound head that the sources half-space
    "سیره|نویس",
    "مستعمره|نشینان",
    # «ه» + clitic after a letter that does not join
    "زنده|ای",
]


@pytest.mark.parametrize("gold", RESTORED)
def test_deleted_half_space_is_restored(gold: str) -> None:
    assert restore_zwnj(z(gold).replace(ZWNJ, "")) == z(gold)


@pytest.mark.parametrize(
    ("spaced", "gold"),
    [
        ("می شود", "می|شود"),
        ("نمی توانند", "نمی|توانند"),
        ("کتاب ها", "کتاب|ها"),
        ("درخت های بلند", "درخت|های بلند"),
        ("بزرگ ترین", "بزرگ|ترین"),
        ("سریع تر", "سریع|تر"),
        ("خانه ای", "خانه|ای"),
        ("نرم افزار", "نرم|افزار"),
        ("بی دفاع", "بی|دفاع"),
        ("سه شنبه ها", "سه|شنبه|ها"),
        ("برمی دارد", "برمی|دارد"),
        ("نشسته ایم", "نشسته|ایم"),
        ("تصمیم گیری", "تصمیم|گیری"),
        ("زندگی شان", "زندگی|شان"),
        ("انسانی اند", "انسانی|اند"),
        ("اشغال شدهٔ", "اشغال|شدهٔ"),
        ("واژه نامهٔ", "واژه|نامهٔ"),
        ("شکسته ای", "شکسته|ای"),
        ("می آرامانم", "می|آرامانم"),
        # a part that is no word on its own, maybe with an ending
        ("سیره نویس", "سیره|نویس"),
        ("نظریه پردازانی", "نظریه|پردازانی"),
        ("حساب رسان", "حساب|رسان"),
    ],
)
def test_spaced_half_space_is_restored(spaced: str, gold: str) -> None:
    assert restore_zwnj(spaced) == z(gold)


@pytest.mark.parametrize(
    "correct",
    [
        "بیشتر",
        "بیمار",
        "بیماری",
        "بیان",
        "بیست",
        "تنها",
        "تنهایی",
        "گمان",
        "انتهای",
        "معنای",
        "دنیای",
        "کارهای",
        "روزهای",
        "بهتر",
        "بهداشت",
        "بهمن",
        "میدان",
        "میز",
        "میوه",
        "میلیون",
        "دفتر",
        "بستر",
        "گفتگو",
        "همدلی",
        "آنها",
        "اساس",
        "پیام",
        "به عنوان",
        "عزت نفس",
        "کرده است",
        "ای خدا",
        "بی آن",
        "بی او",
        "این نامه",
        "جام می",
        "جام می سفید",
        "انجام شده است",
        "تنهاست",
        "آنهاست",
        "بیکاران",
        "گریاند",
        "بندهایم",
        "زندگیشان",
        "بهروز",
        "فراموشش",
        "شهبازی",
        # «ب» + a verb, not «بی» + a word
        "بیابید",
        "بیفزاییم",
        "بیفتد",
        "بیافتد",
        # a verb form, not a compound of its pieces; a بی word + «ند»
        "دیدی",
        "بیکارند",
        # a word after another word, not a bound part of a compound
        "نگاه نگران",
        "صنایع دستی",
        "حقوق زنان",
        "این نویس",
        "می|شود",
        "نرم|افزار",
    ],
)
def test_correct_text_is_unchanged(correct: str) -> None:
    assert restore_zwnj(z(correct)) == z(correct)


def test_half_spaced_word_is_left_as_written() -> None:
    written = z("هلی|کوپتر")
    assert restore_zwnj(written) == written


def test_hamza_above_stays_after_restoration() -> None:
    assert restore_zwnj("سهشنبهٔ") == z("سه|شنبهٔ")
