"""Print bench/scale's results: small against big database, as ratios.

    report.py WORK_DIR FLAG_FILE SERVER DUR CONC

Reads WORK_DIR/results.tsv (bench/http's format, names ``phase:site:page``,
parsed by bench/http/table.py), WORK_DIR/first.tsv (the first render after
a publication, seconds), WORK_DIR/queries.tsv, WORK_DIR/sizes.env,
WORK_DIR/explain-big.txt and the big database's flag file (generation
figures).
"""

import sys
from pathlib import Path

from table import load  # bench/http/table.py

TARGET = 1.5


def env(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (
        line.split("=", 1) for line in path.read_text().splitlines() if "=" in line
    )
    return {key: value.strip('"') for key, value in pairs}


def rate(rps: float, row: dict) -> str:
    """Requests a second; a page measured by one request says so."""
    if row.get("single"):
        return f"{rps:.2f} (1 request)"
    return f"{rps:.0f}"


def main(work: str, flag: str, server: str, dur: str, conc: str) -> None:
    work_dir = Path(work)
    rows = {name: row for (name, _conc), row in load(work_dir / "results.tsv").items()}
    pages = list(dict.fromkeys(name.split(":", 2)[2] for name in rows))
    generated = env(Path(flag))
    sizes = env(work_dir / "sizes.env")
    print(
        f"\n## bench/scale — small vs big database ({server}, "
        f"wrk -t1 -c{conc}, {dur} s each)\n"
    )
    print(
        f"big: {int(generated.get('ARTICLES', 0)):,} generated articles, "
        f"{int(generated.get('COMMENTS', 0)):,} comments; "
        f"database {sizes.get('SIZE_big', '?')} "
        f"(small {sizes.get('SIZE_small', '?')}); "
        f"generation {float(generated.get('GEN_total', 0)):.0f} s\n"
    )
    print(
        "| page | cache | small req/s | big req/s | ratio | p99 small / big ms "
        "| failed small / big | met (≤ 1.5×) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for phase in ("warm", "miss", "post"):
        for page in pages:
            small = rows.get(f"{phase}:small:{page}", {})
            big = rows.get(f"{phase}:big:{page}", {})
            if not small and not big:
                continue
            small_rps, big_rps = small.get("rps", 0.0), big.get("rps", 0.0)
            ratio = small_rps / big_rps if big_rps else float("inf")
            failed = (
                f"{small.get('non200', 0) + small.get('errors', 0):.0f} / "
                f"{big.get('non200', 0) + big.get('errors', 0):.0f}"
            )
            small_cell = rate(small_rps, small)
            big_cell = rate(big_rps, big)
            print(
                f"| {page} | {'off' if phase == 'miss' else 'on'} | {small_cell} | "
                f"{big_cell} | {ratio:.2f}× | {small.get('p99_ms', 0):.1f} / "
                f"{big.get('p99_ms', 0):.1f} | {failed} | "
                f"{'yes' if ratio <= TARGET else 'no'} |"
            )

    first = work_dir / "first.tsv"
    if first.exists():
        seconds = dict(line.split("\t") for line in first.read_text().splitlines())
        print("\n### First render after a publication (page cache off, one request)\n")
        print("| page | small ms | big ms | ratio | met (≤ 1.5×) |")
        print("|---|---|---|---|---|")
        for page in pages:
            if f"miss:small:{page}" not in seconds:
                continue
            small = 1000 * float(seconds.get(f"miss:small:{page}", "nan"))
            big = 1000 * float(seconds.get(f"miss:big:{page}", "nan"))
            ratio = big / small if small else float("inf")
            print(
                f"| {page} | {small:.0f} | {big:.0f} | {ratio:.2f}× | "
                f"{'yes' if ratio <= TARGET else 'no'} |"
            )

    queries: dict[str, dict[str, list[str]]] = {}
    path = work_dir / "queries.tsv"
    if path.exists():
        for line in path.read_text().splitlines():
            site, page, *values = line.split("\t")
            queries.setdefault(page, {})[site] = values
    if queries:
        print(
            "\n### SQL queries per page (page cache off, right after a "
            "publication, Django test client)\n"
        )
        print(
            "| page | queries small / big | SQL ms small / big "
            "| slowest ms small / big |"
        )
        print("|---|---|---|---|")
        for page, by_site in queries.items():
            small = by_site.get("small", ["?"] * 4)
            big = by_site.get("big", ["?"] * 4)
            print(
                f"| {page} | {small[1]} / {big[1]} | {small[2]} / {big[2]} | "
                f"{small[3]} / {big[3]} |"
            )
    explain = work_dir / "explain-big.txt"
    if explain.exists() and explain.read_text().strip():
        slow = [
            line[3:] for line in explain.read_text().splitlines() if line[:3] == "## "
        ]
        print(f"\nQueries over 20 ms on the big database ({explain}):")
        for line in slow:
            print(f"- {line}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
