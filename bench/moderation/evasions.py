"""Generate evasive spellings of a word, one function per evasion."""

import unicodedata
from collections.abc import Callable

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"
FATHA = "\u064e"
KASRA = "\u0650"
JOINS_NEXT = set("بپتثجچحخسشصضطظعغفقکگلمنهیئ")


def _presentation_table() -> dict[tuple[str, str], str]:
    """Map (letter, form) to its Arabic presentation form code point."""
    table = {}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        char = chr(code)
        name = unicodedata.name(char, "")
        base = unicodedata.normalize("NFKC", char)
        if len(base) == 1 and "FORM" in name:
            form = name.rsplit(" ", 2)[-2]  # ISOLATED, INITIAL, MEDIAL, FINAL
            table.setdefault((base, form), char)
    return table


PRESENTATION = _presentation_table()


def presentation_forms(word: str) -> str:
    """Write the word in contextual presentation forms (as old PDFs do)."""
    out = []
    for index, char in enumerate(word):
        joined_before = index > 0 and word[index - 1] in JOINS_NEXT
        joins_after = char in JOINS_NEXT and index + 1 < len(word)
        form = {
            (False, False): "ISOLATED",
            (False, True): "INITIAL",
            (True, True): "MEDIAL",
            (True, False): "FINAL",
        }[(joined_before, joins_after)]
        out.append(
            PRESENTATION.get((char, form), PRESENTATION.get((char, "ISOLATED"), char))
        )
    return "".join(out)


def middle(word: str, insert: str) -> str:
    """Insert ``insert`` in the middle of the word."""
    half = max(1, len(word) // 2)
    return word[:half] + insert + word[half:]


EVASIONS: dict[str, Callable[[str], str]] = {
    "plain": lambda w: w,
    "zwnj": lambda w: middle(w, ZWNJ),
    "zwj": lambda w: middle(w, ZWJ),
    "tatweel": lambda w: middle(w, TATWEEL * 3),
    "arabic letters": lambda w: w.replace("ی", "ي").replace("ک", "ك"),
    "diacritics": lambda w: "".join(
        c + (FATHA if i % 2 else KASRA) for i, c in enumerate(w)
    ),
    "spaced": lambda w: " ".join(w),
    "dotted": lambda w: ".".join(w),
    "repeated": lambda w: w + w[-1] * 4,
    "presentation forms": presentation_forms,
    "in a sentence": lambda w: f"واقعا که {w} هستی",
}
