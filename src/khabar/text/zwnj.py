"""Restore Persian half-spaces (ZWNJ) that were deleted or typed as spaces.

The restorer works on runs of Persian words separated by single spaces. Each
word is looked up (memoized per process) and, when it has no half-space yet,
split by the shipped table (known forms such as «نرم‌افزار») or by morphology:
the verb prefixes «می»/«نمی» before a known verb form, «بی» before a known
word, and inflectional suffixes («ها»، «ترین»، «ام»…) after a known stem.
Then each space between two words is turned into a half-space when the pair
is a known form or a prefix/suffix that is never written apart.

A word is never split when the table lists it as a real word («بیمار»،
«تنها»), so correct text passes through unchanged.
"""

import re
from dataclasses import dataclass, field

from khabar.text.chars import HAMZA_ABOVE, JOINING_LETTERS, LETTER_CLASS, ZWNJ

MIN_STEM = 2
MIN_BI = 4
COMPARATIVE = "تر"
MEMO_LIMIT = 200_000

# Runs of Persian words (letters, hamza above, half-spaces) joined by single spaces.
_RUN_RE = re.compile(
    f"[{LETTER_CLASS}{HAMZA_ABOVE}{ZWNJ}]+(?: [{LETTER_CLASS}{HAMZA_ABOVE}{ZWNJ}]+)*"
)
_WORD_RE = re.compile(f"[{LETTER_CLASS}{ZWNJ}]+")
_VERB_PREFIX_RE = re.compile("^((?:بر|در|فرو|باز|وا|ور|فرا)?ن?می)(..+)$")

PLURAL_SUFFIXES = (
    "هایشان",
    "هایتان",
    "هایمان",
    "هاشان",
    "هایش",
    "هایت",
    "هایم",
    "هایی",
    "های",
    "ها",
)
COMPARATIVE_SUFFIXES = ("ترین", "تری", "تر")
# Clitics that take a half-space only after a final «ه» or «ی».
VOWEL_CLITICS = ("ایم", "اید", "اند", "ام", "ات", "اش", "ای")
# Second parts of compounds that are written with a half-space after a noun.
COMPOUND_SUFFIXES = (
    "سازی",
    "گیری",
    "بندی",
    "گذاری",
    "کنندگان",
    "کننده",
    "دهندگان",
    "دهنده",
    "شناسان",
    "شناسی",
    "شناس",
    "پذیری",
    "پذیر",
    "آمیز",
    # Participles of light verbs («سرکوب‌شده»), only split off a joined word:
    # a spaced «انجام شده» is often a passive verb and stays spaced.
    "شدگان",
    "شده",
    "زده",
    "دیده",
    "یافته",
    "خورده",
)
_SPACED_HEADS = frozenset(("شدگان", "شده", "زده", "دیده", "یافته", "خورده"))
SUFFIXES = PLURAL_SUFFIXES + COMPARATIVE_SUFFIXES + VOWEL_CLITICS + COMPOUND_SUFFIXES
_COMPOUND_SUFFIX_SET = frozenset(COMPOUND_SUFFIXES)
_VOWEL_CLITIC_SET = frozenset(VOWEL_CLITICS)
# After «ی» only these clitics take a half-space («زندگی‌اش»); «گریاند» is a verb.
_AFTER_YEH = frozenset(("ام", "اش", "ای"))
_COMPARATIVE_SET = frozenset(COMPARATIVE_SUFFIXES)
# Possessive endings written joined, stripped when checking that a stem is known.
_JOINED_ENDINGS = ("شان", "تان", "مان", "یش", "یت", "یم", "یی", "ش", "ت", "م", "ی")

# Standalone tokens that are never words on their own in news prose.
SUFFIX_TOKENS = frozenset(PLURAL_SUFFIXES + ("ترین",))
_VERB_PREFIX_TOKEN_RE = re.compile("^(?:بر|در|فرو|باز|وا|ور|فرا)?ن?می$")

BI = "بی"
IMPERATIVE_A = "بیا"  # «ب» + «ی» glide before a verb stem in «آ»


@dataclass(frozen=True)
class Lexicon:
    """Hold the word data the restorer consults.

    ``zwnj`` maps a form written without half-spaces to its correct form;
    ``pairs`` lists keys of that map whose spaced spelling («نرم افزار») is
    joined too (other spaced spellings, «عزت نفس»، «به عنوان», are standard
    and kept); ``words`` are correctly written words, never split and used as
    stems; ``verbs`` are verb forms that may follow «می»; ``adjectives`` may
    take «تر» and «ترین»; ``stopwords`` (آن، این، آنکه…) are never joined to
    «بی» or to a compound head across a space. ``learned`` maps more joined
    spellings to half-spaced forms («پیشنیاز» → «پیش‌نیاز»، «روانشناسی» →
    «روان‌شناسی»), used only to join a space, and only in text that types other
    half-spaces as spaces too (see :mod:`khabar.text.learn`). ``resplit`` maps
    known joined words to a half-spaced form («روانشناسی» → «روان‌شناسی») used
    only in text that deletes every other half-space.
    """

    zwnj: dict[str, str]
    pairs: frozenset[str]
    words: frozenset[str]
    verbs: frozenset[str]
    adjectives: frozenset[str]
    stopwords: frozenset[str]
    learned: dict[str, str] = field(default_factory=dict)
    resplit: dict[str, str] = field(default_factory=dict)


class Restorer:
    """Restore half-spaces in text using one :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Keep the lexicon and start an empty per-word memo."""
        self.lexicon = lexicon
        self._memo: dict[str, str] = {}

    def restore(self, text: str) -> str:
        """Return ``text`` with half-spaces restored in every Persian word run."""
        lex = self.lexicon
        if not lex.learned and not lex.resplit:
            return _RUN_RE.sub(self._run, text)
        # [learned pairs allowed, spaces joined, a learned pair was seen]
        state = [False, 0, False]
        restored = _RUN_RE.sub(lambda match: self._run(match, state), text)
        if state[2] and state[1]:
            # Another space was a half-space («می شود»): join the learned pairs.
            state[0] = True
            restored = _RUN_RE.sub(lambda match: self._run(match, state), text)
        elif lex.resplit and not state[1] and ZWNJ in restored and ZWNJ not in text:
            # Half-spaces deleted throughout: split the learned joined words too.
            resplit = lex.resplit
            restored = _WORD_RE.sub(lambda m: resplit.get(m[0]) or m[0], restored)
        return restored

    def word(self, word: str) -> str:
        """Return one space-free word with its half-spaces restored."""
        memo = self._memo
        done = memo.get(word)
        if done is None:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            done = memo[word] = self._word(word)
        return done

    def _run(self, match: re.Match[str], state: list | None = None) -> str:
        """Restore one run of words: split each word, then join pairs."""
        words = match[0].split(" ")
        memo, word = self._memo, self.word
        if len(words) == 1:
            return memo.get(words[0]) or word(words[0])
        out: list[str] = []
        prev = memo.get(words[0]) or word(words[0])
        for raw in words[1:]:
            cur = memo.get(raw) or word(raw)
            joined = (
                self._join(prev, cur, state) if prev[-1] in JOINING_LETTERS else None
            )
            if joined is None:
                out.append(prev)
                prev = cur
            else:
                prev = joined
        out.append(prev)
        return " ".join(out)

    def _join(self, prev: str, cur: str, state: list | None = None) -> str | None:
        """Return ``prev`` and ``cur`` joined by a half-space, or None to keep apart.

        ``prev`` ends with a joining letter (the caller checks). ``state`` is
        the text's ``[learned pairs allowed, a space was joined, a learned pair
        was seen]``: learned pairs join only in text that types other
        half-spaces as spaces.
        """
        lex = self.lexicon
        prev_letters = prev.replace(ZWNJ, "")
        key = prev_letters + cur.replace(ZWNJ, "")
        position = len(prev_letters)
        known = lex.zwnj.get(key)
        if known is not None and key in lex.pairs and _has_boundary(known, position):
            if state is not None:
                state[1] += 1
            return known
        if (known is None or _has_boundary(known, position)) and self._joins_affix(
            prev, cur, key
        ):
            if state is not None:
                state[1] += 1
            return prev + ZWNJ + cur
        learned = lex.learned.get(key) if state is not None else None
        if learned is not None and _has_boundary(learned, position):
            state[2] = True
            return learned if state[0] else None
        return None

    def _joins_affix(self, prev: str, cur: str, key: str) -> bool:
        """Tell whether a space between ``prev`` and ``cur`` stands for a half-space.

        True for a plural suffix or «ترین»; «می» before a verb; «بی» before a
        known word; «تر» after an adjective; a compound head after a word; a
        clitic after «ه»/«ی» or a participle. Function words and pairs that
        make a known word are kept apart.
        """
        lex = self.lexicon
        if cur in SUFFIX_TOKENS:
            return True
        if _VERB_PREFIX_TOKEN_RE.match(prev):
            return self._is_verb(cur)
        if cur in _VOWEL_CLITIC_SET and prev[-1] == "ه" and prev in lex.verbs:
            return True  # a participle: «خورده اند» even if «خوردهاند» is known
        if key in lex.words:
            return False
        if prev == BI:
            return cur not in lex.stopwords and self._is_known(cur)
        if cur == COMPARATIVE:
            return prev in lex.adjectives
        if cur.removesuffix(HAMZA_ABOVE) in _COMPOUND_SUFFIX_SET - _SPACED_HEADS:
            return prev in lex.words and prev not in lex.stopwords
        if cur in _VOWEL_CLITIC_SET:
            known = prev in lex.words or prev in lex.verbs
            return known and self._takes_suffix(prev, cur)
        return False

    def _word(self, word: str) -> str:
        """Restore one word; a word that has a half-space already is kept."""
        if ZWNJ in word:
            return word
        if word.endswith(HAMZA_ABOVE):
            return self._split(word[:-1]) + HAMZA_ABOVE
        return self._split(word)

    def _split(self, word: str) -> str:
        """Return ``word`` split where the table or morphology says it should be."""
        known = self.lexicon.zwnj.get(word)
        if known is not None:
            return known
        if len(word) < 2 * MIN_STEM or self._is_known(word):
            return word
        return self._split_prefix(word) or self._split_suffix(word) or word

    def analyze(self, word: str) -> str:
        """Split ``word`` by the table or morphology even if it is a known word.

        The table builder uses this to find which known words could be split.
        """
        known = self.lexicon.zwnj.get(word)
        if known is not None or len(word) < 2 * MIN_STEM:
            return known or word
        return self._split_prefix(word) or self._split_suffix(word) or word

    def _split_prefix(self, word: str) -> str | None:
        """Split «می»/«نمی» before a verb form or «بی» before a known word."""
        match = _VERB_PREFIX_RE.match(word)
        if match is not None and self._is_verb(match[2]):
            return match[1] + ZWNJ + self._split(match[2])
        if (
            word.startswith(BI)
            and len(word) > MIN_BI
            and self._is_known(word[2:])
            and not self._is_imperative(word)
        ):
            return BI + ZWNJ + self._split(word[2:])
        return None

    def _split_suffix(self, word: str) -> str | None:
        """Split an inflectional suffix off a known stem."""
        participle = self._split_participle(word)
        if participle is not None:
            return participle
        for suffix in SUFFIXES:
            if not word.endswith(suffix):
                continue
            stem = word[: -len(suffix)]
            if len(stem) < MIN_STEM:
                continue
            if not self._takes_suffix(stem, suffix):
                continue
            restored = self._split(stem)
            if restored == stem and stem not in self.lexicon.words:
                continue
            if stem[-1] in JOINING_LETTERS:
                return restored + ZWNJ + suffix
            return restored + suffix
        return None

    def _split_participle(self, word: str) -> str | None:
        """Split a clitic off a past participle: «نشسته‌ایم», not «نشست‌هایم»."""
        for clitic in VOWEL_CLITICS:
            stem = word[: -len(clitic)]
            if (
                word.endswith(clitic)
                and stem[-1:] == "ه"
                and stem in self.lexicon.verbs
            ):
                return stem + ZWNJ + clitic
        return None

    def _takes_suffix(self, stem: str, suffix: str) -> bool:
        """Tell whether ``suffix`` may follow ``stem`` with a half-space."""
        if suffix in _COMPARATIVE_SET:
            return stem in self.lexicon.adjectives
        if suffix in _VOWEL_CLITIC_SET:
            ending = stem[-1]
            return ending == "ه" or ending == "ی" and suffix in _AFTER_YEH
        return True

    def _is_verb(self, word: str) -> bool:
        """Tell whether ``word`` is a verb form that can follow «می»."""
        return word.replace(ZWNJ, "") in self.lexicon.verbs

    def _is_imperative(self, word: str) -> bool:
        """Tell whether ``word`` is «بیا» + a verb in «آ» («بیاور»، «بیاموزید»)."""
        if not word.startswith(IMPERATIVE_A):
            return False
        verb = "آ" + word[len(IMPERATIVE_A) :]
        return verb in self.lexicon.verbs or verb + "د" in self.lexicon.verbs

    def _is_known(self, word: str) -> bool:
        """Tell whether ``word`` is a known word, allowing a joined possessive."""
        words = self.lexicon.words
        if word in words:
            return True
        return any(
            word.endswith(end) and word[: -len(end)] in words for end in _JOINED_ENDINGS
        )


def _has_boundary(form: str, position: int) -> bool:
    """Tell whether ``form`` has a half-space after its ``position``-th letter."""
    letters = 0
    for char in form:
        if char == ZWNJ:
            if letters == position:
                return True
        else:
            letters += 1
            if letters > position:
                return False
    return False
