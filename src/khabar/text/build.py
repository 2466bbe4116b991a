"""Rebuild the shipped half-space table from public sources.

Sources (none is copied; only the derived word table is written):

* hazm's ``data/words.dat`` (word, frequency), ``data/verbs.dat`` and
  ``data/stopwords.dat`` (MIT);
* shekar's ``data/files/compound_words.csv``, ``vocab.csv`` and ``verbs.csv`` (MIT);
* the Fars News articles in ``shared/data/news/fars_news.jsonl``, counted for
  which spelling of a word (joined, half-space, spaced) newsrooms use;
* the Persian Wikipedia word counts in ``shared/data/zwnj/fawiki_word_counts.tsv``
  (used when present), which vote on spellings and attest words;
* a short curated list of «به‌» adverbs, which no lexicon above lists.

The UD PerDT sentences (the benchmark) are read only as training labels for
the small models of :mod:`khabar.text.learn`, which decide which spaced
compounds join and which joined words split; ``--train FILE`` picks other
files and ``--no-train`` skips them. docs/text.md describes the held-out
protocol.

The readers of these sources are in :mod:`khabar.text.sources`. Run
``python -m khabar.text.build`` (or ``khabar text build``); hazm and shekar
are found in the current interpreter or in ``bench/text/.venv``.
"""

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from khabar.text.chars import JOINING_LETTERS, ZWNJ
from khabar.text.compounds import (
    RULE_SUFFIXES,
    bound_heads,
    compound_heads,
)
from khabar.text.learn import (
    RESPLIT_THRESHOLD,
    Sources,
    boundary_labels,
    learned_pairs,
    word_labels,
)
from khabar.text.sources import (
    corpus_texts,
    count_fars,
    find_file,
    read_adjectives,
    read_counted,
    read_verbs,
    read_words,
    site_packages_dirs,
)
from khabar.text.table import TABLE_NAME, verb_forms, write_table
from khabar.text.zwnj import (
    _JOINED_ENDINGS,
    Lexicon,
    Restorer,
)

CURATED_FORMS = (
    "به‌ویژه",
    "به‌عنوان",
    "به‌اتفاق",
    "به‌طور",
    "به‌خصوص",
    "به‌منظور",
    "به‌رغم",
    "به‌تدریج",
    "به‌زودی",
    "به‌سرعت",
    "به‌شدت",
    "به‌صورت",
    "به‌دنبال",
    "به‌خاطر",
    "به‌همراه",
    "به‌ندرت",
    "به‌موقع",
    "به‌کارگیری",
    "به‌روز",
    "به‌روزرسانی",
)
SPACED_PREFIXES = ("به" + ZWNJ,)
MIN_FARS_COUNT = 2
# Shortest word taken as an adjective from its superlative alone.
MIN_ADJECTIVE = 3
# A spaced compound is joined only when Fars writes it half-spaced at least
# once and apart at most this many times as often.
SPACED_FACTOR = 1
# ...or, when Fars has neither spelling, when hazm gives the compound a positive
# frequency or shekar's web counts have it half-spaced this often.
SHEKAR_PAIR_MIN = 1000
# The work tree (src/khabar/text/build.py → repo), with shared/ beside it.
REPO = Path(__file__).resolve().parents[3]
# Correct text the spaced-compound model learns from (see khabar.text.learn).
DEFAULT_TRAIN = tuple(
    REPO.parent / "shared/data/zwnj" / f"ud_perdt_{split}.tsv"
    for split in ("dev", "test")
)
Voters = tuple[tuple[str, int, int], ...]
# shekar web count of a joined spelling that outweighs hazm listing its
# half-spaced form with frequency 0 (see prefers_plain).
SHEKAR_STRONG = 200_000
# Judging a lexicon's half-spaced form: shekar's web counts and Fars both vote.
LEXICON_VOTERS: Voters = (("shekar", 1, 1000), ("fars", 1, 3), ("wiki", 1, 50))
# Judging an affix split («مهمترین» → «مهم‌ترین»): web counts favour joined
# typing, so only Fars votes, and needs a threefold majority.
AFFIX_VOTERS: Voters = (("fars", 3, 3), ("wiki", 3, 50))
# Wikipedia word counts (fawiki, 82 M tokens): a half-spaced spelling seen this
# often is a candidate form, and a word seen this often is attested. Chosen
# across sources (docs/text.md): fewer damaged words on both corpora.
WIKI_FORM_MIN = 20
WIKI_WORD_MIN = 100
Counts = dict[str, Counter[str]]


def compared(attested: Iterable[str], counts: Counts) -> frozenset[str]:
    """Find adjectives by their superlative: words some source writes with «ترین».

    Only the superlative counts, half-spaced or joined («جوان‌ترین»،
    «جوانترین»): a joined «تر» is often part of a word («دختر»، «دفتر»).
    """
    found = set()
    for word in attested:
        if len(word) < MIN_ADJECTIVE or ZWNJ in word:
            continue
        forms = (word + ZWNJ + "ترین", word + "ترین")
        if any(counts[name].get(f, 0) for name in counts for f in forms):
            found.add(word)
    return frozenset(found)


def prefers_plain(plain: str, split: str, counts: Counts, voters: Voters) -> bool:
    """Tell whether the sources vote for ``plain`` over its half-spaced ``split``.

    hazm lists non-standard joined spellings with frequency 0, so a positive
    frequency there marks a real word (or an accepted spelling, «آنکه»), which
    is never changed; a listed half-spaced form votes for the split, unless it
    has frequency 0 and shekar's web counts have the joined spelling at least
    ``SHEKAR_STRONG`` times and ten times as often («خونسردی»). Each other
    voter, ``(name, factor, sole)``, votes for the joined spelling when it is
    ``factor`` times as frequent, or when it is the only spelling attested at
    least ``sole`` times. A tie keeps the split.
    """
    hazm = counts["hazm"]
    if hazm.get(plain, 0):
        return True
    web = counts.get("shekar", {})
    weak = web.get(plain, 0) >= SHEKAR_STRONG and web[plain] > 10 * web.get(split, 0)
    votes = [False] if hazm.get(split, 0) > 0 or split in hazm and not weak else []
    for name, factor, sole in voters:
        a, b = counts[name].get(plain, 0), counts[name].get(split, 0)
        if (a and b) or max(a, b) >= sole:
            votes.append(a > factor * b)
    return sum(votes) * 2 > len(votes)


def zwnj_forms(dirs: list[Path], hazm: Counter[str], fars: Counter[str]) -> set[str]:
    """Collect every attested form with a half-space."""
    forms = {f for f in hazm if ZWNJ in f}
    forms.update(
        f for f in read_words(find_file(dirs, "shekar/data/files/compound_words.csv"))
    )
    forms.update(f for f, n in fars.items() if ZWNJ in f and n >= MIN_FARS_COUNT)
    forms.update(CURATED_FORMS)
    return {f for f in forms if ZWNJ in f}


def build_sections(
    dirs: list[Path],
    fars_path: Path,
    corpora: Iterable[Path] = (),
    train: Iterable[Path] = (),
    wiki_path: Path | None = None,
) -> dict[str, Iterable[str]]:
    """Derive the table sections from the sources."""
    hazm = read_counted(find_file(dirs, "hazm/data/words.dat"), "\t")
    shekar = read_counted(find_file(dirs, "shekar/data/files/vocab.csv"), ",")
    fars, fars_pairs = count_fars(fars_path, corpora)
    wiki = read_counted(wiki_path, "\t") if wiki_path else Counter()
    counts: Counts = {"hazm": hazm, "shekar": shekar, "fars": fars, "wiki": wiki}
    present, past = read_verbs(dirs)
    stopwords = frozenset(read_words(find_file(dirs, "hazm/data/stopwords.dat")))
    attested = {w for w, n in hazm.items() if n > 0} | set(shekar)
    attested |= {w for w, n in fars.items() if n >= MIN_FARS_COUNT}
    attested |= {w for w, n in wiki.items() if n >= WIKI_WORD_MIN}
    attested = {w for w in attested if ZWNJ not in w}
    adjectives = read_adjectives(find_file(dirs, "hazm/data/words.dat"), attested)
    adjectives |= compared(attested, counts)
    forms = zwnj_forms(dirs, hazm, fars)
    forms |= {f for f, n in wiki.items() if ZWNJ in f and n >= WIKI_FORM_MIN}
    verbs = verb_forms(present, past)
    # A verb form is no compound of its pieces («دیدی», not «دی‌دی»).
    zwnj = {
        joined: form
        for joined, form in choose_forms(forms, attested, counts).items()
        if joined not in verbs
    }
    analyzer = Restorer(
        Lexicon(zwnj, frozenset(), frozenset(attested), verbs, adjectives, stopwords)
    )
    # A function word as hazm spells it («آنها») is a word, whatever the votes.
    words = frozenset(
        w
        for w in attested
        if len(w) >= 2
        and (
            w in stopwords
            or (split := analyzer.analyze(w)) == w
            or prefers_plain(w, split, counts, AFFIX_VOTERS)
        )
    )
    zwnj.update(plural_or_indefinite(words, counts, past))
    generated = Restorer(Lexicon({}, frozenset(), words, verbs, adjectives, stopwords))
    needed = {f for f in zwnj.values() if generated.word(f.replace(ZWNJ, "")) != f}
    pairs = {
        f
        for f in zwnj.values()
        if f.count(ZWNJ) == 1
        and not f.startswith(SPACED_PREFIXES)
        and (
            fars_pairs[f] <= SPACED_FACTOR * fars[f]
            if fars[f] or fars_pairs[f]
            else (hazm.get(f, 0) > 0 or shekar.get(f, 0) >= SHEKAR_PAIR_MIN)
            and stopwords.isdisjoint(f.split(ZWNJ))
        )
    }
    train = list(train)
    if train:
        # Table forms, and attested forms of a word kept joined («روانشناسی»).
        candidates = {
            f
            for f in set(zwnj.values()) | forms
            if f.count(ZWNJ) == 1
            and f not in pairs
            and not f.startswith(SPACED_PREFIXES)
            and f.split(ZWNJ)[1] not in RULE_SUFFIXES
        }
        compounds = frozenset(
            read_words(find_file(dirs, "shekar/data/files/compound_words.csv"))
        )
        sources = Sources(
            fars,
            fars_pairs,
            hazm,
            shekar,
            compounds,
            frozenset(attested),
            stopwords,
            frozenset(past),
        )
        labels = boundary_labels(t for path in train for t in corpus_texts(path))
        learned = learned_pairs(candidates, labels, sources)
        # Joined words that an attested half-spaced form may replace.
        joined = {
            f
            for f in candidates
            if f.replace(ZWNJ, "") in words and f.replace(ZWNJ, "") not in zwnj
        }
        labels = word_labels((t for p in train for t in corpus_texts(p)), joined)
        resplit = learned_pairs(joined, labels, sources, RESPLIT_THRESHOLD)
    else:
        learned, resplit = set(), set()
    # hazm's lexicon writes these compounds half-spaced («رئیس‌جمهور»): in text
    # that types half-spaces as spaces they join, whatever the training corpus
    # does (measured across sources, docs/text.md).
    # So do the «به‌» adverbs («به عنوان» → «به‌عنوان»): newsrooms half-space
    # them, UD PerDT spaces them; joining them in such text raised the worse of
    # the two corpora (NSURL space F1 0.894 → 0.906; PerDT 0.939 → 0.926).
    learned |= lexicon_compounds(hazm, pairs) | set(CURATED_FORMS)
    return {
        "zwnj": needed | pairs,
        "pairs": pairs,
        "learned": learned,
        "resplit": resplit,
        "heads": compound_heads(forms, attested, stopwords),
        "bound": bound_heads(forms, fars_pairs, hazm, stopwords | verbs, words),
        "words": words,
        "adjectives": adjectives,
        "stopwords": stopwords,
        "present": present,
        "past": past,
    }


def lexicon_compounds(hazm: Counter[str], pairs: Iterable[str]) -> set[str]:
    """Return the two-part half-spaced forms hazm lists with a positive frequency."""
    pairs = set(pairs)
    return {
        form
        for form, count in hazm.items()
        if count > 0 and form.count(ZWNJ) == 1 and form not in pairs
    }


def plural_or_indefinite(
    words: frozenset[str], counts: Counts, past: Iterable[str] = ()
) -> dict[str, str]:
    """Settle «خانهای»: «خان‌های» or «خانه‌ای» (and «زندهای»: «زنده‌ای»).

    The spelling Fars writes more often wins. When Fars has neither, the more
    frequent stem wins («قصه» over «قص»): Fars word counts, then hazm's, then
    shekar's; a past participle always takes the clitic («نشسته‌ایم»). After a
    letter that does not join («زند»), the plural has no half-space.
    """
    fars = counts["fars"]
    past = frozenset(past)
    settled = {}
    for word in words:
        stem = word[:-1]
        if word[-1] != "ه" or stem not in words:
            continue
        joins = stem[-1] in JOINING_LETTERS
        for clitic in ("ای", "ایم", "اید"):
            joined = stem + "ه" + clitic
            plural = stem + (ZWNJ if joins else "") + "ه" + clitic
            indefinite = word + ZWNJ + clitic
            if fars[plural] != fars[indefinite]:
                best = max(plural, indefinite, key=fars.__getitem__)
            elif _is_known_word(joined, words):
                continue  # «انتهای» is «انتها» + «ی», neither reading
            else:
                indefinite_wins = stem in past or _more_frequent(word, stem, counts)
                best = indefinite if indefinite_wins else plural
            if ZWNJ in best:
                settled[joined] = best
    return settled


def _is_known_word(word: str, words: frozenset[str]) -> bool:
    """Tell whether ``word`` is a known word, alone or with a joined ending."""
    return word in words or any(
        word.endswith(end) and word[: -len(end)] in words for end in _JOINED_ENDINGS
    )


def _more_frequent(word: str, other: str, counts: Counts) -> bool:
    """Tell whether ``word`` is more frequent than ``other`` in the first source
    (Fars, hazm, shekar) that has either."""
    for name in ("fars", "hazm", "shekar"):
        a, b = counts[name].get(word, 0), counts[name].get(other, 0)
        if a != b:
            return a > b
    return False


def choose_forms(forms: set[str], attested: set[str], counts: Counts) -> dict[str, str]:
    """Map each joined spelling to its half-spaced form, unless it is a word.

    The curated «به‌» forms win over every vote but a positive hazm frequency
    («بهخصوص» → «به‌خصوص», but the name «بهروز» stays).
    """
    zwnj: dict[str, str] = {}
    # Most used first; ties by spelling, so that the build is reproducible.
    for form in sorted(
        forms, key=lambda f: (-sum(c.get(f, 0) for c in counts.values()), f)
    ):
        key = form.replace(ZWNJ, "")
        if (
            key in zwnj
            or key in attested
            and (
                counts["hazm"].get(key, 0) > 0
                or form not in CURATED_FORMS
                and prefers_plain(key, form, counts, LEXICON_VOTERS)
            )
        ):
            continue
        zwnj[key] = form
    return zwnj


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog="khabar text build", description="Rebuild the half-space table."
    )
    parser.add_argument(
        "--fars", type=Path, default=REPO.parent / "shared/data/news/fars_news.jsonl"
    )
    parser.add_argument(
        "--wiki",
        type=Path,
        default=REPO.parent / "shared/data/zwnj/fawiki_word_counts.tsv",
        help="word counts (tsv: word, count) that vote on spellings",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        help="more correctly written text (tsv, a 'text' column), counted like Fars",
    )
    parser.add_argument(
        "--train",
        type=Path,
        action="append",
        default=None,
        help="correctly written text (tsv, a 'text' column) that the spaced-compound"
        " model learns from; default: the UD PerDT dev and test files if present",
    )
    parser.add_argument(
        "--no-train", action="store_true", help="build without the learned model"
    )
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).parent / "data" / TABLE_NAME
    )
    return parser.parse_args(argv)


def train_files(args: argparse.Namespace) -> list[Path]:
    """Return the training files: ``--train``, or the UD PerDT files found."""
    if args.no_train:
        return []
    if args.train is not None:
        return args.train
    return [path for path in DEFAULT_TRAIN if path.is_file()]


def main(argv: list[str] | None = None) -> int:
    """Build the table and report its size; return a process exit code."""
    args = parse_args(argv)
    try:
        sections = build_sections(
            site_packages_dirs(REPO),
            args.fars,
            args.corpus,
            train_files(args),
            args.wiki if args.wiki.is_file() else None,
        )
    except FileNotFoundError as error:
        sys.stderr.write(f"khabar text build: {error}\n")
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_table(args.output, sections)
    sizes = ", ".join(f"{name} {len(set(v))}" for name, v in sections.items())
    sys.stdout.write(
        f"wrote {args.output} ({args.output.stat().st_size} bytes): {sizes}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
