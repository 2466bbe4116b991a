"""Fold text into search keys so every spelling of a word matches.

``search_key`` maps half-space, space and joined variants of a word («می‌شود»،
«می شود»، «میشود»), Arabic and Persian letter variants, Persian, Arabic and
Latin digits, diacritics, tatweel and case to one key. Split and joined
spellings are reconciled by the half-space restorer, so a key depends on the
shipped table: re-index after rebuilding it (see :data:`KEY_VERSION`).
"""

import re

from khabar.text.chars import (
    ARABIC_DIGITS,
    BIDI_CONTROLS,
    BOM,
    DIACRITICS,
    HAMZA_ABOVE,
    PERSIAN_DIGITS,
    TATWEEL,
    ZWJ,
    ZWNJ,
)
from khabar.text.normalizer import restore_zwnj

KEY_VERSION = 5

# Before restoring half-spaces: Persian letters, no marks, no junk, and no
# half-spaces either (the key drops them anyway, and a joined word is re-split).
_PRE_TABLE = str.maketrans(
    {
        "\u064a": "ی",
        "\u0649": "ی",
        "\u0643": "ک",
        "\u06c0": "ه",
        "\u06d5": "ه",
        "\u0629": "ه",
    }
    | dict.fromkeys(
        DIACRITICS + HAMZA_ABOVE + TATWEEL + ZWNJ + ZWJ + BOM + BIDI_CONTROLS
    )
)
# After: one letter for each family of variants, Latin digits, no half-space.
_FOLD_TABLE = str.maketrans(
    {
        "\u0626": "ی",
        "\u0623": "ا",
        "\u0625": "ا",
        "\u0671": "ا",
        "\u0622": "ا",
        "\u0624": "و",
        ZWNJ: None,  # added by the restorer
    }
    | {digit: str(value) for value, digit in enumerate(PERSIAN_DIGITS)}
    | {digit: str(value) for value, digit in enumerate(ARABIC_DIGITS)}
)
_NON_WORD_RE = re.compile(f"[^\\w{ZWNJ}]+")


def search_key(text: str) -> str:
    """Return the folded key of ``text``: its search tokens joined by spaces."""
    return " ".join(search_tokens(text))


def search_tokens(text: str) -> list[str]:
    """Split ``text`` into folded word tokens for indexing and word filters."""
    cleaned = _NON_WORD_RE.sub(" ", text.translate(_PRE_TABLE).lower())
    restored = restore_zwnj(cleaned)
    return restored.translate(_FOLD_TABLE).split()
