#!/usr/bin/env bash
# Fit a grid of scikit-learn n-gram models on the insult model's training data
# and print their Pars-OFF figures (bench/moderation/ceiling.py). Sets up
# bench/moderation/.venv-ceiling (gitignored) with scikit-learn on first use.
# Usage: bench/moderation/ceiling.sh [--data DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv-ceiling"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "scikit-learn>=1.5,<2" "scipy" "numpy"
fi
cd "$repo"
exec "$venv/bin/python" "$here/ceiling.py" "$@"
