"""The writer's style for the plural «ها» and the comparative «تر»/«ترین».

The Academy of Persian Language allows both «کتاب‌ها» and «کتابها», «بزرگ‌تر»
and «بزرگتر». Two styles:

* ``modern`` half-spaces them, as the newsroom's own style sheet does;
* ``keep`` respects a document that writes them joined: when it writes some
  plural or comparative joined and none half-spaced, the half-spaces the
  restorer put before those suffixes are taken out again. A joined word goes
  back to the writer's spelling («کتابها»); a spaced one is joined in the
  document's way («کتاب ها» → «کتابها»). After a final «ه» the half-space
  stays («خانه ها» → «خانه‌ها»), unless the writer joined that very word in a
  text that has half-spaces elsewhere («گروهها» beside «می‌شود»): in a text
  with none, «گروهها» lost its half-space with the others. Everything else
  the restorer fixes («میشود» → «می‌شود») is fixed in both styles.

Imports and reader comments default to ``keep`` (their writers chose their
style), the newsroom editor to ``modern``.
"""

import re
from collections.abc import Callable

from khabar.text.chars import LETTER_CLASS, ZWNJ
from khabar.text.zwnj import COMPARATIVE_SUFFIXES, PLURAL_SUFFIXES

MODERN = "modern"
KEEP = "keep"
STYLES = (MODERN, KEEP)
FINAL_HEH = "ه"

# «تر» may carry the plural itself («بزرگ‌ترها»).
_ENDINGS = PLURAL_SUFFIXES + COMPARATIVE_SUFFIXES + ("ترها", "ترهای")
_ALTERNATION = "|".join(sorted(_ENDINGS, key=len, reverse=True))
# A half-space before a plural or comparative ending at the end of a word.
_SUFFIX_GAP_RE = re.compile(f"{ZWNJ}(?=(?:{_ALTERNATION})(?![{LETTER_CLASS}{ZWNJ}]))")
# ...after a letter other than «ه»: after «ه» joined-style writers half-space
# too. Public for bench/text, which rewrites gold in the joined style with it.
CHOSEN_GAP_RE = re.compile(f"(?<!{FINAL_HEH}){_SUFFIX_GAP_RE.pattern}")
_WORD_RE = re.compile(f"[{LETTER_CLASS}{ZWNJ}]+")


def check_style(style: str) -> str:
    """Return ``style`` if it is one of :data:`STYLES`, else raise ValueError."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose from {', '.join(STYLES)}")
    return style


def keep_joined(text: str, restored: str, word: Callable[[str], str]) -> str:
    """Return ``restored`` in the joined style of ``text``, if ``text`` has one.

    ``word`` restores one word as the restorer does; it tells which of the
    writer's words are joined plurals or comparatives.
    """
    if _SUFFIX_GAP_RE.search(restored) is None or CHOSEN_GAP_RE.search(text):
        return restored  # nothing to keep, or the writer half-spaces them
    written = {w for w in _WORD_RE.findall(text) if ZWNJ not in w}
    if not any(_SUFFIX_GAP_RE.search(word(w)) for w in written):
        return restored  # no joined plural or comparative: not a joined style
    # Joined after «ه» only by a writer who types half-spaces elsewhere.
    after_heh = written if ZWNJ in text else set()
    return _WORD_RE.sub(lambda match: _rejoin(match[0], after_heh), restored)


def _rejoin(word: str, joined_after_heh: set[str]) -> str:
    """Take the half-space out before a word's plural or comparative ending."""
    gap = _SUFFIX_GAP_RE.search(word)
    if gap is None:
        return word
    start = gap.start()
    if word[start - 1] == FINAL_HEH and word.replace(ZWNJ, "") not in joined_after_heh:
        return word
    return word[:start] + word[start + 1 :]
