"""Split comments into word tokens with folded keys and their character spans.

Every rule matches words on keys from :func:`khabar.text.search_key`, so a
filter word matches however a reader typed it: with half-spaces, joiners,
tatweel, diacritics, Arabic letter variants or Arabic presentation forms (the
last folded by NFKC first). Spans always point into the original text so a
moderator UI can highlight the matched words.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.text import search_key

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"
LRM = "\u200e"
RLM = "\u200f"
ARABIC_MARKS = "\u064b-\u065f\u0670"

# A word: letters, digits and the invisible or marking characters that can sit
# inside a written word. Presentation forms are letters, so ``\w`` covers them.
_TOKEN_RE = re.compile(f"[\\w{ZWNJ}{ZWJ}{LRM}{RLM}{ARABIC_MARKS}]+")
# Letters repeated for emphasis («احمقققق», «kharrr»).
_REPEAT_RE = re.compile(r"(.)\1+")
# What may separate spelled-out letters: «ا ح م ق», «ا.ح.م.ق», «ا-ح-م-ق».
_LETTER_GAP_RE = re.compile(r"[\s.\-_*+/\\|،,:;·•'\"~^]{1,3}")
_LATIN_RE = re.compile(r"[a-z]")
# Compatibility characters worth an NFKC pass: presentation forms, fullwidth.
_COMPAT_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\uff00-\uffef]")
MAX_TOKENS = 5000  # longer inputs are cut: a comment is never that long


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a comment: its span in the original text and folded key."""

    start: int
    end: int
    key: str


@lru_cache(maxsize=1 << 16)
def fold_word(raw: str) -> str:
    """Fold one written word to its matching key (no spaces, no underscores)."""
    if _COMPAT_RE.search(raw):
        raw = unicodedata.normalize("NFKC", raw)
    return search_key(raw).replace(" ", "").replace("_", "")


@lru_cache(maxsize=1 << 16)
def squeeze(key: str) -> str:
    """Collapse letters repeated for emphasis: «احمقققق» → «احمق»."""
    return _REPEAT_RE.sub(r"\1", key)


def is_latin(key: str) -> bool:
    """Tell whether a folded key is written in Latin letters."""
    return _LATIN_RE.search(key) is not None


@lru_cache(maxsize=32)
def tokenize(text: str) -> tuple[Token, ...]:
    """Return the word tokens of ``text`` with folded keys, at most MAX_TOKENS.

    Cached for the last few texts: every rule of one decision tokenizes the
    same comment.
    """
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        key = fold_word(match.group())
        if key:
            tokens.append(Token(match.start(), match.end(), key))
            if len(tokens) >= MAX_TOKENS:
                break
    return tuple(tokens)


def spelled_runs(text: str, tokens: Sequence[Token]) -> list[Token]:
    """Join runs of single letters typed apart («ا ح م ق») into one token."""
    runs: list[Token] = []
    index = 0
    while index < len(tokens):
        end = index
        while (
            end + 1 < len(tokens)
            and len(tokens[end].key) == 1
            and len(tokens[end + 1].key) == 1
            and _LETTER_GAP_RE.fullmatch(text, tokens[end].end, tokens[end + 1].start)
        ):
            end += 1
        if end - index >= 1:
            key = "".join(token.key for token in tokens[index : end + 1])
            runs.append(Token(tokens[index].start, tokens[end].end, key))
        index = end + 1
    return runs
