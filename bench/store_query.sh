#!/usr/bin/env bash
# Query latency over a synthetic store of 10 million events.
#
#   bash bench/store_query.sh
#
# Builds annals and the `synth` example (release), synthesises the store once
# (bench/out/synth.db, kept for later runs; EVENTS=10000000 by default, see
# crates/annals-store/examples/synth.rs for the distributions), then times
#
#   annals query --db DB --actor CODE --from F --to T --count-by month   (the count)
#   annals query --db DB --actor CODE --from F --to T --limit 50 --format jsonl   (the first page)
#
# for actors of Zipf rank 1, 10, 50 and 200 and ranges of a month, a quarter,
# a year and three years, REPEAT times each (default 3), whole process wall
# clock (includes start-up and opening the database). Prints the median and
# maximum latency per kind of query and over all, and the plans SQLite chose.
# Knobs: EVENTS, REPEAT, SKIP_BUILD=1, DB (another database).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
synth="$target/release/examples/synth"
events="${EVENTS:-10000000}"
db="${DB:-$out/synth.db}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building annals and the synth example (release)"
    cargo build --release -p annals >&2
    cargo build --release -p annals-store --example synth >&2
fi

if [ ! -f "$db" ]; then
    say "synthesising $events events into $db (a few minutes)"
    start="$(date +%s)"
    "$synth" --db "$db" --events "$events"
    say "synthesis took $(( $(date +%s) - start )) s; $(du -h "$db" | cut -f1)"
fi

python3 - "$annals" "$db" "${REPEAT:-3}" <<'EOF'
import sqlite3, statistics, subprocess, sys, time

annals, db, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
actors_file = db + ".actors.txt"
ranks = [line.split() for line in open(actors_file)]
actors = [code for rank, code in ranks if int(rank) in (1, 10, 50, 200)]
ranges = [("2019-06", "2019-06"), ("2021-01", "2021-03"), ("2022", "2022"), ("2016", "2018")]
kinds = {
    "count": ["--count-by", "month", "--format", "csv"],
    "first page": ["--limit", "50", "--format", "jsonl"],
}
times = {k: [] for k in kinds}
print(f"database: {db}")
for actor in actors:
    for f, t in ranges:
        line = []
        for kind, extra in kinds.items():
            cmd = [annals, "query", "--db", db, "--actor", actor, "--from", f, "--to", t] + extra
            best = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
                if r.returncode != 0:
                    sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr.decode()}")
                best.append(dt)
                out = r.stdout.decode()
            times[kind].extend(best)
            if kind == "count":
                n = sum(int(l.rsplit(",", 1)[1]) for l in out.splitlines()[1:])
                line.append(f"{n:>8} events")
            else:
                line.append(f"{len(out.splitlines()):>3} listed")
            line.append(f"{kind} {1000 * statistics.median(best):6.1f} ms")
        print(f"{actor:<8} {f}..{t:<8} " + "  ".join(line))
print()
all_t = [x for v in times.values() for x in v]
for kind, v in list(times.items()) + [("all", all_t)]:
    print(f"{kind:<11} median {1000 * statistics.median(v):6.1f} ms   max {1000 * max(v):6.1f} ms   ({len(v)} runs)")
# The plans, in the forms select.rs and rollup.rs write them, for the
# busiest actor over 2022: the count sums rollup rows; a dense first page
# walks events in seq order; a sparse one seeks the actor's indexes.
con = sqlite3.connect(db)
c = actors[0]
codes = ", ".join(f"'{x}'" for (x,) in con.execute(
    "SELECT DISTINCT source_code FROM events WHERE source_code GLOB ? ", (c + "*",)))
f, t = "2022-01-01", "2022-12-31"
count = (f"SELECT substr(event_start, 1, 7), sum(n) FROM event_counts WHERE role = 0 AND span = 0 "
         f"AND code IN ({codes}) AND event_start >= '{f}' AND event_start <= '{t}' GROUP BY 1")
walk = (f"SELECT e.record FROM events e NOT INDEXED WHERE (e.source_code IN ({codes}) OR e.target_code IN ({codes})) "
        f"AND e.event_end >= '{f}' AND e.event_start <= '{t}' AND e.seq BETWEEN 1 AND 5000 ORDER BY e.seq LIMIT 50")
parts = []
for col in ("source_code", "target_code"):
    parts.append(f"SELECT seq FROM events WHERE {col} IN ({codes}) AND event_start >= '{f}' AND event_start <= '{t}'")
    parts.append(f"SELECT seq FROM events WHERE {col} IN ({codes}) AND event_end > event_start AND event_end >= '{f}' AND event_start < '{f}'")
seek = (f"SELECT e.record FROM events e WHERE e.seq IN ({' UNION ALL '.join(parts)}) "
        f"AND e.event_end >= '{f}' AND e.event_start <= '{t}' ORDER BY e.seq LIMIT 50")
for name, sql in [("count (one of its parts)", count), ("dense first page", walk), ("sparse first page", seek)]:
    print(f"plan, {name}, actor {c}, 2022:")
    for r in con.execute("EXPLAIN QUERY PLAN " + sql):
        print("  " + r[3])
EOF
