"""Benchmark Khabar's search on SQLite and PostgreSQL; print one table.

For each database: a fresh database is created and migrated, ``worker.py``
loads the 1,491 Fars articles as live ArticlePages and measures known-item
retrieval (Khabar's ``search_articles`` next to Wagtail's default database
search), then grows the index with synthetic articles to each size and times
``search_articles``. The database is dropped afterwards. See docs/search.md.

Usage: ``bench/search/run.sh [--backends sqlite,postgres] [--sizes 10000,100000]
[--queries 200] [--postgres postgres://postgres@127.0.0.1:5432/]``
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FARS = REPO.parent / "shared/data/news/fars_news.jsonl"
PG_DB = "khabar_bench"
VARIANTS = [
    "a. as published",
    "a2. Fars original",
    "b. ZWNJ deleted",
    "c. ZWNJ as space",
    "d. Arabic ي/ك",
    "e. Latin digits",
]
TARGET_RANK1 = 0.98
TARGET_P95_MS = 50.0


def _psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url + "postgres", "-q", "-c", sql], check=True)


def run_backend(name: str, args, python: str) -> dict:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="khabar.settings.dev",
        PYTHONPATH=str(REPO / "src"),
    )
    temp = Path(tempfile.mkdtemp(prefix=f"khabar-bench-{name}-"))
    env["KHABAR_VAR_DIR"] = str(temp)
    env.pop("DATABASE_URL", None)
    if name == "postgres":
        _psql(args.postgres, f"DROP DATABASE IF EXISTS {PG_DB}")
        _psql(args.postgres, f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = args.postgres + PG_DB
    out = temp / "result.json"
    try:
        started = time.perf_counter()
        print(f"[{name}] migrating a fresh database", file=sys.stderr, flush=True)
        subprocess.run(
            [str(REPO / ".venv/bin/khabar"), "migrate", "-v0"],
            env=env,
            check=True,
            cwd=REPO,
        )
        command = [
            python,
            str(HERE / "worker.py"),
            "--fars",
            str(args.fars),
            "--sizes",
            args.sizes,
            "--queries",
            str(args.queries),
            "--out",
            str(out),
        ]
        if args.skip_known_item:
            command.append("--skip-known-item")
        subprocess.run(command, env=env, check=True, cwd=REPO)
        result = json.loads(out.read_text(encoding="utf-8"))
        result["seconds"] = time.perf_counter() - started
        return result
    finally:
        if name == "postgres" and not args.keep:
            _psql(args.postgres, f"DROP DATABASE IF EXISTS {PG_DB}")
        if not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
        else:
            print(f"[{name}] kept {temp}", file=sys.stderr)


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def table(results: dict[str, dict], sizes: list[int]) -> str:
    names = list(results)
    known_names = [name for name in names if "known_item" in results[name]]
    lines = [
        "## Known-item retrieval: 1,491 Fars headlines, "
        "rank of the article among the first 20 results",
        "",
    ]
    head = "| query variant | changed |"
    rule = "|---|---:|"
    for name in known_names:
        head += f" {name} Khabar rank-1 | MRR | {name} Wagtail rank-1 | MRR |"
        rule += "---:|---:|---:|---:|"
    lines += [head, rule]
    for variant in VARIANTS:
        if not known_names:
            break
        first = results[known_names[0]]["known_item"]["khabar"][variant]
        row = f"| {variant} | {first['changed']} |"
        for name in known_names:
            known = results[name]["known_item"]
            k, w = known["khabar"][variant], known["wagtail"][variant]
            row += (
                f" {k['rank1']:.3f}{_mark(k['rank1'] >= TARGET_RANK1)} |"
                f" {k['mrr']:.3f} |"
                f" {w['rank1']:.3f} | {w['mrr']:.3f} |"
            )
        lines.append(row)
    lines += [
        "",
        "## Scale: synthetic articles added to the Fars ones (bulk rows), "
        "`search_articles` per query",
        "",
    ]
    lines += [
        "| database | articles | p50 ms | p95 ms | p95 1–4 words | p95 headlines "
        "| max ms | fallback (any word) | "
        "article_index /s | bulk index /s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        for size in sizes:
            m = results[name]["sizes"].get(str(size))
            if not m:
                lines.append(f"| {name} | {size:,} | not measured | | | | | | | |")
                continue
            ok = (
                not (name == "sqlite" and size >= 100_000)
                or m["all"]["p95"] <= TARGET_P95_MS
            )
            lines.append(
                f"| {name} | {m['documents']:,} | {m['all']['p50']:.1f} | "
                f"{m['all']['p95']:.1f}{_mark(ok)} | "
                f"{m['words']['p95']:.1f} | {m['headline']['p95']:.1f} | "
                f"{m['all']['max']:.0f} | "
                f"{m['loose']}/{m['n']} | {m['article_index_rate']:.0f} | "
                f"{m['grow']['bulk_rate']:.0f} |"
            )
    lines += ["", "| other | value |", "|---|---|"]
    for name in names:
        r = results[name]
        rebuild = r["index_rebuild"]
        lines.append(
            f"| {name}: `index_rebuild()` of the 1,491 Fars articles | "
            f"{rebuild['seconds']:.1f} s "
            f"({rebuild['articles'] / rebuild['seconds']:.0f} articles/s) |"
        )
        lines.append(
            f"| {name}: Wagtail `update_index` | "
            f"{r['wagtail_update_index_seconds']:.1f} s |"
        )
        lines.append(
            f"| {name}: whole run (migrate, load, measure) | "
            f"{r['seconds'] / 60:.1f} min ({r['version']}) |"
        )
    lines.append(
        "| tag-suggestion precision@5 | not built yet here: not measured by this "
        "benchmark (a suggester, `search/tagging.py`, and `bench/tags/` appeared "
        "in the tree during this work) |"
    )
    lines += [
        "",
        f"Targets: rank-1 ≥ {TARGET_RANK1} for every variant (Khabar columns); "
        f"p95 ≤ {TARGET_P95_MS:.0f} ms at 100 k articles on SQLite. ✗ = target missed.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--queries", type=int, default=200, help="timed queries per size"
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--fars", type=Path, default=FARS)
    parser.add_argument(
        "--skip-known-item", action="store_true", help="only the scale part"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the databases for inspection"
    )
    parser.add_argument(
        "--json", type=Path, help="also write every measurement (and misses) here"
    )
    args = parser.parse_args()
    if not args.fars.exists():
        sys.exit(f"missing {args.fars} (see shared/data/SOURCES.md)")
    python = str(REPO / ".venv/bin/python")
    started = time.perf_counter()
    results = {
        name: run_backend(name, args, python) for name in args.backends.split(",")
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(table(results, [int(s) for s in args.sizes.split(",")]))
    print(f"\n(total {(time.perf_counter() - started) / 60:.1f} min)")


if __name__ == "__main__":
    main()
