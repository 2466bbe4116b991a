"""Benchmark khabar.moderation.engine; print one table (see docs/moderation.md).

Sections: insult P/R/F1 on Pars-OFF test and PHATE test against
persian-text-guard (default and full lists); the ``auto`` pipeline's workload,
leak and wrong rejections; not_persian error rates on the held-out half of the
langid samples plus generated Finglish; evasions; false alarms on clean UD
sentences; throughput and p99 latency.
"""

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from evasions import EVASIONS

from khabar.moderation.engine import DEFAULT_THRESHOLDS, corpora, moderate
from khabar.moderation.engine.curate import FINGLISH_MILD, FINGLISH_STRONG
from khabar.moderation.engine.finglish import FINGLISH_WORDS, to_finglish
from khabar.moderation.engine.langid_build import held_out
from khabar.moderation.engine.lexicon import default_lexicon, read_entries
from khabar.moderation.engine.rules import check_insult, check_not_persian
from khabar.moderation.engine.tokens import tokenize

HOLD = DEFAULT_THRESHOLDS["insult"][0]
IS_INSULT = 0.5  # operating point for precision/recall/F1


def guard_flags(python: str, texts: list[str], which: str) -> list[bool] | None:
    """Run persian-text-guard in its own venv; None if it is not installed."""
    if not Path(python).exists():
        return None
    request = json.dumps({"list": which, "texts": texts})
    result = subprocess.run(
        [python, str(Path(__file__).with_name("guard.py"))],
        input=request,
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stdout) if result.returncode == 0 else None


def prf(flags: list[bool], labels: list[int]) -> str:
    """Return 'P R F1' of flags against labels."""
    tp = sum(1 for f, y in zip(flags, labels, strict=True) if f and y)
    fp = sum(1 for f, y in zip(flags, labels, strict=True) if f and not y)
    fn = sum(1 for f, y in zip(flags, labels, strict=True) if not f and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f}  {r:.3f}  {f1:.3f}"


def pct(part: int, whole: int) -> str:
    """Return a percentage string."""
    return f"{100 * part / whole:5.1f} %" if whole else "   n/a"


def insult_section(sets: dict, guard: str) -> None:
    """Print insult precision/recall/F1 and the auto pipeline's queue shares."""
    print("\n## insult: precision  recall  F1 (test splits)")
    for name, rows in sets.items():
        texts = [t for t, _ in rows]
        labels = [y for _, y in rows]
        verdicts = [moderate(t) for t in texts]
        scores = [check_insult(t, tokenize(t)) for t in texts]
        model = [bool(s and s.score >= IS_INSULT) for s in scores]
        held = [bool(s and s.score >= HOLD) for s in scores]
        lexicon = [bool(default_lexicon().match(t)) for t in texts]
        print(f"{name:9} khabar insult (score >= {IS_INSULT})  {prf(model, labels)}")
        print(f"{name:9} khabar insult (score >= {HOLD}) {prf(held, labels)}")
        print(f"{name:9} khabar lexicon only          {prf(lexicon, labels)}")
        for which in ("default", "full"):
            flags = guard_flags(guard, texts, which)
            shown = prf(flags, labels) if flags else "not installed"
            print(f"{name:9} persian-text-guard {which:8}   {shown}")
        off = [v for v, y in zip(verdicts, labels, strict=True) if y]
        clean = [v for v, y in zip(verdicts, labels, strict=True) if not y]
        held = sum(v.decision == "hold" for v in verdicts)
        leak = sum(v.decision == "publish" for v in off)
        clean_rejected = sum(v.decision == "reject" for v in clean)
        off_rejected = sum(v.decision == "reject" for v in off)
        print(
            f"{name:9} auto: held {pct(held, len(verdicts))} | offensive published"
            f" {pct(leak, len(off))} of offensive, {pct(leak, len(verdicts))} of all"
            f" | clean rejected {pct(clean_rejected, len(clean))}"
            f" | offensive rejected {pct(off_rejected, len(off))}"
        )


def langid_section(source: Path) -> None:
    """Print not_persian flag (hold or reject) and reject rates by language/kind."""
    rows = [(r["lang"], r["kind"], r["text"]) for r in held_out(source)]
    ud = [r["text"] for r in corpora.tsv_rows(source / "zwnj" / "ud_perdt_test.tsv")][
        :500
    ]
    rows += [("finglish", "sentences", to_finglish(t, i)) for i, t in enumerate(ud)]
    for i, t in enumerate(ud):
        words = to_finglish(t, i).split()
        rows.append(("finglish", "word-pairs", " ".join(words[:2])))
    rows += [("finglish", "single-words", w) for w in FINGLISH_WORDS]
    hold, reject = DEFAULT_THRESHOLDS["not_persian"]
    flagged, rejected, total = Counter(), Counter(), Counter()
    for lang, kind, text in rows:
        finding = check_not_persian(text)
        score = finding.score if finding else 0.0
        total[lang, kind] += 1
        flagged[lang, kind] += score >= hold
        rejected[lang, kind] += score >= reject
    print("\n## not_persian on held-out langid rows (odd rows; even rows trained)")
    print("lang      kind          rows  flagged   rejected   (for fa: wrongly)")
    for key in sorted(total):
        print(
            f"{key[0]:9} {key[1]:13} {total[key]:4}  {pct(flagged[key], total[key])}"
            f"   {pct(rejected[key], total[key])}"
        )


def evasion_section(source: Path, guard: str) -> None:
    """Print evasion detection per evasion and false alarms on clean UD text."""
    path = Path(sys.modules["khabar.moderation.engine.lexicon"].__file__).parent
    import gzip

    with gzip.open(path / "data" / "lexicon.tsv.gz", "rt", encoding="utf-8") as f:
        entries = read_entries(f)
    words = [
        w for w, _ in entries if " " not in w and not w.isascii() and "\u200c" not in w
    ]
    print(
        f"\n## evasions: {len(words)} single-word Persian lexicon entries, each evasion"
    )
    print("evasion             khabar     guard default  guard full")
    for name, evade in EVASIONS.items():
        texts = [evade(w) for w in words]
        ours = sum(bool(default_lexicon().match(t)) for t in texts)
        cells = []
        for which in ("default", "full"):
            flags = guard_flags(guard, texts, which)
            cells.append(pct(sum(flags), len(texts)) if flags else "n/a")
        print(f"{name:18}  {pct(ours, len(texts))}   {cells[0]:>12}   {cells[1]:>9}")
    latin = list(FINGLISH_MILD + FINGLISH_STRONG)
    latin_texts = [f"to {w} hasti" for w in latin]
    ours = sum(bool(default_lexicon().match(t)) for t in latin_texts)
    cells = []
    for which in ("default", "full"):
        flags = guard_flags(guard, latin_texts, which)
        cells.append(pct(sum(flags), len(latin_texts)) if flags else "n/a")
    print(
        f"{'finglish':18}  {pct(ours, len(latin_texts))}   {cells[0]:>12}"
        f"   {cells[1]:>9}   ({len(latin)} Latin spellings)"
    )
    clean = []
    for split in ("dev", "test"):
        clean += [
            r["text"]
            for r in corpora.tsv_rows(source / "zwnj" / f"ud_perdt_{split}.tsv")
        ]
    lex = sum(bool(default_lexicon().match(t)) for t in clean)
    insult = sum(
        bool((s := check_insult(t, tokenize(t))) and s.score >= IS_INSULT)
        for t in clean
    )
    not_published = sum(moderate(t).decision != "publish" for t in clean)
    print(f"\n## false alarms on {len(clean)} clean UD PerDT sentences (dev+test)")
    print(
        f"khabar lexicon hits {lex} | insult >= {IS_INSULT} {insult}"
        f" | pipeline not published {not_published}"
    )
    for which in ("default", "full"):
        flags = guard_flags(guard, clean, which)
        print(f"persian-text-guard {which}: {sum(flags) if flags else 'n/a'}")


def latency(texts: list[str], article: str) -> tuple[float, float, float]:
    """Return (decisions per second, p99 ms, max ms) over ``texts``."""
    times = []
    start = time.perf_counter()
    for text in texts:
        begin = time.perf_counter()
        moderate(text, article_text=article)
        times.append(time.perf_counter() - begin)
    total = time.perf_counter() - start
    times.sort()
    p99 = times[int(0.99 * (len(times) - 1))] * 1000
    return len(texts) / total, p99, times[-1] * 1000


def speed_section(texts: list[str], long_texts: list[str], article: str) -> None:
    """Print decisions per second and p99 latency on one core."""
    moderate(texts[0], article_text=article)  # load the tables once
    rate, p99, worst = latency(texts, article)
    print(f"\n## speed: tweets {rate:.0f}/s, p99 {p99:.1f} ms, max {worst:.1f} ms")
    rate, p99, worst = latency(long_texts, article)
    print(
        f"{len(long_texts)} news paragraphs cut to 1,000 characters: {rate:.0f}/s,"
        f" p99 {p99:.1f} ms, max {worst:.1f} ms"
    )
    big = ("این یک متن بسیار طولانی است که برای آزمون نوشته شده " * 2000)[:100_000]
    begin = time.perf_counter()
    moderate(big, article_text=article)
    print(f"one 100 KB input: {(time.perf_counter() - begin) * 1000:.0f} ms")


def main() -> int:
    """Run every section and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--guard-python", default="")
    parser.add_argument("--only-speed", action="store_true")
    args = parser.parse_args()
    off = args.data / "offensive"
    sets = {
        "Pars-OFF": corpora.parsoff(off / "parsoff_all.csv", "test"),
        "PHATE": corpora.phate(off / "phate_test.csv"),
    }
    if not args.only_speed:
        insult_section(sets, args.guard_python)
        langid_section(args.data)
        evasion_section(args.data, args.guard_python)
    with open(args.data / "news" / "fars_news.jsonl", encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle]
    article = " ".join(articles[0][k] for k in ("title", "lead", "body"))
    tweets = [t for t, _ in sets["PHATE"]] + [t for t, _ in sets["Pars-OFF"]]
    long_texts = [a["body"][:1000] for a in articles[300:] if len(a["body"]) >= 1000]
    speed_section(tweets, long_texts[:500], article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
