"""Print how often the not_persian rule holds or rejects, per source.

Held means a not_persian score at or above the hold threshold, rejected a
reject score at or above the reject threshold (``DEFAULT_THRESHOLDS``). Sources:
ArmanEmo real comments (all Persian; the file does not say which platform a
comment came from, so it is split by length instead), the held-out (odd) rows
of the lingua langid samples per language and kind, generated Finglish (should
be held, never rejected) and the Digikala product comments (all Persian).

Usage: PYTHONPATH=src .venv/bin/python bench/moderation/langid_comments.py
[--data DIR] [--skip digikala] [--show N]. ``--show`` prints the N highest
scored Persian comments of each source to the terminal, for diagnosis only.
"""

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from khabar.moderation.engine import DEFAULT_THRESHOLDS, corpora
from khabar.moderation.engine.finglish import FINGLISH_WORDS, to_finglish
from khabar.moderation.engine.langid_build import held_out
from khabar.moderation.engine.rules import check_not_persian

HOLD, REJECT = DEFAULT_THRESHOLDS["not_persian"]
PERSIAN = "fa"
LENGTH_BUCKETS = ((1, 3, "1-3 words"), (4, 7, "4-7 words"), (8, 10**9, "8+ words"))


def scores(text: str) -> tuple[float, float]:
    """Return the (hold, reject) scores of the not_persian rule for ``text``."""
    finding = check_not_persian(text)
    return (finding.score, finding.reject_score) if finding else (0.0, 0.0)


def length_bucket(text: str) -> str:
    """Name the length bucket of a comment by its whitespace words."""
    count = len(text.split())
    return next(name for low, high, name in LENGTH_BUCKETS if low <= count <= high)


def armanemo_rows(source: Path) -> list[tuple[str, str, str]]:
    """Return (group, lang, text) rows of ArmanEmo: all and by length."""
    path = source / "comments" / "armanemo.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    rows = [("armanemo all", PERSIAN, text) for text in texts]
    rows += [(f"armanemo {length_bucket(text)}", PERSIAN, text) for text in texts]
    return rows


def lingua_rows(source: Path) -> list[tuple[str, str, str]]:
    """Return (group, lang, text) rows of the held-out langid samples."""
    return [
        (f"lingua {row['lang']} {row['kind']}", row["lang"], row["text"])
        for row in held_out(source)
    ]


def finglish_rows(source: Path) -> list[tuple[str, str, str]]:
    """Return (group, lang, text) rows of Finglish made from UD sentences."""
    ud = corpora.tsv_rows(source / "zwnj" / "ud_perdt_test.tsv")[:500]
    rows = []
    for index, row in enumerate(ud):
        text = to_finglish(row["text"], index)
        rows.append(("finglish sentences", "finglish", text))
        rows.append(("finglish word-pairs", "finglish", " ".join(text.split()[:2])))
    rows += [("finglish single-words", "finglish", word) for word in FINGLISH_WORDS]
    return rows


def digikala_rows(source: Path) -> list[tuple[str, str, str]]:
    """Return (group, lang, text) rows of the Digikala product comments."""
    path = source / "comments" / "digikala_comments.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [("digikala all", PERSIAN, line) for line in lines if line.strip()]


SOURCES = {
    "armanemo": armanemo_rows,
    "lingua": lingua_rows,
    "finglish": finglish_rows,
    "digikala": digikala_rows,
}


def report(rows: list[tuple[str, str, str]], show: int) -> None:
    """Print held and rejected shares per group (for Persian: wrongly)."""
    held, rejected, total = defaultdict(int), defaultdict(int), defaultdict(int)
    worst = defaultdict(list)
    started = time.perf_counter()
    for group, lang, text in rows:
        hold_score, reject_score = scores(text)
        total[group] += 1
        held[group] += hold_score >= HOLD
        rejected[group] += reject_score >= REJECT
        if lang == PERSIAN and show and hold_score >= HOLD:
            worst[group].append((hold_score, text))
    elapsed = time.perf_counter() - started
    print(f"{'source':32} {'rows':>5}  {'held>=' + str(HOLD):>9}  rejected")
    for group in sorted(total):
        share = 100 * held[group] / total[group]
        reject_share = 100 * rejected[group] / total[group]
        print(f"{group:32} {total[group]:5}  {share:7.2f} %  {reject_share:6.2f} %")
    print(f"\n{len(rows)} checks in {elapsed:.2f} s ({len(rows) / elapsed:.0f}/s)")
    for group, items in sorted(worst.items()):
        print(f"\n## {group}: highest scored (diagnosis only)")
        for hold_score, text in sorted(items, reverse=True)[:show]:
            print(f"{hold_score:.3f}  {text[:160]!r}")


def main() -> None:
    """Parse arguments, gather the rows of the chosen sources and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--skip", action="append", default=[], choices=SOURCES)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    rows = []
    for name, read in SOURCES.items():
        if name not in args.skip:
            rows += read(args.data)
    print(f"not_persian: hold >= {HOLD}, reject >= {REJECT}; Persian rows: wrongly")
    report(rows, args.show)


if __name__ == "__main__":
    main()
