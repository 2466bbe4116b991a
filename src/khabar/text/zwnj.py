"""Restore Persian half-spaces (ZWNJ) that were deleted or typed as spaces.

The restorer works on runs of Persian words separated by single spaces. Each
word is looked up (memoized per process) and, when it has no half-space yet,
split by the shipped table (known forms such as «نرم‌افزار») or by morphology:
the verb prefixes «می»/«نمی» before a known verb form, «بی» before a known
word, inflectional suffixes («ها»، «ترین»، «ام»…) after a known stem, and,
for an unknown word, a compound head that the sources half-space («نویس»).
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
# Shortest known word split off before a compound head («شه‌بازی» is a name).
MIN_HEAD_FIRST = 3
# Shortest unknown verb form joined to a spaced «می» («می آرامانم»).
MIN_UNKNOWN_VERB = 4
_PERSONAL_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
# Shortest participle recognized by its ending alone («دیده»).
MIN_PARTICIPLE = 5
COMPARATIVE = "تر"
SUPERLATIVE = "ترین"
MEMO_LIMIT = 200_000

# Runs of Persian words (letters, hamza above, half-spaces) joined by single spaces.
_RUN_RE = re.compile(
    f"[{LETTER_CLASS}{HAMZA_ABOVE}{ZWNJ}]+(?: [{LETTER_CLASS}{HAMZA_ABOVE}{ZWNJ}]+)*"
)
_WORD_RE = re.compile(f"[{LETTER_CLASS}{ZWNJ}]+")
_VERB_PREFIX_RE = re.compile("^((?:بر|در|فرو|باز|وا|ور|فرا)?ن?می)(..+)$")

PLURAL_SUFFIXES = (
    "هاست",
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
# Plural suffixes split off an unknown stem («دولون‌ها»); «های»، «هایم»…
# could be «ه» + a clitic («جداگانه‌ای»).
_UNKNOWN_STEM_PLURALS = frozenset(
    ("هایشان", "هایتان", "هایمان", "هاشان", "هاست", "هایی", "ها")
)
# Shortest unknown stem that a plural suffix is split off.
MIN_UNKNOWN_STEM = 4
# Shortest word in «ه» that «شان»/«تان»/«مان» is split off («کلاه‌شان»).
MIN_CLITIC_STEM = 4
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
# «تر» with an ending, joined after an adjective («بزرگ ترها»، «بالغ تریم»).
_COMPARATIVE_TOKENS = frozenset(
    COMPARATIVE + end for end in ("", "ی", "ها", "های", "یم", "ید", "ند")
)
# Plural possessive clitics: half-spaced after «ه» and «ی» («خانه‌شان»، «زندگی‌مان»).
PLURAL_CLITICS = ("شان", "تان", "مان")
_PLURAL_CLITIC_SET = frozenset(PLURAL_CLITICS)
# Spaced clitics that join a word ending in «ی» («انسانی اند» → «انسانی‌اند»).
_SPACED_AFTER_YEH = frozenset(("اند", "ایم", "اید"))
# Joined endings a compound head may take («غم‌انگیزی»، «مرمت‌گران»).
_HEAD_ENDINGS = ("انی", "ان", "ی")
# Endings a spaced bound head may carry («پردازانی»، «نویس‌ها»، «نوازند»).
_BOUND_ENDINGS = ("انی", "ان", "ی", "ها", "های", "هایی", "ند")
# Joined inflections that keep a known «بی» word whole («بیکاران»، «بیجایشان»،
# «بیکارند»).
_INFLECTIONS = ("ان", "یشان", "یتان", "یمان", "یش", "یم", "یت", "ند")
# Possessive endings written joined, stripped when checking that a stem is known.
_JOINED_ENDINGS = ("شان", "تان", "مان", "یش", "یت", "یم", "یی", "ش", "ت", "م", "ی")

# Standalone tokens that are never words on their own in news prose.
SUFFIX_TOKENS = frozenset(PLURAL_SUFFIXES + ("ترین",))
_VERB_PREFIX_TOKEN_RE = re.compile("^(?:بر|در|فرو|باز|وا|ور|فرا)?ن?می$")

BI = "بی"
ARTICLE = "ال"  # the Arabic article, as in «علیه‌السلام»
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
    only in text that deletes every other half-space. ``heads`` are second
    parts of compounds that the sources write half-spaced far more often than
    joined («‌نویس»، «‌آمیز»): an unknown joined word that is a known word + a
    head is split («سیره‌نویس»). ``bound`` are second parts that are no words
    on their own («پرداز»): a space between a known word and one of them is a
    half-space («نظریه پردازانی» → «نظریه‌پردازانی»).
    """

    zwnj: dict[str, str]
    pairs: frozenset[str]
    words: frozenset[str]
    verbs: frozenset[str]
    adjectives: frozenset[str]
    stopwords: frozenset[str]
    learned: dict[str, str] = field(default_factory=dict)
    resplit: dict[str, str] = field(default_factory=dict)
    heads: frozenset[str] = frozenset()
    bound: frozenset[str] = frozenset()


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
        bare = cur.removesuffix(HAMZA_ABOVE)
        hamza = cur[len(bare) :]  # the ezafe of «واژه نامهٔ» stays on the form
        key = prev_letters + bare.replace(ZWNJ, "")
        position = len(prev_letters)
        known = lex.zwnj.get(key)
        if (
            known is not None
            and (key in lex.pairs or cur.startswith(ARTICLE))
            and _has_boundary(known, position)
        ):
            # A table pair; or «ال» («علیه السلام»), never a word on its own.
            if state is not None:
                state[1] += 1
            return known + hamza
        if self._joins_affix(prev, cur, key):
            if state is not None:
                state[1] += 1
            return prev + ZWNJ + cur
        if state is None:
            return None
        learned = lex.learned.get(key)
        if learned is not None and _has_boundary(learned, position):
            state[2] = True
            return learned + hamza if state[0] else None
        return None

    def _joins_affix(self, prev: str, cur: str, key: str) -> bool:
        """Tell whether a space between ``prev`` and ``cur`` stands for a half-space.

        True for a plural suffix or «ترین»; «می» before a verb; «بی» before a
        known word; «تر» (with an ending) after an adjective; a compound head
        after a word (a participle only with the ezafe); a clitic after «ه»/«ی»
        or a participle; «اند»/«ایم»/«اید» after «ه» or a known word in «ی»;
        «شان»/«تان»/«مان» after a known word in «ه»/«ی»; a bound part
        («پرداز») after a known word. Function words and
        pairs that make a known word are kept apart, except a clitic after
        «ه» («پاره ای»), where the writer's space marks the boundary.
        """
        lex = self.lexicon
        if cur in SUFFIX_TOKENS:
            return True
        if _VERB_PREFIX_TOKEN_RE.match(prev):
            # «می» alone is the verb prefix: a verb form, or an unknown word
            # with a personal ending («می آرامانم»).
            return self._is_verb(cur) or (
                len(cur) >= MIN_UNKNOWN_VERB
                and cur.isalpha()  # no half-space, no hamza above
                and cur.endswith(_PERSONAL_ENDINGS)
                and not self._is_known(cur)
            )
        if cur in _SPACED_AFTER_YEH and prev[-1] == "ه" and prev not in lex.stopwords:
            return True  # «اند» alone is a clitic: «خورده اند»، «بازتابیده اند»
        last = prev.rpartition(ZWNJ)[2]
        if cur in _VOWEL_CLITIC_SET and prev[-1] == "ه" and last in lex.verbs:
            return True  # a participle: «خورده ام» even if «خوردهام» is known
        if (
            cur in _VOWEL_CLITIC_SET
            and prev[-1] == "ه"
            and prev in lex.words
            and prev not in lex.stopwords
        ):
            return True  # «پاره ای» even though «پارهای» is a word
        if cur in _PLURAL_CLITIC_SET and prev[-1] in "هی":
            return prev in lex.words or prev in lex.verbs
        if key in lex.words:
            return False
        if cur in _SPACED_AFTER_YEH and prev[-1] == "ی":
            return prev in lex.words and prev not in lex.stopwords
        if prev == BI:
            return cur not in lex.stopwords and self._is_known(cur)
        if cur in _COMPARATIVE_TOKENS:
            return prev in lex.adjectives
        head = cur.removesuffix(HAMZA_ABOVE)
        if head in _COMPOUND_SUFFIX_SET and (head not in _SPACED_HEADS or head != cur):
            # A spaced participle joins only with the ezafe («اشغال شدهٔ»).
            return prev in lex.words and prev not in lex.stopwords
        if cur in _VOWEL_CLITIC_SET:
            known = prev in lex.words or prev in lex.verbs
            return known and self._takes_suffix(prev, cur)
        if self._is_bound(head):
            # «سیره نویس»: a part that is no word on its own closes a compound.
            return (
                len(prev) >= MIN_HEAD_FIRST
                and prev in lex.words
                and prev not in lex.stopwords
            )
        return False

    def _is_bound(self, part: str) -> bool:
        """Tell whether ``part`` is a bound head, maybe with a joined ending.

        With an ending, the token must not be a word itself («نگران» is not
        «نگر» + «ان»).
        """
        lex = self.lexicon
        if part in lex.bound:
            return True
        return part not in lex.words and _ends_with_part(
            part, lex.bound, _BOUND_ENDINGS
        )

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
        if len(word) < 2 * MIN_STEM or word in self.lexicon.words:
            return word
        # Before the joined-ending check: «میدهی» is not «میده» + «ی».
        verb = self._split_verb(word) or self._split_plural_clitic(word)
        if verb is not None:
            return verb
        if self._is_known(word):
            return word
        return (
            self._split_prefix(word)
            or self._split_suffix(word)
            or self._split_compound(word)
            or word
        )

    def analyze(self, word: str) -> str:
        """Split ``word`` by the table or morphology even if it is a known word.

        The table builder uses this to find which known words could be split.
        """
        known = self.lexicon.zwnj.get(word)
        if known is not None or len(word) < 2 * MIN_STEM:
            return known or word
        return self._split_prefix(word) or self._split_suffix(word) or word

    def _split_verb(self, word: str) -> str | None:
        """Split «می»/«نمی» (and a preverb) before a verb form."""
        match = _VERB_PREFIX_RE.match(word)
        if match is not None and self._is_verb(match[2]):
            return match[1] + ZWNJ + self._split(match[2])
        return None

    def _split_plural_clitic(self, word: str) -> str | None:
        """Split «شان»/«تان»/«مان» off a known word ending in «ه».

        After «ی» both spellings are common («زندگیشان»), so it is left alone.
        """
        stem = word[:-3]
        if (
            word[-3:] in _PLURAL_CLITIC_SET
            and stem[-1:] == "ه"
            and len(stem) >= MIN_CLITIC_STEM
            and stem in self.lexicon.words
        ):
            return stem + ZWNJ + word[-3:]
        return None

    def _split_prefix(self, word: str) -> str | None:
        """Split «می»/«نمی» before a verb form or «بی» before a known word."""
        verb = self._split_verb(word)
        if verb is not None:
            return verb
        if (
            word.startswith(BI)
            and len(word) > MIN_BI
            and self._is_known(word[2:])
            and not self._is_imperative(word)
            and not self._is_inflected(word)
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
            if (
                len(stem) < MIN_STEM
                or suffix == "هاست"
                and word[:-2] in self.lexicon.words
            ):
                continue  # «تنهاست» is «تنها» + «ست»
            if not self._takes_suffix(stem, suffix):
                continue
            restored = self._split(stem)
            if (
                restored == stem
                and stem not in self.lexicon.words
                and not (
                    suffix in _UNKNOWN_STEM_PLURALS and len(stem) >= MIN_UNKNOWN_STEM
                )
            ):
                continue
            if stem[-1] in JOINING_LETTERS:
                return restored + ZWNJ + suffix
            return restored + suffix
        return None

    def _split_compound(self, word: str) -> str | None:
        """Split an unknown word into a known word + a compound head.

        The longest head wins («مستعمره‌نشینان»); a head may take a joined
        «ی»، «ان» or «انی» («غم‌انگیزی»).
        """
        lex = self.lexicon
        if not lex.heads:
            return None
        for i in range(MIN_HEAD_FIRST, len(word) - 1):
            first, second = word[:i], word[i:]
            if (
                first[-1] in JOINING_LETTERS
                and first in lex.words
                and first not in lex.stopwords
                and self._is_head(second)
            ):
                return first + ZWNJ + second
        return None

    def _is_head(self, part: str) -> bool:
        """Tell whether ``part`` is a compound head, maybe with a joined ending."""
        return _ends_with_part(part, self.lexicon.heads, _HEAD_ENDINGS)

    def _split_participle(self, word: str) -> str | None:
        """Split a clitic off a past participle: «نشسته‌ایم», not «نشست‌هایم».

        A participle of an unknown verb («بازتابیده‌اند») is recognized by its
        ending «ده»/«ته» before «اند»، «ایم»، «اید»; before «ایم» and «اید» only
        when the word without «ه» is not known («بندهایم» is «بند» + «هایم»).
        """
        words = self.lexicon.words
        for clitic in VOWEL_CLITICS:
            stem = word[: -len(clitic)]
            if not word.endswith(clitic) or stem[-1:] != "ه":
                continue
            if stem in self.lexicon.verbs:
                return stem + ZWNJ + clitic
            if (
                clitic in _SPACED_AFTER_YEH
                and stem[-2:-1] in ("د", "ت")
                and len(stem) >= MIN_PARTICIPLE
                and (clitic == "اند" or stem[:-1] not in words)
            ):
                return self._split(stem) + ZWNJ + clitic
        if (
            word.endswith("یاند")
            and len(word) > MIN_PARTICIPLE
            and word[:-3] in words
            and word[:-3] not in self.lexicon.stopwords
            and word not in self.lexicon.verbs  # «گریاند»
        ):
            return word[:-3] + ZWNJ + "اند"  # «انسانی‌اند»
        return None

    def _takes_suffix(self, stem: str, suffix: str) -> bool:
        """Tell whether ``suffix`` may follow ``stem`` with a half-space."""
        if suffix in _COMPARATIVE_SET:
            if stem in self.lexicon.adjectives:
                return True
            # A superlative after a compound («اندوه‌بارترین»).
            return suffix == SUPERLATIVE and self._split(stem) != stem
        if suffix in _VOWEL_CLITIC_SET:
            ending = stem[-1]
            return ending == "ه" or ending == "ی" and suffix in _AFTER_YEH
        return True

    def _is_verb(self, word: str) -> bool:
        """Tell whether ``word`` is a verb form that can follow «می»."""
        return word.replace(ZWNJ, "") in self.lexicon.verbs

    def _is_inflected(self, word: str) -> bool:
        """Tell whether ``word`` is a known word + «ان» or a possessive after «ا».

        «بیکاران» is «بیکار» + «ان», «بیجایشان» is «بیجا» + «یشان».
        """
        words = self.lexicon.words
        return any(
            word.endswith(end) and word[: -len(end)] in words for end in _INFLECTIONS
        )

    def _is_imperative(self, word: str) -> bool:
        """Tell whether ``word`` is the verb prefix «ب» + a verb, not «بی» + a word.

        «بیا» + a verb in «آ» («بیاور»، «بیاموزید»); «ب» + a verb in «ی»
        («بیابید») or, with the glide, in «ا» («بیفزاییم»، «بیفتد»، «بیافتد»).
        """
        verbs = self.lexicon.verbs
        if word[1:] in verbs or "ا" + word[2:] in verbs:
            return True
        if word[2] == "ا" and word[2:] in verbs:
            return True
        if not word.startswith(IMPERATIVE_A):
            return False
        verb = "آ" + word[len(IMPERATIVE_A) :]
        return verb in verbs or verb + "د" in verbs

    def _is_known(self, word: str) -> bool:
        """Tell whether ``word`` is a known word, allowing a joined possessive."""
        words = self.lexicon.words
        if word in words:
            return True
        return any(
            word.endswith(end) and word[: -len(end)] in words for end in _JOINED_ENDINGS
        )


def _ends_with_part(part: str, parts: frozenset[str], endings: tuple) -> bool:
    """Tell whether ``part`` is one of ``parts``, maybe with one of ``endings``."""
    return part in parts or any(
        part.endswith(end) and part[: -len(end)] in parts for end in endings
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
