"""Benchmark half-space restoration of khabar.text against hazm, negar and rishe.

Gold: the UD PerDT dev and test sentences (``shared/data/zwnj``). Each gold
sentence is damaged twice: every ZWNJ deleted, and every ZWNJ replaced by a
space. Every tool restores the damaged text; its output is aligned with the gold
letter by letter (spaces and ZWNJ ignored, letter variants folded) and every
gap between two letters is compared:

* precision, recall, F1 of ZWNJ gaps;
* damage: share of gold words without a ZWNJ that got a ZWNJ or a space inside;
* clean: share of gold words that the tool changes when given the gold text;
* throughput: input characters per second, one call per sentence, one core,
  after one warm-up call (tables loaded) but with every cache cold otherwise.

Usage: ``bench/text/run.sh`` (or this script with ``PYTHONPATH=src``).
``--heldout`` scores khabar.text 2-fold instead: each split with a table whose
learned sections were trained on the other split (built in a temporary
directory; the shipped table is not touched), then both splits pooled.
"""

import argparse
import contextlib
import csv
import difflib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ZWNJ = "\u200c"
NONE, SPACE, HALF = 0, 1, 2
SPLITS = ("dev", "test")
FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ـ": None}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)
REPO = Path(__file__).resolve().parents[2]

Tool = Callable[[str], str]


@dataclass
class Score:
    """Accumulate gap counts for one tool on one damage kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    words: int = 0
    damaged: int = 0
    chars: int = 0
    seconds: float = 0.0

    def add(self, other: "Score") -> None:
        """Add ``other``'s counts and time to this score."""
        for name in ("tp", "fp", "fn", "words", "damaged", "chars", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> list[str]:
        """Format precision, recall, F1, damage and speed."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        speed = self.chars / self.seconds if self.seconds else 0.0
        damage = self.damaged / self.words if self.words else 0.0
        return [
            f"{p:.3f}",
            f"{r:.3f}",
            f"{f:.3f}",
            f"{damage:.2%}",
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


def gold_words(text: str) -> list[tuple[int, int, bool]]:
    """Return (first letter, last letter, has ZWNJ) for every gold word."""
    words = []
    index = 0
    for word in text.split():
        count = len(gaps(word)[0])
        if count:
            words.append((index, index + count - 1, ZWNJ in word))
        index += count
    return words


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
    """Add one sentence's gap counts to ``score``."""
    g_letters, g_kinds = gaps(gold)
    o_letters, o_kinds = gaps(out)
    mapping = aligned(g_letters, o_letters)
    for i, g_kind in enumerate(g_kinds[:-1]):
        j = mapping.get(i)
        if j is None or mapping.get(i + 1) != j + 1:
            continue
        o_kind = o_kinds[j]
        score.tp += g_kind == HALF and o_kind == HALF
        score.fp += g_kind != HALF and o_kind == HALF
        score.fn += g_kind == HALF and o_kind != HALF
    for first, last, has_zwnj in gold_words(gold):
        if has_zwnj:
            continue
        score.words += 1
        score.damaged += any(
            mapping.get(i) is not None and o_kinds[mapping[i]] != NONE
            for i in range(first, last)
        )


def run_tool(tool: Tool, golds: list[str], inputs: list[str]) -> Score:
    """Run ``tool`` on every input, timing it, and score against ``golds``."""
    score = Score()
    start = time.perf_counter()
    outputs = [tool(text) for text in inputs]
    score.seconds = time.perf_counter() - start
    score.chars = sum(len(text) for text in inputs)
    for gold, out in zip(golds, outputs, strict=True):
        score_sentence(score, gold, out)
    return score


def clean_counts(tool: Tool, golds: list[str]) -> tuple[int, int]:
    """Count the gold words a tool changes when given clean text, and all words."""
    changed = total = 0
    for gold in golds:
        out = tool(gold).translate(FOLD)
        g_words = gold.translate(FOLD).split()
        total += len(g_words)
        o_words = set(out.split())
        changed += sum(word not in o_words for word in g_words)
    return changed, total


def clean_changes(tool: Tool, golds: list[str]) -> str:
    """Return the share of gold words a tool changes when given clean text."""
    changed, total = clean_counts(tool, golds)
    return f"{changed / total:.2%}"


def load_tools() -> dict[str, Tool | str]:
    """Import every tool; a tool that fails to import is reported by its error."""
    tools: dict[str, Tool | str] = {}
    try:
        from khabar.text import normalize

        tools["khabar.text"] = normalize
    except ImportError as error:
        tools["khabar.text"] = f"not importable: {error}"
    try:
        from hazm import Normalizer as HazmNormalizer

        tools["hazm"] = HazmNormalizer().normalize
    except ImportError as error:
        tools["hazm"] = f"not installed: {error}"
    try:
        from negar.virastar import PersianEditor

        tools["python-negar"] = lambda text: str(PersianEditor(text))
    except ImportError as error:
        tools["python-negar"] = f"not installed: {error}"
    try:
        import rishe

        tools["rishe"] = rishe.Normalizer().normalize
    except ImportError as error:
        tools["rishe"] = f"not installed: {error}"
    return tools


def load_gold(data: Path, splits: tuple[str, ...]) -> list[str]:
    """Read the gold sentences of the given UD PerDT splits."""
    golds = []
    for split in splits:
        with (data / f"ud_perdt_{split}.tsv").open(encoding="utf-8") as handle:
            golds.extend(row["text"] for row in csv.DictReader(handle, delimiter="\t"))
    return golds


def damaged(golds: list[str]) -> dict[str, list[str]]:
    """Return the two damaged inputs: every ZWNJ deleted, and every ZWNJ a space."""
    return {
        "deleted": [g.replace(ZWNJ, "") for g in golds],
        "space": [g.replace(ZWNJ, " ") for g in golds],
    }


def heldout_rows(data: Path) -> list[list[str]]:
    """Score khabar.text 2-fold: each split with a table trained on the other."""
    from khabar.text import build, normalizer, table
    from khabar.text.zwnj import Restorer

    rows: list[list[str]] = []
    pooled = {case: Score() for case in ("deleted", "space")}
    pooled_clean = [0, 0]
    saved = normalizer._restorer
    with tempfile.TemporaryDirectory() as tmp:
        for train, split in (("dev", "test"), ("test", "dev")):
            out = Path(tmp) / f"{train}.txt.gz"
            args = [
                "--train",
                str(data / f"ud_perdt_{train}.tsv"),
                "--output",
                str(out),
            ]
            with contextlib.redirect_stdout(io.StringIO()):
                if build.main(args):
                    raise SystemExit("khabar text build failed")
            lexicon = table.lexicon_from_sections(table.read_sections(out.read_bytes()))
            restorer = Restorer(lexicon)
            normalizer._restorer = lambda restorer=restorer: restorer
            try:
                golds = load_gold(data, (split,))
                tool = normalizer.normalize
                tool("آغاز")
                clean = clean_changes(tool, golds)
                changed, total = clean_counts(tool, golds)
                pooled_clean[0] += changed
                pooled_clean[1] += total
                for case, inputs in damaged(golds).items():
                    score = run_tool(tool, golds, inputs)
                    pooled[case].add(score)
                    rows.append(
                        [f"{split} (trained on {train})", case, *score.row(), clean]
                    )
            finally:
                normalizer._restorer = saved
    clean = f"{pooled_clean[0] / pooled_clean[1]:.2%}"
    for case, score in pooled.items():
        rows.append(["dev+test, pooled", case, *score.row(), clean])
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data/zwnj")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--tools", nargs="*", help="only these tools")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="khabar.text only, each split scored with a table trained on the other",
    )
    args = parser.parse_args(argv)
    head = ["tool", "case", "P", "R", "F1", "damage", "chars/s", "clean"]
    if args.heldout:
        head[0] = "khabar.text, held out"
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in heldout_rows(args.data):
            print("| " + " | ".join(row) + " |", flush=True)
        return 0
    splits = SPLITS if args.split == "all" else (args.split,)
    golds = load_gold(args.data, splits)
    cases = damaged(golds)
    print(
        f"UD PerDT {'+'.join(splits)}: {len(golds)} sentences, "
        f"{sum(g.count(ZWNJ) for g in golds)} ZWNJ\n"
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, tool in load_tools().items():
        if args.tools and name not in args.tools:
            continue
        if isinstance(tool, str):
            print(f"| {name} | – | {tool} |" + " |" * (len(head) - 3))
            continue
        tool("آغاز")  # load tables and models before timing
        rows = [
            [case, *run_tool(tool, golds, inputs).row()]
            for case, inputs in cases.items()
        ]
        clean = clean_changes(tool, golds)
        for row in rows:
            print("| " + " | ".join([name, *row, clean]) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
