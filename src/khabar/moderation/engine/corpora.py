"""Read the public training and evaluation sets (build and bench time only).

Nothing here runs when a comment is moderated. The files live outside the
repository (``shared/data``); only what :mod:`.build` derives from them ships.
"""

import csv
import json
from collections.abc import Iterator
from pathlib import Path

OFFENSIVE_LABELS = {"1": 1, "0": 0, "OFF": 1, "NOT": 0, "off": 1, "not": 0}
Labelled = list[tuple[str, int]]


def parsoff(path: Path, split: str) -> Labelled:
    """Return Pars-OFF ``(text, label)`` rows of an official split (train/test)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["text"], OFFENSIVE_LABELS[row["level_a"]])
            for row in csv.DictReader(handle)
            if row["split"] == split
        ]


def phate(path: Path) -> Labelled:
    """Return PHATE ``(text, label)`` rows; label = the HateSpeech flag."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], int(row["HateSpeech"])) for row in csv.DictReader(handle)]


# ArmanEmo emotions that are (almost all) clean comments; HATE and ANGRY are
# often insulting but are not insult labels, so they are never read as either.
CLEAN_EMOTIONS = frozenset({"OTHER", "HAPPY", "SURPRISE", "SAD", "FEAR"})


def armanemo_clean(path: Path) -> Labelled:
    """Return ArmanEmo comments of the clean emotions as ``(text, 0)`` rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["text"], 0)
            for row in csv.DictReader(handle)
            if row["emotion"] in CLEAN_EMOTIONS
        ]


def labelled_csv(path: Path) -> Labelled:
    """Return ``(text, label)`` rows of a site's CSV (``text,label``: 1/0, OFF/NOT)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            label = OFFENSIVE_LABELS.get((row.get("label") or "").strip())
            if label is not None and row.get("text"):
                rows.append((row["text"], label))
        return rows


def word_list(path: Path) -> list[str]:
    """Return the terms of a one-term-a-line list (first TSV column)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    terms = [line.split("\t")[0].strip() for line in lines]
    if path.suffix == ".tsv":
        terms = terms[1:]
    return [term for term in terms if term]


def tsv_rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of a headed TSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def news_paragraphs(path: Path, limit: int = 20000) -> Iterator[str]:
    """Yield titles, leads and paragraphs of the Fars news articles."""
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            for text in [article["title"], article["lead"], *article["paragraphs"]]:
                if text:
                    yield text
                    count += 1
                    if count >= limit:
                        return
