"""The reference page: every damaged word restored, no other word changed."""

from pathlib import Path

import pytest

from khabar.text import changes, normalize

ZWNJ = "\u200c"
PAGE = (
    Path(__file__).resolve().parents[2].parent / "shared/seeds/000_74ed4e50eb75564b.txt"
)
DAMAGED = {
    "نرمافزار": "نرم|افزار",
    "رایزنیهای": "رایزنی|های",
    "نمیشود": "نمی|شود",
    "بهویژه": "به|ویژه",
    "گفتوگو": "گفت|وگو",
    "بیدفاع": "بی|دفاع",
    "رفتوآمدهای": "رفت|وآمدهای",
    "رفتوآمدها": "رفت|وآمدها",
    "بیحیثیت": "بی|حیثیت",
    "پیشرفتهای": "پیشرفت|های",
    "بهعنوان": "به|عنوان",
    "برچسبها": "برچسب|ها",
    "همکاریهای": "همکاری|های",
    "صهیونیستها": "صهیونیست|ها",
    "دولتها": "دولت|ها",
    "بهاتفاق": "به|اتفاق",
}
PUNCTUATION = ".،:»«"


@pytest.fixture(scope="module")
def page() -> str:
    """Read the reference page, or skip when shared/ is not beside the repo."""
    if not PAGE.is_file():
        pytest.skip(f"reference page not found at {PAGE}")
    return PAGE.read_text(encoding="utf-8")


def word_changes(before: str, after: str) -> dict[str, str]:
    """Map each changed word (punctuation stripped) to its new spelling."""
    found = {}
    for change in changes(before, after):
        old, new = change.old.strip(PUNCTUATION), change.new.strip(PUNCTUATION)
        assert " " not in old and " " not in new, change
        found[old] = new
    return found


def test_every_damaged_word_is_restored_and_nothing_else(page: str) -> None:
    expected = {old: new.replace("|", ZWNJ) for old, new in DAMAGED.items()}
    assert word_changes(page, normalize(page, digits=False)) == expected


def test_defaults_also_only_write_persian_digits(page: str) -> None:
    found = word_changes(page, normalize(page))
    digits = {old: new for old, new in found.items() if old.isdigit()}
    assert digits == {"1224974": "۱۲۲۴۹۷۴", "0": "۰"}
    assert set(found) - set(digits) == set(DAMAGED)


def test_page_is_a_fixed_point(page: str) -> None:
    once = normalize(page)
    assert normalize(once) == once
