"""Persian typography for Khabar: normalization, half-spaces and search keys.

No Django here; everything is pure Python over ``str``.

``normalize(text, **steps) -> str``
    Normalize display text. Steps, in order, each a keyword switch
    (default in brackets): ``invisible`` [on] BOM, bidi controls, misused ZWJ
    and stray half-spaces; ``letters`` [on] Arabic ي ى ك ۀ → Persian (Arabic
    quotations with vowel marks kept); ``tatweel`` [on]; ``diacritics`` [off]
    harakat; ``digits`` [on] Persian digits, Latin ones kept in Latin words,
    URLs, e-mails and code; ``punctuation`` [on] ، ؛ ؟ « » and their spacing;
    ``spaces`` [on] one space between words; ``zwnj`` [on] restore half-spaces
    that were deleted (نمیشود → نمی‌شود) or typed as spaces (کتاب ها → کتاب‌ها).
    Idempotent; correctly written words are never changed.
``changes(before, after) -> list[Change]``
    Word-level changes (``offset``, ``old``, ``new``) for showing an editor
    what normalization did.
``search_key(text) -> str`` and ``search_tokens(text) -> list[str]``
    One folding for search indexes and word filters: every spelling of a word
    (half-space, space or joined; Arabic or Persian letters; any digits;
    diacritics; tatweel; case) gives the same key.
``STEPS``, ``DEFAULT_STEPS``
    Step names (in order) and the ones on by default.

The half-space table ships as ``data/zwnj.txt.gz``; ``khabar.text.build``
rebuilds it; ``khabar.text.cli`` is the ``khabar normalize`` command.
"""

from khabar.text.diff import Change, changes
from khabar.text.normalizer import DEFAULT_STEPS, STEPS, normalize
from khabar.text.search import search_key, search_tokens

__all__ = [
    "DEFAULT_STEPS",
    "STEPS",
    "Change",
    "changes",
    "normalize",
    "search_key",
    "search_tokens",
]
