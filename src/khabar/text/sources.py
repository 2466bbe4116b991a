"""Read the public sources the half-space table is built from.

Word lists of hazm and shekar (found in the current interpreter or in
``bench/text/.venv``), counted word files (``word<TAB>count``, such as the
Wikipedia counts), Fars News articles (JSON lines) and UD-style tsv corpora.
Every word is cleaned the same way (:func:`clean_form`): Persian letters, and
only half-spaces that separate joining letters. Used at build time only.
"""

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.text.chars import JOINING_LETTERS, LETTERS_TABLE, ZWNJ

_PERSIAN_WORD_RE = re.compile(
    "^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+$"
)


def clean_form(word: str) -> str | None:
    """Return ``word`` in Persian letters with only meaningful half-spaces, or None."""
    word = word.strip().translate(LETTERS_TABLE).strip(ZWNJ)
    if not word or not _PERSIAN_WORD_RE.match(word) or ZWNJ * 2 in word:
        return None
    parts = word.split(ZWNJ)
    out = parts[0]
    for part in parts[1:]:
        out += (ZWNJ if out[-1] in JOINING_LETTERS else "") + part
    return out


def site_packages_dirs(repo: Path) -> list[Path]:
    """List where hazm and shekar may be installed: here, then the bench venv."""
    dirs = []
    for name in ("hazm", "shekar"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            dirs.append(Path(spec.origin).parent.parent)
    dirs.extend(sorted(repo.glob("bench/text/.venv/lib/python3*/site-packages")))
    return dirs


def find_file(dirs: list[Path], relative: str) -> Path:
    """Return the first ``relative`` file found under ``dirs``."""
    for base in dirs:
        if (base / relative).is_file():
            return base / relative
    raise FileNotFoundError(
        f"{relative} not found; install hazm and shekar (bench/text/run.sh)"
    )


def read_counted(path: Path, sep: str) -> Counter[str]:
    """Read a ``word<sep>count`` file into cleaned-form counts."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split(sep)
        form = clean_form(fields[0])
        if form is not None and len(fields) > 1 and fields[1].strip().isdigit():
            counts[form] += int(fields[1])
    return counts


def read_words(path: Path) -> Iterator[str]:
    """Yield the cleaned forms of a one-word-a-line file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        form = clean_form(line.split(",")[0])
        if form is not None:
            yield form


def read_adjectives(path: Path, attested: Iterable[str] = ()) -> frozenset[str]:
    """Read the words hazm tags as adjectives (AJ).

    A word needs a positive frequency in hazm, or to be ``attested`` by
    another source: hazm lists non-standard spellings with frequency 0.
    """
    attested = frozenset(attested)
    adjectives = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and "AJ" in fields[2].split(","):
            form = clean_form(fields[0])
            if (
                form is not None
                and ZWNJ not in form
                and (fields[1] != "0" or form in attested)
            ):
                adjectives.add(form)
    return frozenset(adjectives)


def read_verbs(dirs: list[Path]) -> tuple[set[str], set[str]]:
    """Read present and past verb stems from hazm and shekar."""
    present: set[str] = set()
    past: set[str] = set()
    hazm = find_file(dirs, "hazm/data/verbs.dat").read_text(encoding="utf-8")
    for line in hazm.splitlines():
        if "#" in line:
            past_stem, present_stem = line.split("#")[:2]
            past.add(past_stem)
            present.add(present_stem)
    shekar = find_file(dirs, "shekar/data/files/verbs.csv").read_text(encoding="utf-8")
    for line in shekar.splitlines():
        fields = line.split(",")
        if len(fields) >= 2:
            present.add(fields[0])
            past.add(fields[1])
    return {s for s in present if s}, {s for s in past if s}


def fars_texts(path: Path) -> Iterator[str]:
    """Yield title, lead and body of every Fars article."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            for field in ("title", "lead", "body"):
                yield (article.get(field) or "").translate(LETTERS_TABLE)


def corpus_texts(path: Path) -> Iterator[str]:
    """Yield the sentences of a UD-style tsv file (its ``text`` column)."""
    with path.open(encoding="utf-8") as lines:
        header = next(lines).rstrip("\n").split("\t")
        column = header.index("text")
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > column:
                yield fields[column].translate(LETTERS_TABLE)


def count_fars(
    path: Path, corpora: Iterable[Path] = ()
) -> tuple[Counter[str], Counter[str]]:
    """Count word forms and spaced word pairs in Fars and any extra corpora."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    texts = [fars_texts(path), *(corpus_texts(corpus) for corpus in corpora)]
    for text in (t for source in texts for t in source):
        for line in text.splitlines():
            tokens = [t for t in (clean_form(t) for t in line.split()) if t]
            words.update(tokens)
            pairs.update(a + ZWNJ + b for a, b in zip(tokens, tokens[1:], strict=False))
    return words, pairs
