#!/usr/bin/env bash
# bench/http/run.sh [--pg]: Khabar's pages under load, next to nginx serving the
# same article as a static file (the ceiling) and stock WordPress (the anchor).
#
# Starts everything it needs on 127.0.0.1 and stops it again:
#   - Khabar started by `khabar serve --prod` exactly as shipped (granian by
#     default), once with the page cache (:8021), once without it (:8022,
#     every request renders), and once with the access log on (:8025,
#     KHABAR_ACCESS_LOG to a file);
#   - nginx with gzip serving the article HTML Khabar rendered (:8023, the
#     issue's ceiling: it compresses each answer), and the same file
#     pre-compressed with gzip_static (:8024, the stricter ceiling);
#   - WordPress via ../shared/bench/anchors/setup-wordpress.sh (run its setup
#     once first; skipped with a note when it is not installed).
# SQLite by default; --pg uses PostgreSQL (database khabar_http) and Redis (db 7).
# Knobs: DUR=10 (seconds per run), CONCS="8 32", POST_CONC="8 32", WORKERS (as serve),
# THREADS (as serve: granian 2, gunicorn 4; keep-alive),
# SERVER=granian|gunicorn (granian, as `khabar serve --prod`), ONLY="article-warm home-warm …" (a subset of targets).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
anchors=$repo/../shared/bench/anchors
seed=$repo/../shared/seeds/000_74ed4e50eb75564b.txt
py=$repo/.venv/bin/python
DUR=${DUR:-10}
CONCS=${CONCS:-"8 32"}
POST_CONC=${POST_CONC:-"8 32"}
SERVER=${SERVER:-granian}
# As `khabar serve --prod`: granian 1 process per core × 2 threads,
# gunicorn 2 per core × 4 threads.
if [ "$SERVER" = granian ]; then per_core=1 threads=2; else per_core=2 threads=4; fi
WORKERS=${WORKERS:-$((per_core * $(nproc)))}
THREADS=${THREADS:-$threads}
ONLY=${ONLY:-}
profile=sqlite
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx-light" >&2; exit 1; }

work=$(mktemp -d /tmp/khabar-http.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -s "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ "${wp_started:-0}" = 1 ] && "$anchors/setup-wordpress.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

export KHABAR_VAR_DIR=$work/var SECRET_KEY=bench-only-secret KHABAR_SECURE_COOKIES=0
export KHABAR_SSL_REDIRECT=0 KHABAR_HSTS_SECONDS=0  # plain HTTP on loopback
export KHABAR_TASKS=immediate ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SETTINGS_MODULE=settings_bench PYTHONPATH=$here:$repo/src
if [ "${1:-}" = "--pg" ]; then
    profile=postgres
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS khabar_http" \
        -c "CREATE DATABASE khabar_http" >/dev/null
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/khabar_http
    export REDIS_URL=redis://127.0.0.1:6379/7
    redis-cli -n 7 flushdb >/dev/null
fi

echo "# preparing ($profile) in $work" >&2
"$py" "$here/prepare.py" "$work" "$seed" 40000 >/dev/null
"$py" -m khabar.cli collectstatic --noinput -v0
# shellcheck disable=SC1091
source "$work/csrf.env"

serve() { # serve PORT CACHE [ACCESS_LOG]: `khabar serve --prod` as shipped
    KHABAR_PAGE_CACHE=$2 KHABAR_ACCESS_LOG=${3:-} KHABAR_SERVER=$SERVER \
        KHABAR_WORKERS=$WORKERS KHABAR_THREADS=$THREADS \
        "$repo/.venv/bin/khabar" serve --prod "127.0.0.1:$1" >"$work/server-$1.log" 2>&1 &
    pids+=($!)
}
up() { # up PORT: wait until the server answers (each collects static files first)
    for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.2; done
    echo "the server on :$1 did not start; see $work/server-$1.log" >&2; exit 1
}
serve 8021 1 && up 8021
serve 8022 0 && up 8022
# The same as :8021 with the access log on, written to a rotated file.
serve 8025 1 "$work/access.log" && up 8025

mkdir -p "$work/static"
chmod 755 "$work" "$work/static"  # nginx's workers run as another user
curl -sf "http://127.0.0.1:8021$ARTICLE_PATH" -o "$work/static/article.html"
gzip -6 -k -n "$work/static/article.html"  # for the pre-compressed ceiling (:8024)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log $work/nginx-access.log;
    sendfile on;
    gzip on;
    server {
        listen 127.0.0.1:8023;
        root $work/static;
        location / { default_type text/html; }
    }
    server {
        listen 127.0.0.1:8024;
        root $work/static;
        gzip_static on;
        location / { default_type text/html; }
    }
}
CONF
nginx -c "$work/nginx.conf"

wp_url=""
if [ -x "$anchors/setup-wordpress.sh" ] && "$anchors/setup-wordpress.sh" start >/dev/null 2>&1; then
    wp_started=1
    wp_url=$("$anchors/setup-wordpress.sh" status 2>&1 | grep -o 'http://127.0.0.1:8081/[^ ]*' | head -1 || true)
fi

results=$work/results.tsv
measure() { # measure NAME CONC URL [LUA]
    local name=$1 conc=$2 url=$3 lua=${4:-$anchors/get.lua} out
    if [ -n "$ONLY" ] && [[ " $ONLY " != *" $name "* ]]; then return; fi
    for _ in 1 2 3; do curl -s -o /dev/null -H 'Accept-Encoding: gzip' "$url" || true; done
    sleep 1
    out=$(wrk -t1 -c"$conc" -d"${DUR}s" --timeout 10s --latency -s "$lua" "$url" 2>&1)
    echo "$out" >"$work/wrk-$name-$conc.txt"
    printf '%s\t%s\t%s\n' "$name" "$conc" \
        "$(echo "$out" | sed -n 's/^RESULT \([a-z0-9_]*\)=\(.*\)$/\1=\2/p' | paste -sd' ')" >>"$results"
}

article=$ARTICLE_PATH
search="/search/?q=%D8%B3%D9%88%D8%B1%DB%8C%D9%87"
for conc in $CONCS; do
    measure static-nginx "$conc" "http://127.0.0.1:8023/article.html"
    measure static-nginx-gz "$conc" "http://127.0.0.1:8024/article.html"
    [ -n "$wp_url" ] && measure wordpress "$conc" "$wp_url"
    measure article-warm "$conc" "http://127.0.0.1:8021$article"
    measure article-warm-logged "$conc" "http://127.0.0.1:8025$article"
    measure article-miss "$conc" "http://127.0.0.1:8022$article"
    measure home-warm "$conc" "http://127.0.0.1:8021/"
    measure home-miss "$conc" "http://127.0.0.1:8022/"
    measure search "$conc" "http://127.0.0.1:8021$search"
    measure search-miss "$conc" "http://127.0.0.1:8022$search"
done
export CAPTCHAS=$work/captchas.tsv CSRF_COOKIE CSRF_TOKEN ARTICLE_CODE
if [ -z "$ONLY" ] || [[ " $ONLY " == *" comment-post "* ]]; then
    # Warm every worker's POST path (the moderation tables load on first use)
    # with captchas from the far end of the list; not measured.
    CAPTCHA_OFFSET=30000 COMMENT_RUN_TAG=warm wrk -t1 -c"${POST_CONC%% *}" -d3s \
        -s "$here/comment.lua" "http://127.0.0.1:8021" >/dev/null 2>&1 || true
fi
# Each concurrency spends its own stretch of the captcha list (10,000 each;
# a spent captcha would be refused as a replay).
offset=0
for conc in $POST_CONC; do
    export CAPTCHA_OFFSET=$offset
    measure comment-post "$conc" "http://127.0.0.1:8021" "$here/comment.lua"
    offset=$((offset + 10000))
done

"$py" "$here/table.py" "$results" "$profile" "$SERVER $WORKERS×$THREADS"
