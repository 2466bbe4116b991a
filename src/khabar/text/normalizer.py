"""Normalize Persian display text in named, switchable steps.

Each step is a function ``str -> str`` that runs on the text outside protected
spans (URLs, e-mail addresses, `code` and Quranic ﴿…﴾ quotes). Steps run in
the order of :data:`STEPS`; :data:`DEFAULT_STEPS` are the ones on by default.
"""

import re
from collections.abc import Callable
from functools import cache

from khabar.text.chars import (
    ARABIC_DIGITS_TABLE,
    ARABIC_TO_PERSIAN_LETTERS,
    BIDI_CONTROLS,
    BOM,
    DIACRITICS,
    HAMZA_ABOVE,
    JOINING_LETTERS,
    LATIN_DIGITS_TABLE,
    LETTER_CLASS,
    LETTERS_TABLE,
    MARK_CLASS,
    TATWEEL,
    ZWJ,
    ZWNJ,
)
from khabar.text.style import KEEP, MODERN, check_style, keep_joined
from khabar.text.table import shipped_lexicon
from khabar.text.zwnj import Restorer

Step = Callable[[str], str]

_PROTECTED_RE = re.compile(
    "(?:https?://|www\\.)[!-~]+"
    "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
    "|`[^`\n]*`|﴿[^﴾]*﴾"
)
_PROTECTED_HINT_RE = re.compile(r"://|www\.|@|`|﴿")
PLACEHOLDER = "\ue000"  # a private-use character standing in for a protected span
_PLACEHOLDER_RE = re.compile(PLACEHOLDER)

_JUNK_RE = re.compile(f"[{BOM}{BIDI_CONTROLS}]+")
# ZWJ is kept only inside emoji sequences (👨‍👩‍👧); anywhere else it is junk.
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_ZWJ_RE = re.compile(f"(?<![{_EMOJI}\ufe0f]){ZWJ}|{ZWJ}(?![{_EMOJI}])")
_JOINING = "".join(sorted(JOINING_LETTERS))
_REPEATED_ZWNJ_RE = re.compile(f"{ZWNJ}{{2,}}")
_BAD_ZWNJ_RE = re.compile(
    f"(?<![{_JOINING}{HAMZA_ABOVE}]){ZWNJ}|{ZWNJ}(?![{LETTER_CLASS}])"
)
_HARAKA = "\u064b-\u0652"
_ARABIC_WORD = f"[{LETTER_CLASS}]*[{_HARAKA}][{LETTER_CLASS}{MARK_CLASS}]*"
# Two or more voweled words in a row: an Arabic quotation, kept as written.
_ARABIC_QUOTE_RE = re.compile(f"{_ARABIC_WORD}(?:[ ،]+{_ARABIC_WORD})+")
_ARABIC_LETTER_RE = re.compile("[" + "".join(ARABIC_TO_PERSIAN_LETTERS) + "]")
_DIGIT_RE = re.compile("[0-9\u0660-\u0669]")
_DIACRITICS_RE = re.compile(f"[{DIACRITICS}]+")
_LATIN_TOKEN_OR_DIGITS_RE = re.compile(r"[\w.\-/]*[A-Za-z][\w.\-/]*|[0-9]+", re.ASCII)
_PERSIAN_LETTER_RE = re.compile(f"[{LETTER_CLASS}]")

_P = f"[{LETTER_CLASS}{MARK_CLASS}]"
_LATIN_PUNCT_RE = re.compile(f"[ \t]*([,;?])(?=[ \t]|$|{_P})", re.MULTILINE)
_LATIN_PUNCT_HINT_RE = re.compile("[,;?]")
_PERSIAN_WORD_CHAR_RE = re.compile(_P)
_LATIN_TO_PERSIAN_PUNCT = {",": "،", ";": "؛", "?": "؟"}
_STRAIGHT_QUOTES_RE = re.compile('"([^"\n«»]+)"')
_LATIN_LETTER_RE = re.compile("[A-Za-z]")
_SPACE_BEFORE_RE = re.compile("[ \t]+(?=[،؛؟!:.»])")
_BEFORE_SPACE_RE = re.compile(f"[{LETTER_CLASS}{MARK_CLASS}»)]")
_SPACE_AFTER_RE = re.compile(f"([،؛؟])(?=[{LETTER_CLASS}«(0-9۰-۹])")
_STOP_BEFORE_WORD_RE = re.compile(f"[.!:](?=[{LETTER_CLASS}«])")
AND = "و"
_OPEN_QUOTE_RE = re.compile("«[ \t]*")
_BEFORE_OPEN_QUOTE_RE = re.compile(f"[{LETTER_CLASS}{MARK_CLASS}.،؛:]")
_CLOSE_QUOTE_RE = re.compile(f"»(?=[{LETTER_CLASS}«])")

_SPACES_RE = re.compile(
    "(?<=\\S)[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|"
    "(?<=\\S)[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
_TRAILING_SPACE_RE = re.compile("[ \t\u00a0]+$", re.MULTILINE)


def remove_invisible(text: str) -> str:
    """Drop BOM, bidi controls, misused ZWJ and half-spaces that join nothing."""
    text = _JUNK_RE.sub("", text)
    if ZWJ in text:
        text = _ZWJ_RE.sub("", text)
    if ZWNJ in text:
        text = _BAD_ZWNJ_RE.sub("", _REPEATED_ZWNJ_RE.sub(ZWNJ, text))
    return text


def persian_letters(text: str) -> str:
    """Write Arabic ي ى ك ۀ as Persian letters, except inside Arabic quotations."""
    if _ARABIC_LETTER_RE.search(text) is None:
        return text
    return _outside(_ARABIC_QUOTE_RE, text, lambda part: part.translate(LETTERS_TABLE))


def remove_tatweel(text: str) -> str:
    """Remove tatweel (kashida), which only stretches letters."""
    return text.replace(TATWEEL, "") if TATWEEL in text else text


def remove_diacritics(text: str) -> str:
    """Remove harakat; hamza above («هٔ») is a spelling and is kept."""
    return _DIACRITICS_RE.sub("", text)


def persian_digits(text: str) -> str:
    """Write digits as Persian digits, keeping Latin ones in Latin words."""
    if _DIGIT_RE.search(text) is None:
        return text
    text = text.translate(ARABIC_DIGITS_TABLE)
    if not _PERSIAN_LETTER_RE.search(text):
        return text
    return _LATIN_TOKEN_OR_DIGITS_RE.sub(_persian_digit_run, text)


def persian_punctuation(text: str) -> str:
    """Use Persian punctuation and space it: none before, one after."""
    if _LATIN_PUNCT_HINT_RE.search(text):
        text = _LATIN_PUNCT_RE.sub(_persian_mark, text)
    if '"' in text:
        text = _STRAIGHT_QUOTES_RE.sub(_guillemets, text)
    text = _SPACE_BEFORE_RE.sub(_space_before_mark, text)
    text = _SPACE_AFTER_RE.sub(r"\1 ", text)
    text = _STOP_BEFORE_WORD_RE.sub(_space_after_stop, text)
    if "«" in text or "»" in text:
        text = _OPEN_QUOTE_RE.sub(_open_quote, text)
        text = _CLOSE_QUOTE_RE.sub("» ", text)
    return text


def collapse_spaces(text: str) -> str:
    """Make every run of spaces inside a line one space; drop trailing spaces."""
    text = _SPACES_RE.sub(" ", text)
    return _TRAILING_SPACE_RE.sub("", text)


def restore_zwnj(text: str) -> str:
    """Restore half-spaces that were deleted or typed as spaces (``modern``)."""
    return _restorer().restore(text)


def restore_zwnj_keep(text: str) -> str:
    """Restore half-spaces, keeping a joined plural and comparative style."""
    restorer = _restorer()
    return keep_joined(text, restorer.restore(text), restorer.word)


STEPS: dict[str, Step] = {
    "invisible": remove_invisible,
    "letters": persian_letters,
    "tatweel": remove_tatweel,
    "diacritics": remove_diacritics,
    "digits": persian_digits,
    "punctuation": persian_punctuation,
    "spaces": collapse_spaces,
    "zwnj": restore_zwnj,
}
DEFAULT_STEPS = frozenset(STEPS) - {"diacritics"}
_DEFAULT_CHAIN = tuple(func for name, func in STEPS.items() if name in DEFAULT_STEPS)


def normalize(text: str, *, style: str = MODERN, **steps: bool) -> str:
    """Return ``text`` normalized for display; switch steps with ``name=False``.

    ``style`` is ``modern`` (half-space the plural and comparative) or ``keep``
    (leave a document's joined «گروهها»، «بزرگتر» joined); see
    :mod:`khabar.text.style`. An unknown style raises :class:`ValueError`.

    Protected spans (URLs, e-mail addresses, `code`, ﴿…﴾) are kept verbatim:
    they stand in as one placeholder character while the steps run.
    Unknown step names raise :class:`TypeError`, like unknown keywords do.
    """
    chosen = _chosen_steps(steps) if steps else _DEFAULT_CHAIN
    if check_style(style) == KEEP:
        chosen = tuple(restore_zwnj_keep if s is restore_zwnj else s for s in chosen)
    if _PROTECTED_HINT_RE.search(text) is None:
        return _apply(chosen, text)
    if chosen and chosen[0] is remove_invisible:
        # Invisible junk is junk inside URLs too, and would shift their ends.
        text, chosen = remove_invisible(text), chosen[1:]
    if PLACEHOLDER in text:
        return _outside(_PROTECTED_RE, text, lambda part: _apply(chosen, part))
    spans: list[str] = []
    hidden = _PROTECTED_RE.sub(lambda match: _hide(match, spans), text)
    restored = iter(spans)
    return _PLACEHOLDER_RE.sub(lambda _: next(restored), _apply(chosen, hidden))


def _hide(match: re.Match[str], spans: list[str]) -> str:
    """Keep a protected span aside and return its placeholder."""
    spans.append(match[0])
    return PLACEHOLDER


def _chosen_steps(steps: dict[str, bool]) -> tuple[Step, ...]:
    """Return the step functions to run, in order."""
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise TypeError(f"unknown normalize step(s): {', '.join(sorted(unknown))}")
    return tuple(
        func for name, func in STEPS.items() if steps.get(name, name in DEFAULT_STEPS)
    )


def _apply(chosen: tuple[Step, ...], text: str) -> str:
    """Run ``chosen`` steps over ``text`` in order."""
    for step in chosen:
        text = step(text)
    return text


def _outside(pattern: re.Pattern[str], text: str, func: Step) -> str:
    """Apply ``func`` to the parts of ``text`` that ``pattern`` does not match."""
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(func(text[last : match.start()]))
        pieces.append(match[0])
        last = match.end()
    if not pieces:
        return func(text)
    pieces.append(func(text[last:]))
    return "".join(pieces)


def _persian_digit_run(match: re.Match[str]) -> str:
    """Turn a run of Latin digits Persian, unless it is part of a Latin word."""
    run = match[0]
    if not run.isdigit():
        return run
    return run.translate(LATIN_DIGITS_TABLE)


def _follows(match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """Tell whether the character before ``match`` matches ``pattern``."""
    start = match.start()
    return start > 0 and pattern.match(match.string, start - 1) is not None


def _persian_mark(match: re.Match[str]) -> str:
    """Write a Latin , ; ? after a Persian word as ، ؛ ؟ (with no space before)."""
    if _follows(match, _PERSIAN_WORD_CHAR_RE):
        return _LATIN_TO_PERSIAN_PUNCT[match[1]]
    return match[0]


def _space_before_mark(match: re.Match[str]) -> str:
    """Drop the spaces between a word and the punctuation after it."""
    return "" if _follows(match, _BEFORE_SPACE_RE) else match[0]


def _space_after_stop(match: re.Match[str]) -> str:
    """Put a space between . ! : and the Persian word glued after it.

    A dot next to a single letter is an abbreviation or an initial
    («پ.ک.ک»، «سعید.ط»), not the end of a sentence, and stays glued.
    """
    if not _follows(match, _PERSIAN_WORD_CHAR_RE):
        return match[0]
    if match[0] == "." and _is_initial(match.string, match.start()):
        return match[0]
    return match[0] + " "


def _is_initial(text: str, dot: int) -> bool:
    """Tell whether the dot at ``dot`` has a one-letter word on either side."""

    def letter(index: int) -> bool:
        inside = 0 <= index < len(text)
        return inside and _PERSIAN_LETTER_RE.match(text, index) is not None

    before = letter(dot - 1) and not letter(dot - 2)
    # «و» after a dot is the conjunction opening the next sentence.
    after = letter(dot + 1) and not letter(dot + 2) and text[dot + 1] != AND
    return before or after


def _guillemets(match: re.Match[str]) -> str:
    """Quote Persian text with « », leaving quotes around Latin text alone."""
    inner = match[1]
    if _LATIN_LETTER_RE.search(inner) or not _PERSIAN_LETTER_RE.search(inner):
        return match[0]
    return f"«{inner}»"


def _open_quote(match: re.Match[str]) -> str:
    """Put one space before « when a word is glued to it, none after it."""
    return " «" if _follows(match, _BEFORE_OPEN_QUOTE_RE) else "«"


@cache
def _restorer() -> Restorer:
    """Return the process-wide restorer over the shipped table."""
    return Restorer(shipped_lexicon())
