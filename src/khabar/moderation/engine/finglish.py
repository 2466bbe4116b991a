"""Finglish (Persian typed in Latin letters): a detector and a generator.

The detector tells a Finglish comment from English by common Finglish words and
letter patterns; either way the comment is not Persian script, so it only
changes the reason shown. The generator transliterates Persian text the way
people type Finglish (our own table, short vowels guessed), for tests and the
benchmark: no Finglish corpus is available.
"""

import random
import re

MARKERS = frozenset(
    "man to ma shoma oon un in ke ham ast hast nist bood bud shod mishe mishavad"
    " kheili kheyli khob khoob merci mersi salam chera chi chie chera age vali"
    " baraye bara ba az be dar ro ra hamin hame hamash inja unja alan dige digeh"
    " mikonam mikone mikonim mikonid kard kardan kon nakon mige migan goft"
    " doroste dorost mamnoon mamnun khoda akhe ye yek inke ina una inam"
    " bayad nabayad mitoone mitoonim mikhad mikham hichi hich kasi".split()
)
_WORD_RE = re.compile(r"[a-z']+")
_PATTERN_RE = re.compile(r"(?:kh|gh|sh|zh|ch)|^mi|(?:am|id|im|and|e)$")
TABLE = {
    "ا": "a", "آ": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j",
    "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z",
    "ع": "'", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k", "گ": "g", "ل": "l",
    "م": "m", "ن": "n", "و": "o", "ه": "h", "ی": "i", "ئ": "e", "ء": "",
    "أ": "a", "ؤ": "o", "ي": "i", "ك": "k", "ة": "e",
}  # fmt: skip
VOWELS = set("aeiou'")


def looks_finglish(text: str) -> bool:
    """Tell whether Latin text is more likely Finglish than English."""
    words = _WORD_RE.findall(text.lower())
    if not words:
        return False
    markers = sum(1 for word in words if word in MARKERS)
    patterns = sum(1 for word in words if _PATTERN_RE.search(word))
    return markers >= max(1, len(words) // 4) or patterns > len(words) * 0.6


def transliterate_word(word: str, rng: random.Random) -> str:
    """Write one Persian word in Latin letters, guessing short vowels."""
    out = []
    for index, char in enumerate(word):
        latin = TABLE.get(char)
        if latin is None:
            continue
        if char == "ه" and index == len(word) - 1 and index:
            latin = "e"
        if char == "و" and index == 0:
            latin = "v"
        out.append(latin)
        after = TABLE.get(word[index + 1], "a") if index + 1 < len(word) else "a"
        if latin and latin[-1] not in VOWELS and after[:1] not in VOWELS:
            out.append(rng.choice("aeo"))  # a short vowel the script leaves out
    return "".join(out)


def to_finglish(text: str, seed: int = 0) -> str:
    """Write Persian ``text`` as Finglish (deterministic for a seed)."""
    rng = random.Random(seed)  # noqa: S311 - variety, not secrets
    words = re.findall(r"[\u0600-\u06ff]+|[^\s\u0600-\u06ff]+", text)
    return " ".join(transliterate_word(word, rng) or word for word in words)


# Single Finglish words for tests and the benchmark (our own spellings).
FINGLISH_WORDS = (
    "salam merci mamnoon kheili khoob chera chetori dorood bale na akhe"
    " dige khabar ajab vay aali afarin movafegham mokhalefam eyval khaste"
    " nabashid doroste bahal ghashang zesht sakht asoon baz basteh"
).split()
