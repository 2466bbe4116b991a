"""Properties: idempotence, only documented characters change, letters kept."""

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.text import normalize, search_key
from khabar.text.normalizer import restore_zwnj

ZWNJ = "\u200c"
ZWJ = "\u200d"
PIECES = [
    "می",
    "نمی",
    "بی",
    "به",
    "ها",
    "های",
    "ترین",
    "تر",
    "ای",
    "ام",
    "اند",
    "کتاب",
    "خانه",
    "نرم",
    "افزار",
    "گفت",
    "و",
    "گو",
    "شود",
    "کرد",
    "بیشتر",
    "تنها",
    "سه",
    "شنبه",
    "بین",
    "المللی",
    "ي",
    "ك",
    "ة",
    "ۀ",
    "ـ",
    "،",
    "؟",
    ",",
    "?",
    "«",
    "»",
    '"',
    ".",
    ":",
    "1",
    "٢",
    "۳",
    "a",
    "COVID-19",
    "http://x.ir/a",
    " ",
    "  ",
    "\n",
    ZWNJ,
    ZWJ,
    "\u200f",
    "\ufeff",
    "\u064e",
    "\u0654",
    "\t",
]
texts = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
persian_words = st.lists(
    st.sampled_from([p for p in PIECES if p.isalpha() and p not in "يكةۀ"]),
    min_size=1,
    max_size=12,
)
LETTER_CHANGES = set("يىكۀـ") | {ZWJ, "\u200f", "\ufeff"}


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(persian_words, st.sampled_from(["", " "]))
def test_restoration_only_changes_separators(words: list[str], sep: str) -> None:
    text = sep.join(words)
    out = restore_zwnj(text)
    assert out.replace(ZWNJ, "").replace(" ", "") == text.replace(" ", "")
    assert out.count(" ") <= text.count(" ")
    assert restore_zwnj(out) == out


@settings(max_examples=300, deadline=None)
@given(texts)
def test_letters_are_never_lost_or_reordered(text: str) -> None:
    kept = [c for c in text if c.isalpha() and c not in LETTER_CHANGES]
    out = normalize(text, letters=False, digits=False)
    assert [c for c in out if c.isalpha() and c not in LETTER_CHANGES] == kept


GOLD_WORDS = [
    "می|شود",
    "نمی|توانند",
    "کتاب|ها",
    "نرم|افزار",
    "گفت|وگو",
    "سه|شنبه",
    "بین|المللی",
    "بی|دفاع",
    "خانه|ای",
    "بزرگ|ترین",
    "درخت|های",
    "است",
    "در",
    "و",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GOLD_WORDS), min_size=1, max_size=10))
def test_search_key_folds_half_space_space_and_joined(words: list[str]) -> None:
    text = " ".join(words)
    variants = {text.replace("|", sep) for sep in (ZWNJ, " ", "")}
    assert len({search_key(variant) for variant in variants}) == 1
