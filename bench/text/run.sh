#!/usr/bin/env bash
# Benchmark khabar.text against hazm, python-negar and rishe on PerDT and NSURL.
# Sets up bench/text/.venv (gitignored) on first use, then prints one table.
# Usage: bench/text/run.sh [--gold perdt|nsurl ...] [--tools NAME ...]
#        bench/text/run.sh --cross [--worst N] | --heldout
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    # Each package on its own, so that one failing install is reported in the
    # table (as "not installed") instead of stopping the benchmark.
    grep -v '^#' "$here/requirements.txt" | while read -r requirement; do
        [ -n "$requirement" ] || continue
        "$venv/bin/pip" install -q "$requirement" || echo "pip install $requirement failed" >&2
    done
fi
cd "$repo"
PYTHONPATH="$repo/src" exec "$venv/bin/python" "$here/bench.py" "$@"
