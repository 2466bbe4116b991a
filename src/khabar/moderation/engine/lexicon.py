"""Match lexicon words on folded keys, whole words only, through evasions.

A lexicon maps folded keys to a weight (how sure a hit is an insult). Words
are looked up whole, never as substrings, so short entries cannot fire inside
ordinary words. Evasions are undone before the lookup: the key folding of
:mod:`khabar.moderation.engine.tokens` handles half-spaces, joiners, tatweel,
diacritics, letter variants and presentation forms; here repeated letters are
squeezed, spelled-out letters are joined, common suffixes are stripped from
long stems, and multi-word entries and entries written with a half-space
(«بی‌شرف») match written apart, with half-spaces or joined.
"""

import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.moderation.engine.tokens import (
    ZWNJ,
    Token,
    fold_word,
    spelled_runs,
    squeeze,
    tokenize,
)

STRONG = 0.85  # obscenity and clear abuse: rejected when the model agrees
MILD = 0.6  # insults that depend on context («احمق», «خر»): hold
# Suffixes that attach to an insult without changing it (کثافت‌ها، کیرت).
SUFFIXES = ("هایی", "های", "ها", "تون", "شون", "مون", "تو", "شو", "مو", "ی")
SUFFIXES += ("ت", "م", "ش", "ه", "ا", "s", "i")
MIN_STEM = 3  # never strip a suffix off a shorter stem («کس» + «ی» = «کسی»)
MAX_PHRASE = 3
MEMO_SIZE = 1 << 16
LEXICON_FILE = "lexicon.tsv.gz"
_BY_LAST: dict[str, tuple[str, ...]] = {}  # suffixes by their last letter, in order
for _suffix in SUFFIXES:
    _BY_LAST[_suffix[-1]] = (*_BY_LAST.get(_suffix[-1], ()), _suffix)


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon word found in a text: span, weight and the entry's key."""

    start: int
    end: int
    weight: float
    key: str


class Lexicon:
    """A set of words and phrases, each with a weight, matched on folded keys."""

    def __init__(self, entries: Iterable[tuple[str, float]]) -> None:
        """Index ``(phrase, weight)`` entries; phrases are folded here."""
        self.words: dict[str, float] = {}
        self.phrases: dict[str, float] = {}
        self._prefixes: set[str] = set()  # every prefix of a phrase key
        # Lookup memos (keys repeat a lot): keys that match or may start a
        # phrase, and keys known to do neither (checked a whole text at once).
        self._seen: dict[str, tuple[str | None, bool]] = {}
        self._plain: set[str] = set()
        for phrase, weight in entries:
            parts = [fold_word(part) for part in phrase.split()]
            parts = [part for part in parts if part]
            if not parts:
                continue
            joined = "".join(parts)
            for key in (joined, squeeze(joined)):
                self.words[key] = max(weight, self.words.get(key, 0.0))
                if len(parts) > 1 or ZWNJ in phrase:
                    self.phrases[key] = max(weight, self.phrases.get(key, 0.0))
                    self._prefixes.update(key[:end] for end in range(1, len(key)))

    def __len__(self) -> int:
        """Return the number of indexed keys."""
        return len(self.words)

    def lookup(self, key: str) -> str | None:
        """Return the entry key one token key matches, undoing evasions."""
        return self._memo(key)[0]

    def _memo(self, key: str) -> tuple[str | None, bool]:
        """Return (entry matched, whether a phrase can start here) for one key."""
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) > MEMO_SIZE:
                self._seen.clear()
            starts = key in self._prefixes or squeeze(key) in self._prefixes
            found = self._seen[key] = (self._lookup(key), starts)
        return found

    def _interesting(self, keys: set[str]) -> set[str]:
        """Return the keys among ``keys`` that match an entry or start a phrase."""
        unknown = keys - self._plain
        if len(self._plain) > MEMO_SIZE:
            self._plain.clear()
        for key in unknown.difference(self._seen):
            entry, starts = self._memo(key)
            if not entry and not starts:
                del self._seen[key]
                self._plain.add(key)
        return unknown.intersection(self._seen)

    def _lookup(self, key: str) -> str | None:
        """Return the entry key one token key matches (uncached)."""
        for candidate in (key, squeeze(key)):
            if candidate in self.words:
                return candidate
        for suffix in _BY_LAST.get(key[-1:], ()):
            if key.endswith(suffix) and len(key) - len(suffix) >= MIN_STEM:
                stem = key[: -len(suffix)]
                for candidate in (stem, squeeze(stem)):
                    if candidate in self.words:
                        return candidate
        return None

    def match_tokens(self, text: str, tokens: Sequence[Token]) -> list[Hit]:
        """Return the hits among ``tokens`` of ``text``, words and phrases."""
        hits = []
        starts = []
        interesting = self._interesting({token.key for token in tokens})
        if interesting:
            for index, token in enumerate(tokens):
                if token.key in interesting:
                    entry, start = self._memo(token.key)
                    if entry:
                        weight = self.words[entry]
                        hits.append(Hit(token.start, token.end, weight, entry))
                    if start:
                        starts.append(index)
        if starts:
            hits.extend(self._phrase_hits(tokens, starts))
        for run in spelled_runs(text, tokens):
            entry = self.lookup(run.key)
            if entry:
                hits.append(Hit(run.start, run.end, self.words[entry], entry))
        return hits

    def match(self, text: str) -> list[Hit]:
        """Return the hits in ``text``."""
        return self.match_tokens(text, tokenize(text))

    def _phrase_hits(self, tokens: Sequence[Token], starts: list[int]) -> list[Hit]:
        """Return multi-word entries written with spaces between their parts.

        ``starts`` are the tokens whose key begins some phrase. A run is
        extended only while its joined key (or the squeezed one, a prefix of
        the squeezed longer run) still begins a phrase, so the work is linear.
        """
        hits = []
        prefixes, phrases = self._prefixes, self.phrases
        for index in starts:
            joined = tokens[index].key
            for size in range(2, MAX_PHRASE + 1):
                if index + size > len(tokens):
                    break
                last = tokens[index + size - 1]
                joined += last.key
                squeezed = squeeze(joined)
                for entry in (joined, squeezed):
                    if entry in phrases:
                        weight = phrases[entry]
                        hits.append(Hit(tokens[index].start, last.end, weight, entry))
                        break
                if joined not in prefixes and squeezed not in prefixes:
                    break
        return hits


def read_entries(lines: Iterable[str]) -> list[tuple[str, float]]:
    """Parse ``phrase<TAB>weight`` lines (weight optional: strong)."""
    entries = []
    for line in lines:
        phrase, _, weight = line.rstrip("\n").partition("\t")
        if phrase.strip() and not phrase.startswith("#"):
            entries.append((phrase, float(weight) if weight else STRONG))
    return entries


@cache
def default_lexicon() -> Lexicon:
    """Load the shipped insult lexicon once per process."""
    path = resources.files("khabar.moderation.engine") / "data" / LEXICON_FILE
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return Lexicon(read_entries(lines))


@cache
def custom_lexicon(words: tuple[str, ...]) -> Lexicon:
    """Index a site's own word list with the same folding (cached per list)."""
    return Lexicon((word, STRONG) for word in words)
