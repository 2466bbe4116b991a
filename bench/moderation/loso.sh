#!/usr/bin/env bash
# Leave-one-source-out figures of the insult model (bench/moderation/loso.py).
# The engine's recipe needs only the standard library, so this runs in the
# project venv; one core, a few minutes per recipe.
# Usage: bench/moderation/loso.sh [--recipe engine|baseline] [--set NAME=VALUE] [--save FILE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="$repo/.venv/bin/python"
[ -x "$python" ] || python=python3
cd "$repo"
OMP_NUM_THREADS=1 PYTHONPATH="$repo/src" exec "$python" "$here/loso.py" "$@"
