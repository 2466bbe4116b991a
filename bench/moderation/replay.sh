#!/usr/bin/env bash
# Replay a held-out source as a new site that learns from its moderators, on one core.
# Usage: bench/moderation/replay.sh [--source parsoff|phate] [--reports 0.25] ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="$repo/.venv/bin/python"
[ -x "$python" ] || python=python3
cd "$repo"
PYTHONPATH="$repo/src" exec taskset -c 0 "$python" "$here/replay.py" "$@"
