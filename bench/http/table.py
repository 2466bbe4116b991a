"""Print bench/http's results as one Markdown table with the ratios the issue asks."""

import sys
from pathlib import Path


def load(path: Path) -> dict[tuple[str, int], dict[str, float]]:
    rows = {}
    for line in path.read_text().splitlines():
        name, conc, fields = (line.split("\t") + [""])[:3]
        values = dict(item.split("=", 1) for item in fields.split() if "=" in item)
        rows[(name, int(conc))] = {key: float(value) for key, value in values.items()}
    return rows


def main(path: str, profile: str, workers: str) -> None:
    rows = load(Path(path))
    print(f"\n## bench/http — {profile}, {workers} workers\n")
    print(
        "| target | conc | req/s | p50 ms | p99 ms | failed | bytes/resp "
        "| vs WordPress | vs nginx | vs nginx gzip_static |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (name, conc), row in rows.items():
        wordpress = rows.get(("wordpress", conc), {}).get("rps")
        nginx = rows.get(("static-nginx", conc), {}).get("rps")
        nginx_gz = rows.get(("static-nginx-gz", conc), {}).get("rps")
        rps = row.get("rps", 0.0)
        vs_wp = f"{rps / wordpress:.1f}×" if wordpress else "–"
        vs_nginx = f"{100 * rps / nginx:.0f} %" if nginx else "–"
        vs_nginx_gz = f"{100 * rps / nginx_gz:.0f} %" if nginx_gz else "–"
        print(
            f"| {name} | {conc} | {rps:.0f} | {row.get('p50_ms', 0):.1f} | "
            f"{row.get('p99_ms', 0):.1f} | {row.get('non200', 0):.0f} | "
            f"{row.get('bytes_per_resp', 0):.0f} | {vs_wp} | {vs_nginx} | "
            f"{vs_nginx_gz} |"
        )
    for (name, conc), row in rows.items():
        warm = rows.get(("article-warm", conc), {}).get("rps")
        if name == "article-warm-logged" and warm:
            cost = 100 * (1 - row.get("rps", 0.0) / warm)
            print(f"\naccess log on, c={conc}: {cost:.1f} % of warm article throughput")


if __name__ == "__main__":
    main(*sys.argv[1:4])
