"""Finglish (Persian typed in Latin letters): a detector and a generator.

The detector tells a Finglish comment from English by common Finglish words and
letter patterns against common English words: a Finglish comment is Persian
written badly and is only held, so English must not pass for Finglish (it
would escape rejection). The generator transliterates Persian text the way
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
    " bayad nabayad mitoone mitoonim mikhad mikham hichi hich kasi"
    " mi va bod shode shodeh chi koja kojast ziad ziyad khodam khodet baba"
    " dadash joon jan aziz tashakor lotfan agha khanom vaghean vaghan ajab ajib"
    " bebakhshid hamechi injoori intori chetori khubi khoobi khube khoobe"
    " nemidoonam midoonam mikhay".split()
)
# Words both languages use («to», «in», «be», «man»...) count for neither.
SHARED = frozenset("man to in be on an do are ma age ham ye bad".split())
ENGLISH = frozenset(
    "the a an of and or is are was were been being it its this that these those"
    " for with on at by from as not no but if so do does did have has had will"
    " would should could can may must shall i you he she we they his her my your"
    " our their them me us him what which who when where why how there here all"
    " any some more most very just also than then about into over after before"
    " only other such up out one two".split()
)
_WORD_RE = re.compile(r"[a-z']+")
# Letter patterns of Finglish words: kh, zh, gh (not English -ght/-ugh), aa,
# verbs with the mi-/nemi-/ne-/na-/be- prefix and a personal ending.
_FINGLISH_RE = re.compile(
    r"kh|zh|^gh|[aeiou]gh(?!t)|aa"
    r"|^(?:mi|nemi)[a-z]{2,}(?:am|i|e|im|id|an|and)$"
    r"|^(?:ne|na|be)[a-z]+(?:am|im|id|and)$"
)
# Letter patterns of English words that Finglish spelling does not produce.
_ENGLISH_RE = re.compile(r"th|wh|ing$|tion|ly$|ck|ough|ght|[^aeiou]y$|^y[^ae]")
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
    """Tell whether Latin text is more likely Finglish than English.

    Words with a Finglish sign (a marker word or letter pattern) must outnumber
    words with an English sign: English must not pass for Finglish, which is
    only held, never rejected.
    """
    words = _WORD_RE.findall(text.lower())
    finglish = sum(1 for word in words if _finglish_word(word))
    english = sum(1 for word in words if _english_word(word))
    return finglish > english


def _finglish_word(word: str) -> bool:
    """Tell whether one lower-case word has a sign of Finglish."""
    if word in SHARED:
        return False
    return word in MARKERS or _FINGLISH_RE.search(word) is not None


def _english_word(word: str) -> bool:
    """Tell whether one lower-case word has a sign of English."""
    if word in SHARED:
        return False
    return word in ENGLISH or _ENGLISH_RE.search(word) is not None


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
