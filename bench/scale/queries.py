"""Count the SQL queries of each bench/scale page and explain the slow ones.

Run with the bench settings against one database::

    queries.py LABEL OUT_DIR

Renders every page of ``pages.py`` with Django's test client and the page
cache off (one warm-up request, then, right after a simulated publication,
a measured one under ``CaptureQueriesContext``: the render that recomputes
what pages keep per ``site`` version), appends ``label<TAB>page<TAB>status<TAB>queries
<TAB>sql ms<TAB>slowest ms`` lines to OUT_DIR/queries.tsv and writes
``EXPLAIN (ANALYZE, BUFFERS)`` of every query slower than SLOW_MS to
OUT_DIR/explain-LABEL.txt.
"""

import os
import sys
from pathlib import Path

os.environ["KHABAR_PAGE_CACHE"] = "0"

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pages import pages  # noqa: E402  (sets Django up)

from khabar.core.pagecache import page_cache_bump  # noqa: E402

SLOW_MS = 20.0


def main(label: str, out_dir: Path) -> None:
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    slow = []
    with (out_dir / "queries.tsv").open("a") as out:
        for name, path in pages():
            client.get(path)
            page_cache_bump("site")
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            times = [1000 * float(query["time"]) for query in captured.captured_queries]
            out.write(
                f"{label}\t{name}\t{response.status_code}\t{len(times)}\t"
                f"{sum(times):.1f}\t{max(times, default=0):.1f}\n"
            )
            slow += [
                (name, ms, query["sql"])
                for ms, query in zip(times, captured.captured_queries, strict=True)
                if ms > SLOW_MS
            ]
    with (out_dir / f"explain-{label}.txt").open("w") as out, connection.cursor() as c:
        for name, ms, sql in slow:
            c.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in c.fetchall())
            out.write(f"## {name}: {ms:.1f} ms\n\n{sql}\n\n{plan}\n\n")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
