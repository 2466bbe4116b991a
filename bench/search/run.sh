#!/usr/bin/env bash
# Benchmark Khabar's search (latency, index rate, known-item retrieval next to
# Wagtail's default search) on SQLite and PostgreSQL; prints one table.
# Needs only the project venv (.venv) and, for PostgreSQL, a server where a
# database khabar_bench may be created and dropped (default
# postgres://postgres@127.0.0.1:5432/). See docs/search.md.
# Usage: bench/search/run.sh [--backends sqlite,postgres] [--sizes 10000,100000]
#                            [--queries 200] [--postgres URL] [--json FILE] [--keep]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
PYTHONPATH="$repo/src" exec "$repo/.venv/bin/python" "$here/bench.py" "$@"
