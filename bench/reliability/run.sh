#!/usr/bin/env bash
# bench/reliability/run.sh [--pg]: 20,000 comments from 64 clients against
# Khabar's production profile (granian, as bench/http/run.sh; SERVER=gunicorn
# for gunicorn), a kill -9 of the server's processes at 40 % and, with --pg,
# a PostgreSQL restart at 60 %; then every acknowledged comment is looked up
# in the database. SQLite by default; --pg uses PostgreSQL (database
# khabar_reliability) and Redis (db 11).
# Knobs: N=20000 CLIENTS=64 FAULTS=1 READERS=2 IP_BLOCK=8 PORT=8031
# WORKERS=2*cores THREADS=4 SERVER=granian KHABAR_BENCH_DBFAULTS=0
# KEEP_WORK=0 (see run.py).
# Exit status 0 only when nothing was lost, duplicated or corrupted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
exec "$repo/.venv/bin/python" "$here/run.py" "$@"
