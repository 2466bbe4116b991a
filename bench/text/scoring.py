"""Score a half-space restorer's output against gold text, strictly and either-way.

The output is aligned with the gold letter by letter (spaces and ZWNJ ignored,
letter variants and digits folded) and every gap between two letters of the
gold is compared:

* **strict**: a gold ZWNJ gap must come out as a ZWNJ, and a gap that is
  neither must not get one;
* **either-way**: the gap before the plural «ها» and before «تر»/«ترین» may
  be joined or half-spaced (the Academy of Persian Language allows both):
  there, joined and half-spaced output are both right whatever the gold
  writes, and only a space (a split word) is wrong.

Damage is a gold word without a ZWNJ that got a ZWNJ or a space inside
(either-way: not counting an optional gap given a ZWNJ); it is reported as a
share of such words and per 1,000 words of the gold.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, field

ZWNJ = "\u200c"
NONE, SPACE, HALF = 0, 1, 2
FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ـ": None}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)
# What may follow an optional gap, up to the end of the word: the plural and
# the comparative / superlative with the clitics and ezafe that attach to them.
_PLURAL = ("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان")
_PLURAL += ("هایشان", "هاست", "هایند", "هامان", "هاشان")
OPTIONAL_ENDINGS = frozenset(
    (*_PLURAL, "تر", "ترین", "تری", "ترینی", "ترش", "ترم", "ترند", "تریم")
)
# The shortest stem before an optional gap (not «تنها», «بها»: stem ≥ 2 letters).
MIN_STEM = 2


@dataclass
class Counts:
    """Gap and word counts of one scoring rule."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    damaged: int = 0

    def add(self, other: "Counts") -> None:
        """Add ``other``'s counts."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.damaged += other.damaged

    def prf(self) -> tuple[float, float, float]:
        """Return precision, recall and F1 of ZWNJ gaps."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Accumulate one tool's counts on one damage kind, strict and either-way."""

    strict: Counts = field(default_factory=Counts)
    either: Counts = field(default_factory=Counts)
    words: int = 0  # gold words without a ZWNJ (damage denominator)
    all_words: int = 0
    chars: int = 0
    seconds: float = 0.0
    worst: Counter = field(default_factory=Counter)  # (gold, output) damaged words

    def add(self, other: "Score") -> None:
        """Add ``other``'s counts, words and time to this score."""
        self.strict.add(other.strict)
        self.either.add(other.either)
        for name in ("words", "all_words", "chars", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.worst.update(other.worst)

    def row(self, *, strict: bool = False) -> list[str]:
        """Format P, R, F1, damage (share and per 1,000 words) and speed."""
        counts = self.strict if strict else self.either
        p, r, f = counts.prf()
        speed = self.chars / self.seconds if self.seconds else 0.0
        share = counts.damaged / self.words if self.words else 0.0
        per_mille = 1000 * counts.damaged / self.all_words if self.all_words else 0.0
        return [
            f"{p:.3f}",
            f"{r:.3f}",
            f"{f:.3f}",
            f"{share:.2%}",
            f"{per_mille:.2f}",
            f"{speed / 1e6:.2f} M",
        ]


def gaps(text: str) -> tuple[str, list[int]]:
    """Return the folded letters of ``text`` and the gap kind after each letter."""
    letters: list[str] = []
    kinds: list[int] = []
    for char in text.translate(FOLD):
        if char == ZWNJ or char.isspace():
            if kinds:
                kind = HALF if char == ZWNJ else SPACE
                kinds[-1] = max(kinds[-1], kind)
        elif char.isalnum():
            letters.append(char)
            kinds.append(NONE)
    return "".join(letters), kinds


def gold_words(text: str) -> list[tuple[int, int, str]]:
    """Return (first letter, last letter, word) for every gold word."""
    words = []
    index = 0
    for word in text.split():
        count = len(gaps(word)[0])
        if count:
            words.append((index, index + count - 1, word))
        index += count
    return words


def optional_gaps(letters: str, words: list[tuple[int, int, str]]) -> set[int]:
    """Return the gap indexes (after letter i) before a plural or comparative ending."""
    optional = set()
    for first, last, _ in words:
        for i in range(first + MIN_STEM - 1, last):
            if letters[i + 1 : last + 1] in OPTIONAL_ENDINGS:
                optional.add(i)
    return optional


def aligned(gold: str, out: str) -> dict[int, int]:
    """Map gold letter indexes to output letter indexes over matching blocks."""
    if gold == out:
        return {i: i for i in range(len(gold))}
    matcher = difflib.SequenceMatcher(None, gold, out, autojunk=False)
    mapping = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def score_sentence(score: Score, gold: str, out: str) -> None:
    """Add one sentence's gap and word counts to ``score``."""
    g_letters, g_kinds = gaps(gold)
    o_letters, o_kinds = gaps(out)
    mapping = aligned(g_letters, o_letters)
    words = gold_words(gold)
    optional = optional_gaps(g_letters, words)
    bad_strict: set[int] = set()
    bad_either: set[int] = set()
    for i, g_kind in enumerate(g_kinds[:-1]):
        j = mapping.get(i)
        if j is None or mapping.get(i + 1) != j + 1:
            continue
        o_kind = o_kinds[j]
        _count(score.strict, g_kind, o_kind)
        if o_kind != NONE and g_kind != HALF:
            bad_strict.add(i)
        if i in optional and o_kind != SPACE:
            score.either.tp += o_kind == HALF and g_kind == HALF
            continue
        _count(score.either, g_kind, o_kind)
        if o_kind != NONE and g_kind != HALF:
            bad_either.add(i)
    score.all_words += len(words)
    for first, last, word in words:
        if ZWNJ in word:
            continue
        score.words += 1
        inside = range(first, last)
        score.strict.damaged += any(i in bad_strict for i in inside)
        if any(i in bad_either for i in inside):
            score.either.damaged += 1
            score.worst[(word, _output_of(mapping, first, last, out))] += 1


def _count(counts: Counts, g_kind: int, o_kind: int) -> None:
    """Count one gap as a true positive, false positive or false negative."""
    counts.tp += g_kind == HALF and o_kind == HALF
    counts.fp += g_kind != HALF and o_kind == HALF
    counts.fn += g_kind == HALF and o_kind != HALF


def _output_of(mapping: dict[int, int], first: int, last: int, out: str) -> str:
    """Return the output text that a damaged gold word became (for the worst list)."""
    start, end = mapping.get(first), mapping.get(last)
    if start is None or end is None:
        return "?"
    letters = 0
    pieces = []
    for char in out.translate(FOLD):
        if char.isalnum():
            if start <= letters <= end:
                pieces.append(char)
            letters += 1
        elif char in (ZWNJ, " ") and pieces and letters <= end:
            pieces.append(char)
        if letters > end:
            break
    return "".join(pieces).strip()
