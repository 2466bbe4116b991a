"""Sweep the insult rule's (hold, reject) thresholds on validation data.

Validation = the Pars-OFF *train* rows the build holds out (CRC-32 of the text
% 10 == 0; the model never trains on them) and PHATE's val file; the test
splits are never read here. For each pair of thresholds the ``auto`` pipeline
is run and the bench's figures are printed: workload (share held for a
person), leak (offensive published, as % of all and % of offensive) and clean
rejected (% of clean). ``DEFAULT_THRESHOLDS`` is chosen from this table.

Usage: PYTHONPATH=src .venv/bin/python bench/moderation/thresholds.py [--data DIR]
"""

import argparse
import sys
from pathlib import Path

from khabar.moderation.engine import corpora, moderate
from khabar.moderation.engine.build import validation_rows
from khabar.moderation.engine.pipeline import decide, resolve_thresholds

HOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
REJECTS = (0.8, 0.85, 0.9, 0.92, 0.95, 0.97)
MAX_WRONG = 0.5  # % of clean comments rejected
MAX_WORKLOAD = 30.0  # % of all comments held


def figures(verdicts: list[str], labels: list[int]) -> tuple[float, ...]:
    """Return (held %, leak % of all, leak % of offensive, clean rejected %)."""
    total = len(labels)
    offensive = sum(labels) or 1
    clean = (total - sum(labels)) or 1
    held = sum(v == "hold" for v in verdicts)
    leak = sum(v == "publish" for v, y in zip(verdicts, labels, strict=True) if y)
    wrong = sum(v == "reject" for v, y in zip(verdicts, labels, strict=True) if not y)
    return (
        100 * held / total,
        100 * leak / total,
        100 * leak / offensive,
        100 * wrong / clean,
    )


def main() -> int:
    """Print the sweep for each validation set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    args = parser.parse_args()
    off = args.data / "offensive"
    sets = {
        "Pars-OFF val": validation_rows(
            corpora.parsoff(off / "parsoff_all.csv", "train")
        ),
        "PHATE val": corpora.phate(off / "phate_val.csv"),
    }
    table = {}
    for name, rows in sets.items():
        labels = [label for _, label in rows]
        print(f"\n## {name}: {len(rows)} rows, {sum(labels)} offensive")
        print("hold  reject  held %  leak % all  leak % off  clean rejected %")
        # Every insult score is kept as a finding (hold 0), then decided per pair.
        found = [
            moderate(t, thresholds={"insult": (0.0, 1.0)}).findings for t, _ in rows
        ]
        for hold in HOLDS:
            for reject in REJECTS:
                limits = resolve_thresholds({"insult": (hold, reject)})
                verdicts = [decide(f, limits)[0] for f in found]
                table[name, hold, reject] = row = figures(verdicts, labels)
                held, leak, leak_off, wrong = row
                print(
                    f"{hold:4.2f}  {reject:6.2f}  {held:6.1f}  {leak:10.1f}"
                    f"  {leak_off:10.1f}  {wrong:16.1f}"
                )
    hold, reject = choose(table)
    print(f"\nchosen on Pars-OFF val: insult hold {hold}, reject {reject}")
    return 0


def choose(table: dict) -> tuple[float, float]:
    """Pick the default pair from the Pars-OFF validation rows.

    Reject: the lowest threshold that wrongly rejects at most ``MAX_WRONG`` %
    of the clean comments (half the 1 % target: a margin for unseen data).
    Hold: the lowest threshold (least leak) that keeps the workload at or
    under ``MAX_WORKLOAD`` % with that reject threshold.
    """
    name = "Pars-OFF val"
    reject = min(
        (r for r in REJECTS if table[name, HOLDS[0], r][3] <= MAX_WRONG),
        default=REJECTS[-1],
    )
    hold = min(
        (h for h in HOLDS if table[name, h, reject][0] <= MAX_WORKLOAD),
        default=HOLDS[-1],
    )
    return hold, reject


if __name__ == "__main__":
    sys.exit(main())
