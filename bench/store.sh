#!/usr/bin/env bash
# Storage overhead of `annals ingest` against `annals code` on the same file.
#
#   bash bench/store.sh
#
# `annals code` codes one article after another on one thread, so the fair
# comparison is `annals ingest` on one thread too (RAYON_NUM_THREADS=1, both
# pinned to the same CPU): the difference is then what storing costs
# (duplicate checks, row inserts, index and full-text upkeep, commits), not
# parallelism. Ingest on all cores is timed as well, for information.
# Each figure is the best of ROUNDS runs (default 3), whole process, wall
# clock; every ingest writes a fresh database.
#
# Input: bench/out/news.jsonl (295 Wikinews articles 2019-2020, written by
# bench/news.py from ../shared/data/news); without the shared data, an
# invented corpus of 1,000 template articles (bench/out/store_synth.jsonl).
# Knobs: ROUNDS, CPU (0), SKIP_BUILD=1, ANNALS_BIN, INPUT (another .jsonl).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rounds="${ROUNDS:-3}"
cpu="${CPU:-0}"
now() { date +%s.%N; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building annals (cargo build --release -p annals)"
    cargo build --release -p annals >&2
fi

input="${INPUT:-}"
if [ -z "$input" ]; then
    if [ -f "$out/news.jsonl" ] || python3 bench/news.py >/dev/null 2>&1; then
        input="$out/news.jsonl"
    else
        say "no ../shared/data/news: generating an invented corpus"
        input="$out/store_synth.jsonl"
        python3 - "$input" <<'EOF'
import json, random, sys
random.seed(7)
c = ["Niger", "Mali", "Chad", "Kenya", "Ghana", "Peru", "Chile", "Egypt", "Jordan", "Nepal", "Qatar", "Norway"]
t = ["{a}'s foreign minister met his counterpart from {b} on Monday to discuss trade.",
     "Police in {a} arrested {n} protesters outside parliament, witnesses said.",
     "The government of {a} accused {b} of supporting armed groups near the border.",
     "{a} and {b} signed an agreement to share water from the river.",
     "Troops from {a} attacked a village near the border with {b}, killing {n} people.",
     "{a} sent {n} tonnes of food aid to {b} after the floods, the ministry said."]
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        s = " ".join(random.choice(t).format(a=random.choice(c), b=random.choice(c), n=random.randint(2, 900) + i)
                     for _ in range(random.randint(4, 12)))
        f.write(json.dumps({"id": f"s-{i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": s}) + "\n")
EOF
    fi
fi
read -r articles words < <(python3 -c '
import json, sys
n = w = 0
for line in open(sys.argv[1]):
    if line.strip():
        n += 1; w += len(json.loads(line)["text"].split())
print(n, w)' "$input")
say "input: $input, $articles articles, $words words"

# One timed run (whole process, wall clock) of a command on a fresh database.
timed() {
    local label="$1" t0 t1
    shift
    rm -f "$out/store_bench.db" "$out/store_bench.db-wal" "$out/store_bench.db-shm"
    t0="$(now)"
    "$@" > /dev/null 2> "$out/store_bench.err" || { say "$label failed:"; tail -n 5 "$out/store_bench.err" >&2; exit 1; }
    t1="$(now)"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
min() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; fi; }

# The three runs alternate, so that load from other processes hits all alike.
code_s="" ingest1_s="" ingestn_s=""
for r in $(seq 1 "$rounds"); do
    s="$(timed code env RAYON_NUM_THREADS=1 taskset -c "$cpu" "$annals" code "$input")"
    code_s="$(min "$code_s" "$s")"
    s1="$(timed ingest1 env RAYON_NUM_THREADS=1 taskset -c "$cpu" "$annals" ingest --db "$out/store_bench.db" "$input")"
    ingest1_s="$(min "$ingest1_s" "$s1")"
    sn="$(timed ingestn "$annals" ingest --db "$out/store_bench.db" "$input")"
    ingestn_s="$(min "$ingestn_s" "$sn")"
    say "round $r: code $s s, ingest 1 thread $s1 s, ingest all cores $sn s"
done
events="$(grep -o '([0-9]* events)' "$out/store_bench.err" | tr -dc 0-9)"
echo
echo "annals ingest vs annals code: $articles articles, $words words, $events events; best of $rounds; $(nproc) CPUs"
printf '%-22s %9s %11s %10s\n' run seconds articles/s words/s
row() { awk -v l="$1" -v s="$2" -v a="$articles" -v w="$words" 'BEGIN { printf "%-22s %9.2f %11.1f %10.0f\n", l, s, a / s, w / s }'; }
row "code, 1 thread" "$code_s"
row "ingest, 1 thread" "$ingest1_s"
row "ingest, all cores" "$ingestn_s"
awk -v c="$code_s" -v i="$ingest1_s" 'BEGIN { printf "ingest/code throughput, 1 thread each: %.1f%% (target >= 80%%)\n", 100 * c / i }'
