"""Benchmark half-space restoration of khabar.text against hazm, negar and rishe.

Gold, two sources by different teams and styles (``shared/data/zwnj``): the UD
PerDT dev and test sentences (``perdt``) and the NSURL-2019 NER news sentences
(``nsurl``). Each gold sentence is damaged twice: every ZWNJ deleted, and every
ZWNJ replaced by a space. Every tool restores the damaged text and is scored by
:mod:`scoring`: precision, recall and F1 of ZWNJ gaps and damage, each
**either-way** (the plural «ها» and «تر/ترین» may be joined or half-spaced)
and **strict**; damage as a share of gold words without a ZWNJ and per 1,000
words; clean: share of gold words that the tool changes when given the gold
text; throughput: input characters per second, one call per sentence, one
core, after one warm-up call (tables loaded) but with every cache cold.

Usage: ``bench/text/run.sh [--gold perdt|nsurl ...] [--tools NAME ...]``.
``khabar.text keep`` is the ``keep`` style; ``--joined`` rewrites the gold in
the joined style (plurals and comparatives without ZWNJ, except after «ه»),
as a corpus that writes «گروهها»، «بزرگتر» would be.

* ``--cross``: khabar.text across sources. Its learned sections train on one
  source and the other is scored, both ways (tables built in a temporary
  directory; the shipped table is not touched); ``--worst N`` lists the N
  most frequent damaged words of each direction.
* ``--heldout``: khabar.text 2-fold within PerDT (dev scored with a table
  trained on test, and the reverse).
"""

import argparse
import contextlib
import csv
import functools
import io
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from scoring import FOLD, ZWNJ, Score, score_sentence

REPO = Path(__file__).resolve().parents[2]
GOLD_FILES = {
    "perdt": ("ud_perdt_dev.tsv", "ud_perdt_test.tsv"),
    "perdt-dev": ("ud_perdt_dev.tsv",),
    "perdt-test": ("ud_perdt_test.tsv",),
    "nsurl": ("nsurl_ner_news.tsv",),
}
CROSS = (("perdt", "nsurl"), ("nsurl", "perdt"))
HEAD = ["tool", "case", "scoring", "P", "R", "F1", "damage", "per 1k words"]
HEAD += ["chars/s", "clean"]

Tool = Callable[[str], str]


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
        tools["khabar.text keep"] = functools.partial(normalize, style="keep")
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


def load_gold(data: Path, name: str) -> list[str]:
    """Read the gold sentences of one source (a key of ``GOLD_FILES``)."""
    golds = []
    for file in GOLD_FILES[name]:
        with (data / file).open(encoding="utf-8") as handle:
            golds.extend(row["text"] for row in csv.DictReader(handle, delimiter="\t"))
    return golds


def joined_style(golds: list[str]) -> list[str]:
    """Rewrite gold in the joined style: plurals and comparatives without ZWNJ."""
    from khabar.text.style import CHOSEN_GAP_RE

    return [CHOSEN_GAP_RE.sub("", gold) for gold in golds]


def damaged(golds: list[str]) -> dict[str, list[str]]:
    """Return the two damaged inputs: every ZWNJ deleted, and every ZWNJ a space."""
    return {
        "deleted": [g.replace(ZWNJ, "") for g in golds],
        "space": [g.replace(ZWNJ, " ") for g in golds],
    }


def tool_rows(name: str, tool: Tool, golds: list[str]) -> Iterator[list[str]]:
    """Yield one tool's rows (either-way then strict, per damage kind)."""
    tool("آغاز")  # load tables and models before timing
    scores = {
        case: run_tool(tool, golds, inputs) for case, inputs in damaged(golds).items()
    }
    clean = clean_changes(tool, golds)
    for strict in (False, True):
        for case, score in scores.items():
            rule = "strict" if strict else "either-way"
            yield [name, case, rule, *score.row(strict=strict), clean]


def table_tool(data: Path, train: tuple[str, ...], out: Path) -> Tool:
    """Build a table learned from ``train`` files; return a normalizer using it."""
    from khabar.text import build, normalizer, table
    from khabar.text.zwnj import Restorer

    args = ["--output", str(out)]
    for file in train:
        args += ["--train", str(data / file)]
    with contextlib.redirect_stdout(io.StringIO()):
        if build.main(args):
            raise SystemExit("khabar text build failed")
    restorer = Restorer(
        table.lexicon_from_sections(table.read_sections(out.read_bytes()))
    )

    def tool(text: str) -> str:
        saved = normalizer._restorer
        normalizer._restorer = lambda: restorer
        try:
            return normalizer.normalize(text)
        finally:
            normalizer._restorer = saved

    return tool


def cross_rows(data: Path, worst: int) -> Iterator[list[str]]:
    """Yield khabar.text's rows trained on one source and scored on the other."""
    with tempfile.TemporaryDirectory() as tmp:
        for train, test in CROSS:
            tool = table_tool(data, GOLD_FILES[train], Path(tmp) / f"{train}.txt.gz")
            golds = load_gold(data, test)
            label = f"{test} (trained on {train})"
            rows = list(tool_rows(label, tool, golds))
            yield from rows
            if worst:
                print_worst(label, tool, golds, worst)


def print_worst(label: str, tool: Tool, golds: list[str], count: int) -> None:
    """Print the most frequent damaged words (either-way) of both damage kinds."""
    worst: Counter = Counter()
    for inputs in damaged(golds).values():
        worst.update(run_tool(tool, golds, inputs).worst)
    lines = [f"{gold} → {out} ({n})" for (gold, out), n in worst.most_common(count)]
    sys.stderr.write(f"worst damaged words, {label}:\n" + "\n".join(lines) + "\n")


def heldout_rows(data: Path) -> Iterator[list[str]]:
    """Yield khabar.text's rows 2-fold in PerDT, each split with the other's table."""
    with tempfile.TemporaryDirectory() as tmp:
        for train, test in (("perdt-dev", "perdt-test"), ("perdt-test", "perdt-dev")):
            tool = table_tool(data, GOLD_FILES[train], Path(tmp) / f"{train}.txt.gz")
            yield from tool_rows(
                f"{test} (trained on {train})", tool, load_gold(data, test)
            )


def print_table(rows: Iterator[list[str]]) -> None:
    """Print rows as a Markdown table, each as soon as it is known."""
    print("| " + " | ".join(HEAD) + " |")
    print("|" + "---|" * len(HEAD))
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark tables as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data/zwnj")
    parser.add_argument(
        "--gold", nargs="*", choices=sorted(GOLD_FILES), default=["perdt", "nsurl"]
    )
    parser.add_argument("--tools", nargs="*", help="only these tools")
    parser.add_argument(
        "--cross", action="store_true", help="khabar.text across sources"
    )
    parser.add_argument(
        "--heldout", action="store_true", help="khabar.text 2-fold in PerDT"
    )
    parser.add_argument(
        "--worst", type=int, default=0, help="with --cross: list N damaged words"
    )
    parser.add_argument(
        "--joined",
        action="store_true",
        help="gold rewritten with joined plurals and comparatives (گروهها، بزرگتر)",
    )
    args = parser.parse_args(argv)
    if args.cross:
        print_table(cross_rows(args.data, args.worst))
        return 0
    if args.heldout:
        print_table(heldout_rows(args.data))
        return 0
    for gold in args.gold:
        golds = load_gold(args.data, gold)
        if args.joined:
            golds, gold = joined_style(golds), f"{gold}, joined style"
        zwnj = sum(g.count(ZWNJ) for g in golds)
        print(f"\n{gold}: {len(golds)} sentences, {zwnj} ZWNJ\n")
        print_table(_all_tools(golds, args.tools))
    return 0


def _all_tools(golds: list[str], only: list[str] | None) -> Iterator[list[str]]:
    """Yield every installed tool's rows; a missing tool gets one row saying why."""
    for name, tool in load_tools().items():
        if only and name not in only:
            continue
        if isinstance(tool, str):
            yield [name, "–", "–", tool, *[""] * (len(HEAD) - 4)]
        else:
            yield from tool_rows(name, tool, golds)


if __name__ == "__main__":
    sys.exit(main())
