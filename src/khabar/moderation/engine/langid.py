"""Tell Persian comments from Arabic, Urdu, Pashto, English and Finglish.

Script first: Latin-dominant text (English, Finglish, other Latin languages)
and text in other scripts is not Persian; URLs, e-mails, mentions and short
Latin runs inside a Persian comment are ignored, so a Persian comment quoting
a foreign word or a name stays Persian. Latin brand and model names
(capitalized, all caps or with digits: «Samsung Galaxy A54») are not counted
as Latin words against the Persian ones. Arabic presentation forms (old
keyboards, copied PDFs) are folded to plain letters first. Arabic-script text
is then scored by a character n-gram naive Bayes over fa, ar, ur and ps, with
the Arabic religious formulas Persian speakers write every day («ان شاء الله»)
left out. Short texts carry little evidence, so their score is capped to
«hold», and so is a text with a clearly Persian stretch next to the foreign
one (a Persian comment quoting a Quran verse): wrongly rejecting a real
Persian comment is the worst error.
"""

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat

from khabar.moderation.engine.classifier import sigmoid
from khabar.moderation.engine.finglish import ENGLISH

LANGID_FILE = "langid.json.gz"
LANGS = ("fa", "ar", "ur", "ps")
ORDERS = (1, 2, 3, 4)
MAX_CHARS = 500  # enough evidence (about 90 words); bounds the work
MAX_WORDS = 60  # words weighed: long texts are decided well before this
SHORT_WORDS = 4  # fewer words than this is a short text: hold at most
MEDIUM_WORDS = 8  # fewer words than this needs the larger lead
SHORT_MARGIN = 28.0  # log-likelihood lead a short text needs to score 0.5
MARGIN = 12.0  # the same for longer texts
MARGIN_SCALE = 8.0
MIN_ARABIC = 4  # Arabic-script letters that make a Latin text mixed, not foreign
SHORT_CAP = 0.85  # below the default reject threshold: short texts only hold
WINDOW = 6  # words per stretch when looking for a Persian part of a foreign text
PERSIAN_STRETCH = -40.0  # a stretch this much more Persian is a Persian part
# Arabic formulas in everyday Persian use; they say nothing about the language.
SHARED_WORDS = frozenset(
    "الله اللهم شاء انشاءالله انشاالله ماشاءالله ماشاالله الحمدلله سبحان بسم"
    " الرحمن الرحیم السلام علیکم علیه جل جلاله صلی".split()
)

_SKIP_RE = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#][\w.]+"
    r"|\b[\w-]+\.(?:com|ir|org|net|io|me|info)\b\S*",
    re.IGNORECASE,
)
# Latin letters, the non-ASCII letters IGNORECASE folds onto them, «@», «#».
_SKIP_HINT_RE = re.compile("[A-Za-z\u0130\u0131\u017f\u212a@#]")
ARABIC_LETTERS = (
    "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"  # no digits
)
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}\u0750-\u077f]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
_NON_ARABIC_RE = re.compile(f"[^{ARABIC_LETTERS}\u0750-\u077f]+")
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}]+")
_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, tatweel
_REPEAT_RE = re.compile(r"(.)\1{2,}")  # «گلللللل»: letters held down
# Arabic presentation forms (FB50–FDFF, FE70–FEFF): NFKC folds them to letters.
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
# A Latin token; a name when capitalized, all caps or holding a digit.
_LATIN_TOKEN_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]*[A-Za-z\u00c0-\u024f]{2,}\w*")
_NAME_RE = re.compile(r"[A-Z\u00c0-\u00de]|.*\d")
# Fold what Persian typists write on Arabic keyboards, keep what tells languages.
FOLD = str.maketrans({"\u064a": "ی", "\u0643": "ک", "\u0649": "ی"})


@dataclass(frozen=True, slots=True)
class LangGuess:
    """The outcome of language identification: a score and the likely language."""

    score: float  # how sure the text is not Persian, 0..1
    lang: str  # fa, ar, ur, ps, latin, other or none (no letters)
    words: int


def grams(word: str) -> list[str]:
    """Return the character 1–4-grams of a word padded with spaces."""
    padded = f" {word} "
    return [padded[i : i + n] for n in ORDERS for i in range(len(padded) - n + 1)]


def arabic_words(text: str) -> list[str]:
    """Return the Arabic-script words of ``text``: folded, marks and repeats gone."""
    cleaned = _REPEAT_RE.sub(r"\1", _MARKS_RE.sub("", text.translate(FOLD)))
    return _ARABIC_WORD_RE.findall(cleaned)  # repeats squeezed once, not per word


def fold_presentation_forms(text: str) -> str:
    """Fold Arabic presentation forms («ﺧﯿﻠﯽ») to the plain letters («خیلی»)."""
    if not _PRESENTATION_RE.search(text):
        return text
    return _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)


def plain_latin_words(text: str) -> int:
    """Count the Latin words that are not names: the ones that tell a language.

    A capitalized English function word («This») opens a sentence: not a name.
    """
    return sum(
        1
        for word in _LATIN_TOKEN_RE.findall(text)
        if not _NAME_RE.match(word) or word.lower() in ENGLISH
    )


@cache
def tables() -> dict[str, dict[str, float]]:
    """Load the per-language n-gram log-probabilities once per process."""
    path = resources.files("khabar.moderation.engine") / "data" / LANGID_FILE
    model = json.loads(gzip.decompress(path.read_bytes()))
    return model


@lru_cache(maxsize=1 << 15)
def word_likelihoods(word: str) -> tuple[float, ...]:
    """Return the log-likelihood of one word in each language (cached)."""
    model = tables()
    word_grams = grams(word)
    scores = []
    for lang in LANGS:
        table = model[lang]
        scores.append(sum(map(table.get, word_grams, repeat(table["<unk>"]))))
    return tuple(scores)


def log_likelihoods(words: list[str]) -> dict[str, float]:
    """Return, per language, the naive Bayes log-likelihood of the words."""
    per_word = [word_likelihoods(word) for word in words[:MAX_WORDS]]
    if not per_word:
        return dict.fromkeys(LANGS, 0.0)
    return dict(zip(LANGS, map(sum, zip(*per_word, strict=True)), strict=True))


def foreign_lead(words: list[str]) -> float:
    """Return the log-likelihood lead of the best other language over Persian."""
    scores = log_likelihoods(words)
    return max(scores[lang] for lang in LANGS if lang != "fa") - scores["fa"]


def has_persian_stretch(words: list[str]) -> bool:
    """Tell whether some stretch of ``WINDOW`` words is clearly Persian."""
    return any(
        foreign_lead(words[start : start + WINDOW]) <= PERSIAN_STRETCH
        for start in range(0, min(len(words), MAX_WORDS) - WINDOW + 1, WINDOW // 2)
    )


def arabic_script_score(words: list[str]) -> tuple[float, str]:
    """Return (how sure the words are not Persian, best language).

    The margin is the log-likelihood lead of the best other language over
    Persian; short texts need a larger lead and never score up to «reject»,
    nor do texts with a clearly Persian stretch (a quote inside a comment).
    """
    words = [word for word in words if word not in SHARED_WORDS]
    if not words:
        return 0.0, "fa"
    scores = log_likelihoods(words)
    best = max(scores, key=scores.__getitem__)
    margin = max(scores[lang] for lang in LANGS if lang != "fa") - scores["fa"]
    offset = SHORT_MARGIN if len(words) < MEDIUM_WORDS else MARGIN
    score = sigmoid((margin - offset) / MARGIN_SCALE)
    if score > SHORT_CAP and (len(words) < SHORT_WORDS or has_persian_stretch(words)):
        score = SHORT_CAP
    return score, best


def mostly_persian(words: list[str], text: str) -> bool:
    """Tell whether Arabic-script words outweigh the Latin ones that are not names.

    «گوشی Samsung Galaxy A54 خریدم» has more Latin letters than Persian ones,
    but its sentence is Persian: names are not English evidence.
    """
    return len(words) >= max(1, plain_latin_words(text))


def identify(text: str) -> LangGuess:
    """Guess whether ``text`` is Persian; see the module docstring."""
    raw = fold_presentation_forms(text[:MAX_CHARS])
    # Every skipped pattern needs a Latin letter, «@» or «#»: a plain Persian
    # comment never pays for the (slow, backtracking) pattern.
    text = _SKIP_RE.sub(" ", raw) if _SKIP_HINT_RE.search(raw) else raw
    # Counting by deleting runs of the other characters: much cheaper than
    # listing every letter of a long comment.
    letters = len(_NON_LETTERS_RE.sub("", text))
    arabic = len(_NON_ARABIC_RE.sub("", text))
    latin = len(_LATIN_RE.findall(text))
    other = letters - arabic - latin
    if arabic + latin + max(other, 0) == 0:
        return LangGuess(0.0, "none", 0)
    words = arabic_words(text) if arabic else []
    if arabic >= other and (arabic >= latin or mostly_persian(words, text)):
        score, lang = arabic_script_score(words)
        return LangGuess(score, lang, len(words))
    foreign = _LATIN_WORD_RE.findall(text) if latin >= other else text.split()
    lang = "latin" if latin >= other else "other"
    count = len(foreign)
    score = 0.97 if count >= 3 else 0.85 if count == 2 else 0.6
    if len(_ARABIC_RE.findall(raw)) >= MIN_ARABIC:
        # Persian words, hashtags or names next to the foreign text
        score = min(score, SHORT_CAP)
    return LangGuess(score, lang, count)
