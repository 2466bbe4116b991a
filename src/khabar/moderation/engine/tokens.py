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
from contextlib import suppress
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from typing import NamedTuple

from khabar.text import search_key
from khabar.text.search import _FOLD_TABLE, _NON_WORD_RE, _PRE_TABLE

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
_KEY = itemgetter(2)  # Token.key, for map()


class Token(NamedTuple):
    """One word of a comment: its span in the original text and folded key.

    A named tuple rather than a dataclass: a long comment makes hundreds.
    """

    start: int
    end: int
    key: str


@lru_cache(maxsize=1 << 16)
def fold_word(raw: str) -> str:
    """Fold one written word to its matching key (no spaces, no underscores).

    This is ``search_key(raw)`` with its spaces dropped. The half-space
    restorer inside ``search_key`` only inserts half-spaces or spaces, which
    the key drops again, so the letter and digit folding alone gives the same
    key at a fraction of the cost (``test_engine_tokens`` checks the two agree).
    """
    if _COMPAT_RE.search(raw):
        raw = unicodedata.normalize("NFKC", raw)
    folded = _NON_WORD_RE.sub("", raw.translate(_PRE_TABLE).lower())
    return folded.translate(_FOLD_TABLE).replace("_", "")


def slow_fold_word(raw: str) -> str:
    """Fold one word through the full ``search_key`` (the reference for tests)."""
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
    fold = fold_word
    tokens = [
        Token(match.start(), match.end(), key)
        for match in islice(_TOKEN_RE.finditer(text), 2 * MAX_TOKENS)
        if (key := fold(match.group()))
    ]
    return tuple(tokens[:MAX_TOKENS])


def spelled_runs(text: str, tokens: Sequence[Token]) -> list[Token]:
    """Join runs of single letters typed apart («ا ح م ق») into one token."""
    lengths = list(map(len, map(_KEY, tokens)))
    singles = []
    index = -1
    with suppress(ValueError):  # ``list.index`` scans in C: singles are rare
        while True:
            index = lengths.index(1, index + 1)
            singles.append(index)
    runs: list[Token] = []
    position = 0
    while position < len(singles) - 1:
        start = end = singles[position]
        while (
            position + 1 < len(singles)
            and singles[position + 1] == end + 1
            and _LETTER_GAP_RE.fullmatch(text, tokens[end].end, tokens[end + 1].start)
        ):
            position += 1
            end += 1
        if end > start:
            key = "".join(token.key for token in tokens[start : end + 1])
            runs.append(Token(tokens[start].start, tokens[end].end, key))
        position += 1
    return runs
