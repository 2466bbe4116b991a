#!/usr/bin/env bash
# Benchmark khabar.moderation.engine against persian-text-guard; prints one table.
# Sets up bench/moderation/.venv (gitignored) for the baseline on first use; the
# engine itself runs in the project venv (it needs only the standard library).
# Usage: bench/moderation/run.sh [--data DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    grep -v '^#' "$here/requirements.txt" | while read -r requirement; do
        [ -n "$requirement" ] || continue
        "$venv/bin/pip" install -q "$requirement" || echo "pip install $requirement failed" >&2
    done
fi
python="$repo/.venv/bin/python"
[ -x "$python" ] || python=python3
cd "$repo"
PYTHONPATH="$repo/src" exec "$python" "$here/bench.py" --guard-python "$venv/bin/python" "$@"
