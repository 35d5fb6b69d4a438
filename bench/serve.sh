#!/usr/bin/env bash
# Load on `annals serve`: bounded, loopback only, not a test.
#
#   bash bench/serve.sh
#
# Two stores under bench/out/: news.db, the 295 Wikinews articles of
# ../shared/data/news coded by `annals ingest`, and synth-EVENTS.db,
# EVENTS synthetic events from annals-store's generator (examples/synth.rs,
# 1,000,000 by default). Each is
# served by `annals serve` on 127.0.0.1, and the load client
# (crates/annals-serve/examples/load.rs) sends REQUESTS requests per path
# from CLIENTS clients on kept-alive connections, after a warm-up, and prints
# requests/s and p50/p99/max latency. The server is stopped by its pid.
# Knobs: CLIENTS (16), REQUESTS (2000), EVENTS (1000000), PORT (18480),
# SKIP_BUILD=1, KEEP=1 (reuse existing stores).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load="$target/release/examples/load"
clients="${CLIENTS:-16}"
requests="${REQUESTS:-2000}"
events="${EVENTS:-1000000}"
port="${PORT:-18480}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building annals and the load client (release)"
    # Separate builds: with --example, cargo builds no binary of -p annals.
    cargo build --release -p annals >&2
    cargo build --release -p annals-serve --example load >&2
    cargo build --release -p annals-store --example synth >&2
fi

news="$out/news.db"
if [ "${KEEP:-0}" != 1 ] || [ ! -f "$news" ]; then
    rm -f "$news" "$news-wal" "$news-shm"
    say "ingesting the Wikinews articles into $news"
    # ingest exits 1 when it skipped rows (reported on stderr); the store
    # still holds every article it could read.
    "$annals" ingest --db "$news" ../shared/data/news/wikinews_2019.csv ../shared/data/news/wikinews_2020.csv >&2 ||
        say "ingest skipped some rows (see above)"
fi
big="$out/synth-$events.db"
if [ "${KEEP:-0}" != 1 ] || [ ! -f "$big" ]; then
    rm -f "$big" "$big-wal" "$big-shm"
    say "generating $events synthetic events into $big"
    "$target/release/examples/synth" --db "$big" --events "$events" >&2
fi

server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap stop EXIT

run() {
    local db="$1"; shift
    "$annals" serve --db "$db" --addr "127.0.0.1:$port" 2>"$out/serve.log" &
    server=$!
    # Ready when the API answers (at most 300 tries, 0.2 s apart: loading
    # the models takes a few seconds).
    local ready=0
    for _ in $(seq 300); do
        if "$load" --addr "127.0.0.1:$port" --clients 1 --requests 1 --warmup 0 /openapi.json >/dev/null 2>&1; then
            ready=1
            break
        fi
        if ! kill -0 "$server" 2>/dev/null; then break; fi
        sleep 0.2
    done
    if [ "$ready" != 1 ]; then
        say "annals serve did not come up on 127.0.0.1:$port:"
        cat "$out/serve.log" >&2
        exit 1
    fi
    echo "== $(basename "$db"): $("$annals" query --db "$db" --count-by month --format csv | awk -F, 'NR>1 {n+=$2} END {print n}') events"
    "$load" --addr "127.0.0.1:$port" --clients "$clients" --requests "$requests" --warmup 100 "$@"
    stop
}

echo "machine: $(nproc) cores ($(uname -m)); server and load client share them"
run "$news" /api/events / '/api/events?country=USA' '/?mode=negated' '/api/counts?by=month'
top="$(head -1 "$big.actors.txt" | awk '{print $2}')"
run "$big" /api/events / "/api/events?actor=$top" "/?actor=$top&from=2020" '/api/events?cameo=0841' '/api/counts?by=month&actor='"$top"
