"""Find the parts of compounds for the table (build time only).

Two lists of second parts come from the attested half-spaced forms:

- ``heads`` split an unknown *joined* word («سیرهنویس» → «سیره‌نویس»): parts
  that the sources write half-spaced far more often than joined.
- ``bound`` join a *spaced* pair («سیره نویس» → «سیره‌نویس»): parts that are
  not words on their own, so a space before them stands for a half-space.
  Joined spellings do not matter here, but standalone use does: «حساب» heads
  many compounds and is also an ordinary noun («حساب بانکی»).
"""

from collections import Counter
from collections.abc import Iterable, Mapping

from khabar.text.chars import JOINING_LETTERS, ZWNJ
from khabar.text.zwnj import COMPARATIVE_SUFFIXES, PLURAL_SUFFIXES, VOWEL_CLITICS

# A compound head ends this many half-spaced forms...
HEAD_MIN_FORMS = 5
# ...and is half-spaced in at least this share of the compounds with it.
HEAD_MIN_SHARE = 0.7
# A bound part may follow a word in Fars outside any attested compound this
# many times, or as often as it does inside one.
BOUND_MAX_LOOSE = 2
# Suffixes whose spaced spelling the restorer's rules already decide.
RULE_SUFFIXES = frozenset(PLURAL_SUFFIXES + COMPARATIVE_SUFFIXES + VOWEL_CLITICS)


def second_parts(forms: Iterable[str]) -> Counter[str]:
    """Count the forms with one half-space that end with each second part."""
    half: Counter[str] = Counter()
    for form in forms:
        if form.count(ZWNJ) == 1:
            first, second = form.split(ZWNJ)
            if len(first) >= 2 and len(second) >= 2:
                half[second] += 1
    return half


def _may_head(part: str, excluded: frozenset[str]) -> bool:
    """Leave out rule suffixes, ``excluded`` words and parts that start with «و».

    Rule suffixes (plural, comparative, clitics) are left to the rules; «وشش»
    of «سی‌وشش» would split «فراموشش».
    """
    return (
        part not in RULE_SUFFIXES
        and part not in excluded
        and not part.startswith(PLURAL_SUFFIXES)
        and not part.startswith("و")
    )


def compound_heads(
    forms: Iterable[str], attested: Iterable[str], stopwords: frozenset[str]
) -> set[str]:
    """Find second parts that the sources write half-spaced far more than joined.

    A head («نویس»، «آمیز») ends at least ``HEAD_MIN_FORMS`` attested forms with
    one half-space, and makes at most a ``1 - HEAD_MIN_SHARE`` share of the
    compounds with it attested joined (a known word + the head, with no
    half-space).
    """
    half = second_parts(forms)
    attested = frozenset(attested)
    joined: Counter[str] = Counter()
    for word in attested:
        for i in range(2, len(word) - 1):
            if word[i - 1] in JOINING_LETTERS and word[i:] in half:
                joined[word[i:]] += word[:i] in attested
    return {
        head
        for head, n in half.items()
        if n >= HEAD_MIN_FORMS
        and n >= HEAD_MIN_SHARE * (n + joined[head])
        and _may_head(head, stopwords)
    }


def bound_heads(
    forms: Iterable[str],
    fars_pairs: Mapping[str, int],
    hazm: Mapping[str, int],
    excluded: frozenset[str],
    words: frozenset[str],
) -> set[str]:
    """Find second parts that are not words on their own («نویس»، «پرداز»).

    A bound part ends at least ``HEAD_MIN_FORMS`` attested half-spaced forms,
    has no positive hazm frequency as a word, and, written after a space in
    Fars, mostly closes an attested compound (at most ``BOUND_MAX_LOOSE``
    other uses, or no more than inside compounds: this drops «زنان» and
    «تن»). A known word + «ی» is an ordinary adjective («دستی»، «زبانی») unless
    its stem is bound too. ``excluded`` holds function words and verb forms.
    """
    forms = frozenset(forms)
    half = second_parts(forms)
    loose: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for pair, count in fars_pairs.items():
        if pair.count(ZWNJ) != 1:
            continue  # a word that has a half-space already
        second = pair.partition(ZWNJ)[2]
        if pair in forms:
            inside[second] += count
        else:
            loose[second] += count
    candidates = {
        part
        for part, n in half.items()
        if n >= HEAD_MIN_FORMS
        and hazm.get(part, 0) <= 0
        and _may_head(part, excluded)
        and loose[part] <= max(BOUND_MAX_LOOSE, inside[part])
    }
    return {
        part
        for part in candidates
        if not (part.endswith("ی") and part[:-1] in words) or part[:-1] in candidates
    }
