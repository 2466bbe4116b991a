#!/usr/bin/env bash
# bench/scale/run.sh [--reuse-big] [--prepare-only]: Khabar's public pages on a small database
# and on one with ARTICLES stories and COMMENTS comments, in one run, as ratios.
#
#   small: khabar_scale_small, bench/http/prepare.py (demo stories and the
#          reference article 1224974 with 20 comments) plus bench/scale/generate.py
#          with SMALL_ARTICLES (10,000) and SMALL_COMMENTS (100,000; 0 for none);
#   big:   khabar_scale_big, the same plus bench/scale/generate.py.
# --reuse-big (or REUSE_BIG=1) keeps an already generated big database: its
# flag file ($SCALE_DIR/big/generated.env) is written after a generation and
# must name the same ARTICLES and COMMENTS. --prepare-only stops once both
# databases are ready (e.g. to generate the big one ahead, under nohup).
#
# Both sites run the production profile (granian, one process per core × 2
# threads, as `khabar serve --prod` and bench/http/run.sh; SERVER=gunicorn for
# gthread 2 per core × 4 threads; PostgreSQL, Redis db 8 with a key prefix
# per site): small on :8041, big on
# :8042, first with the page cache on, then restarted with it off (every
# request renders). wrk -t1 loads each page for DUR seconds at CONC, small
# and big one after the other per page; a page whose first request takes
# more than SLOW_S (2) seconds is reported from that single request. With the
# page cache off, the first render after a (simulated) publication is also
# timed alone (first.tsv): it recomputes what renders keep per ``site``
# version. Then queries.py counts each page's SQL queries (page cache off,
# right after a publication) and explains those slower than 20 ms. Last,
# comment POSTs (bench/http/comment.lua) go to the reference story of each
# site, page cache on, POST_CAPTCHAS (20,000) captchas each; they are deleted
# again afterwards (unpost.py), so the kept big database's reference story
# shows the same comments as the small one's. PAGES="home
# search comment-post" loads only those (names as in pages.py).
# Why granian: gunicorn's gthread workers each accept in a loop, so wrk's
# keep-alive connections, opened at once, often all land on one process;
# the same cached page then measured 4,000 or 12,500 req/s from run to run.
# Knobs: ARTICLES=1000000 COMMENTS=10000000 SMALL_ARTICLES=10000 SMALL_COMMENTS=100000 DUR=10 CONC=8 POST_CAPTCHAS=20000 PAGES
# SERVER=granian|gunicorn WORKERS THREADS (as serve) SCALE_DIR=/tmp/khabar-scale
# DB_PREFIX=khabar_scale (databases ${DB_PREFIX}_small and ${DB_PREFIX}_big).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seed=$repo/../shared/seeds/000_74ed4e50eb75564b.txt
get_lua=$repo/../shared/bench/anchors/get.lua
py=$repo/.venv/bin/python
gunicorn=$repo/.venv/bin/gunicorn
granian=$repo/.venv/bin/granian
ARTICLES=${ARTICLES:-1000000}
COMMENTS=${COMMENTS:-10000000}
# The issue compares a million stories with ten thousand: the small site is
# generated the same way, so its listings are as full as the big one's.
SMALL_ARTICLES=${SMALL_ARTICLES:-10000}
SMALL_COMMENTS=${SMALL_COMMENTS:-100000}
DUR=${DUR:-10}
CONC=${CONC:-8}
SERVER=${SERVER:-granian}
if [ "$SERVER" = granian ]; then per_core=1 threads=2; else per_core=2 threads=4; fi
WORKERS=${WORKERS:-$((per_core * $(nproc)))}
THREADS=${THREADS:-$threads}
SCALE_DIR=${SCALE_DIR:-/tmp/khabar-scale}
DB_PREFIX=${DB_PREFIX:-khabar_scale}
REUSE_BIG=${REUSE_BIG:-0}
PREPARE_ONLY=0
for arg in "$@"; do
    case $arg in
    --reuse-big) REUSE_BIG=1 ;;
    --prepare-only) PREPARE_ONLY=1 ;;
    *) echo "usage: $0 [--reuse-big] [--prepare-only]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)

work=$(mktemp -d /tmp/khabar-scale-run.XXXXXX)
pids=()
stop_servers() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap stop_servers EXIT

export SECRET_KEY=bench-only-secret KHABAR_SECURE_COOKIES=0
export KHABAR_SSL_REDIRECT=0 KHABAR_HSTS_SECONDS=0  # plain HTTP on loopback
export KHABAR_TASKS=immediate ALLOWED_HOSTS=127.0.0.1,localhost
export REDIS_URL=redis://127.0.0.1:6379/8
export PYTHONPATH=$here:$repo/bench/http:$repo/src

site_env() { # site_env small|big: the variables of one site
    export KHABAR_VAR_DIR=$SCALE_DIR/$1/var KHABAR_CACHE_PREFIX=khabar-scale-$1
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/${DB_PREFIX}_$1
}

fresh() { # fresh small|big: a new database with bench/http's prepared site
    local db=${DB_PREFIX}_$1
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
        2>/dev/null
    rm -rf "${SCALE_DIR:?}/$1"
    mkdir -p "$SCALE_DIR/$1/var"
    (site_env "$1" && DJANGO_SETTINGS_MODULE=settings_bench \
        "$py" "$repo/bench/http/prepare.py" "$SCALE_DIR/$1" "$seed" 1 >/dev/null)
}

generated_count() {
    "${PSQL[@]}" -At -d "${DB_PREFIX}_big" -c \
        "SELECT count(*) FROM newsroom_articlepage WHERE news_code >= 2000000" 2>/dev/null ||
        echo 0
}

echo "# small database: $SMALL_ARTICLES generated articles, $SMALL_COMMENTS comments" >&2
fresh small
if [ "$SMALL_ARTICLES" -gt 0 ]; then
    (site_env small && DJANGO_SETTINGS_MODULE=settings_bench \
        "$py" "$here/generate.py" --articles "$SMALL_ARTICLES" --comments "$SMALL_COMMENTS") \
        >"$SCALE_DIR/generate-small.log" 2>&1
fi
flag=$SCALE_DIR/big/generated.env
if [ "$REUSE_BIG" = 1 ] && [ -s "$flag" ] &&
    grep -qx "ARTICLES=$ARTICLES" "$flag" && grep -qx "COMMENTS=$COMMENTS" "$flag" &&
    [ "$(generated_count)" = "$ARTICLES" ]; then
    echo "# big database: reusing ${DB_PREFIX}_big ($flag)" >&2
else
    echo "# big database: preparing and generating $ARTICLES articles," \
        "$COMMENTS comments (log: $SCALE_DIR/generate.log)" >&2
    fresh big
    (site_env big && DJANGO_SETTINGS_MODULE=settings_bench \
        "$py" "$here/generate.py" --articles "$ARTICLES" --comments "$COMMENTS") \
        | tee "$SCALE_DIR/generate.log" >&2
    { echo "ARTICLES=$ARTICLES"; echo "COMMENTS=$COMMENTS"
      sed -n 's/^TIMING \(.*\)=\(.*\)$/GEN_\1=\2/p; s/^SIZE \(.*\)$/GEN_SIZE="\1"/p' \
          "$SCALE_DIR/generate.log"; } >"$flag"
fi
unpost() { # unpost small|big: delete the comments the POST phase stored (unpost.py)
    (site_env "$1" && DJANGO_SETTINGS_MODULE=settings_bench \
        "$py" "$here/unpost.py" "warm-$1" "run-$1")
}
# A run that stopped during its POSTs left them on the kept big database.
unpost big
[ "$PREPARE_ONLY" = 1 ] && { echo "# databases ready" >&2; exit 0; }

export DJANGO_SETTINGS_MODULE=settings_scale
for site in small big; do
    (site_env $site && "$py" -m khabar.cli collectstatic --noinput -v0)
    (site_env $site && "$py" "$here/pages.py") >"$work/pages-$site.tsv"
done

serve() { # serve small|big PORT CACHE
    if [ "$SERVER" = granian ]; then
        (site_env "$1" && KHABAR_PAGE_CACHE=$3 exec "$granian" --interface wsgi \
            --host 127.0.0.1 --port "$2" --workers "$WORKERS" \
            --blocking-threads "$THREADS" --log-level warning khabar.wsgi:application \
            >"$work/server-$1-$3.log" 2>&1) &
    else
        (site_env "$1" && KHABAR_PAGE_CACHE=$3 exec "$gunicorn" khabar.wsgi:application \
            --bind "127.0.0.1:$2" --workers "$WORKERS" --worker-class gthread \
            --threads "$THREADS" --keep-alive 5 --log-level warning \
            >"$work/server-$1-$3.log" 2>&1) &
    fi
    pids+=($!)
}
wait_up() {
    for port in "$@"; do
        for _ in $(seq 150); do
            curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
            sleep 0.2
        done
    done
}

results=$work/results.tsv
SLOW_S=${SLOW_S:-2}
PAGES=${PAGES:-}
wanted() { [ -z "$PAGES" ] || [[ " $PAGES " == *" $1 "* ]]; }
record() { # record NAME WRK_OUTPUT: one results.tsv row from wrk's RESULT lines
    printf '%s\t%s\t%s\n' "$1" "$CONC" \
        "$(echo "$2" | sed -n 's/^RESULT \([a-z0-9_]*\)=\(.*\)$/\1=\2/p' | paste -sd' ')" \
        >>"$results"
}
bump_site() { # bump_site small|big: what a publication does to cached values
    (site_env "$1" && "$py" -c 'import django; django.setup()
from khabar.core.pagecache import page_cache_bump; page_cache_bump("site")')
    sleep 1.2  # workers trust a version for KHABAR_PAGE_CACHE_VERSION_SECONDS
}
measure() { # measure NAME URL
    local out took site=${1#*:}
    site=${site%%:*}
    # With the page cache on, the first request fills it (however long it takes).
    [ "$phase" = warm ] && curl -s -o /dev/null --max-time 300 \
        -H 'Accept-Encoding: gzip' "$2" || true
    # With it off, the first render after a publication is timed alone: it
    # computes what later renders keep per ``site`` version (listing and
    # sitemap counts, related stories).
    if [ "$phase" = miss ]; then
        curl -s -o /dev/null --max-time 300 -H 'Accept-Encoding: gzip' "$2" || true
        bump_site "$site"
        printf '%s\t%s\n' "$1" "$(curl -s -o /dev/null -w '%{time_total}' \
            --max-time 300 -H 'Accept-Encoding: gzip' "$2" || echo 300)" \
            >>"$work/first.tsv"
    fi
    # A page that takes more than SLOW_S seconds is measured by that one
    # request only: eight at once would queue minutes of work behind wrk's
    # timeouts (or, for the sitemap index of the big database, 4 GB each).
    took=$(curl -s -o /dev/null -w '%{time_total}' --max-time 300 \
        -H 'Accept-Encoding: gzip' "$2" || echo 300)
    if awk -v t="$took" -v s="$SLOW_S" 'BEGIN {exit !(t > s)}'; then
        printf '%s\t%s\t%s\n' "$1" "$CONC" "requests=1 rps=$(awk -v t="$took" \
            'BEGIN {printf "%.3f", 1 / t}') p50_ms=${took}e3 p99_ms=${took}e3 errors=0 \
            non200=0 single=1" >>"$results"
        return
    fi
    for _ in 1 2; do curl -s -o /dev/null -H 'Accept-Encoding: gzip' "$2" || true; done
    sleep 1
    out=$(wrk -t1 -c"$CONC" -d"${DUR}s" --timeout 10s --latency -s "$get_lua" "$2" 2>&1)
    echo "$out" >"$work/wrk-$1.txt"
    record "$1" "$out"
}

for cache in 1 0; do
    phase=$([ "$cache" = 1 ] && echo warm || echo miss)
    redis-cli -n 8 flushdb >/dev/null
    serve small 8041 "$cache"
    serve big 8042 "$cache"
    wait_up 8041 8042
    echo "# loading, page cache $phase" >&2
    while IFS=$'\t' read -r name path; do
        wanted "$name" || continue
        big_path=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$work/pages-big.tsv")
        measure "$phase:small:$name" "http://127.0.0.1:8041$path"
        measure "$phase:big:$name" "http://127.0.0.1:8042$big_path"
    done <"$work/pages-small.tsv"
    stop_servers
done

# Comment POSTs through the full pipeline (CSRF, captcha, form, moderation,
# storage) to the reference story, page cache on as in production. Each site
# gets a fresh kit right before (captchas are signed per site and expire
# after 15 minutes) and a 3 s warm-up from the far end of its captcha list
# (the moderation tables load on first use), not measured.
comment_lua=$repo/bench/http/comment.lua
post() { # post small|big PORT
    local kit=$work/post-$1 out
    (site_env "$1" && "$py" "$repo/bench/http/postkit.py" "$kit" "$POST_CAPTCHAS")
    # shellcheck disable=SC1091
    out=$(source "$kit/csrf.env" &&
        export CAPTCHAS=$kit/captchas.tsv CSRF_COOKIE CSRF_TOKEN ARTICLE_CODE &&
        { CAPTCHA_OFFSET=$((POST_CAPTCHAS / 2)) COMMENT_RUN_TAG=warm-$1 wrk -t1 \
            -c"$CONC" -d3s -s "$comment_lua" "http://127.0.0.1:$2" >/dev/null 2>&1 || true
          sleep 1
          COMMENT_RUN_TAG=run-$1 wrk -t1 -c"$CONC" -d"${DUR}s" --timeout 10s --latency \
            -s "$comment_lua" "http://127.0.0.1:$2" 2>&1; })
    echo "$out" >"$work/wrk-post-$1.txt"
    record "post:$1:comment-post" "$out"
    unpost "$1"
}
POST_CAPTCHAS=${POST_CAPTCHAS:-20000}
if wanted comment-post; then
    redis-cli -n 8 flushdb >/dev/null
    serve small 8041 1
    serve big 8042 1
    wait_up 8041 8042
    echo "# comment POSTs" >&2
    post small 8041
    post big 8042
    stop_servers
    redis-cli -n 8 flushdb >/dev/null
fi

echo "# counting queries" >&2
for site in small big; do
    (site_env $site && "$py" "$here/queries.py" "$site" "$work")
done
for site in small big; do
    "${PSQL[@]}" -At -d "${DB_PREFIX}_$site" -c \
        "SELECT 'SIZE_$site=' || pg_size_pretty(pg_database_size(current_database()))" \
        >>"$work/sizes.env"
done

"$py" "$here/report.py" "$work" "$flag" "$SERVER $WORKERS×$THREADS" "$DUR" "$CONC"
echo "# raw results in $work" >&2
