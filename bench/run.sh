#!/usr/bin/env bash
# annals vs spaCy en_core_web_sm: text-layer throughput, one thread each.
#
#   bash bench/run.sh
#
# Builds annals (release), sets up bench/.venv if missing, extracts the
# Wikinews 2019-2020 articles, then runs annals and spaCy on the same text
# alternately (ROUNDS rounds, default 3) and prints the best of each, the
# ratio annals/spaCy, annals' peak RSS and its startup time incl. model load.
#
# Environment knobs: ROUNDS (3), ANNALS_CPU (0), SPACY_CPU (1 or 0 on a
# one-core machine), SKIP_BUILD=1 (use the existing binary), ANNALS_BIN
# (another annals binary; implies nothing about building).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
out="$bench/out"
venv="$bench/.venv"
annals="${ANNALS_BIN:-$root/target/release/annals}"
rounds="${ROUNDS:-3}"
ncpu="$(nproc 2>/dev/null || echo 1)"
annals_cpu="${ANNALS_CPU:-0}"
if [ "$ncpu" -ge 2 ]; then spacy_cpu="${SPACY_CPU:-1}"; else spacy_cpu="${SPACY_CPU:-0}"; fi

say() { printf 'bench: %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# min of a and b ("" = none yet)
best() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; fi; }

cd "$root"
mkdir -p "$out"

# --- tools -----------------------------------------------------------------
for tool in python3 taskset awk; do
    command -v "$tool" >/dev/null 2>&1 || { say "$tool is required but not installed"; exit 1; }
done
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    gnu_time=/usr/bin/time
else
    say "GNU time (/usr/bin/time -v) not found: peak RSS will not be measured."
    say "  install it with: apt-get update && apt-get install -y time"
fi

# --- build annals ----------------------------------------------------------
annals_ok=1
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    if ! command -v cargo >/dev/null 2>&1; then
        say "cargo not found: cannot build annals"
        annals_ok=0
    else
        say "building annals (cargo build --release -p annals)"
        if ! cargo build --release -p annals >&2; then
            say "cargo build failed: annals side skipped"
            annals_ok=0
        fi
    fi
fi
if [ "$annals_ok" = 1 ] && [ ! -x "$annals" ]; then
    say "$annals not found: annals side skipped"
    annals_ok=0
fi

# --- spaCy environment -----------------------------------------------------
if [ ! -x "$venv/bin/python" ]; then
    say "bench/.venv missing: running bench/setup.sh"
    bash "$bench/setup.sh" >&2
fi

# --- input -----------------------------------------------------------------
say "extracting news articles"
summary="$(python3 "$bench/news.py")"
words="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["words"])' "$summary")"
articles="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["articles"])' "$summary")"
say "news set: $articles articles, $words words ($out/news.txt)"

# --- is `annals parse` there? ----------------------------------------------
oneword="$out/oneword.txt"
printf 'Hello\n' > "$oneword"
if [ "$annals_ok" = 1 ]; then
    if ! "$annals" parse --format conllu "$oneword" > "$out/oneword.conllu" 2> "$out/oneword.err" \
        || ! grep -q '^1[[:space:]]' "$out/oneword.conllu"; then
        say "annals parse not available: '$annals parse --format conllu' failed on a one-word file:"
        sed 's/^/bench:   /' "$out/oneword.err" | head -n 5 >&2
        say "annals side skipped; spaCy still runs"
        annals_ok=0
    fi
fi

# --- one annals run: prints "seconds rss_kb" ---------------------------------
run_annals() {
    local input="$1" t0 t1 rss=""
    t0="$(now)"
    if [ -n "$gnu_time" ]; then
        RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 "$gnu_time" -v -o "$out/annals.time" \
            taskset -c "$annals_cpu" "$annals" parse --format conllu "$input" > /dev/null 2> "$out/annals.err" \
            || { say "annals parse failed on $input:"; tail -n 5 "$out/annals.err" >&2; return 1; }
    else
        RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 \
            taskset -c "$annals_cpu" "$annals" parse --format conllu "$input" > /dev/null 2> "$out/annals.err" \
            || { say "annals parse failed on $input:"; tail -n 5 "$out/annals.err" >&2; return 1; }
    fi
    t1="$(now)"
    if [ -n "$gnu_time" ]; then
        rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/annals.time")"
    fi
    echo "$(elapsed "$t0" "$t1") ${rss:-NA}"
}

# --- startup incl. model load (annals on a one-word file, best of 5) --------
annals_load=""
if [ "$annals_ok" = 1 ]; then
    for _ in 1 2 3 4 5; do
        r="$(run_annals "$oneword")" || { annals_ok=0; break; }
        annals_load="$(best "$annals_load" "${r%% *}")"
    done
fi

# --- alternate rounds ------------------------------------------------------
annals_best="" annals_rss="" spacy_best="" spacy_json=""
for round in $(seq 1 "$rounds"); do
    if [ "$annals_ok" = 1 ]; then
        if r="$(run_annals "$out/news.txt")"; then
            s="${r%% *}" rss="${r##* }"
            say "round $round: annals $s s (peak RSS ${rss} kB)"
            annals_best="$(best "$annals_best" "$s")"
            if [ "$rss" != NA ]; then
                if [ -z "$annals_rss" ] || [ "$rss" -gt "$annals_rss" ]; then annals_rss="$rss"; fi
            fi
        else
            annals_ok=0
        fi
    fi
    j="$(taskset -c "$spacy_cpu" "$venv/bin/python" "$bench/spacy_bench.py" --input "$out/news.jsonl")"
    s="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$j")"
    say "round $round: spacy  $s s"
    if [ -z "$spacy_best" ] || [ "$(best "$spacy_best" "$s")" = "$s" ]; then spacy_best="$s" spacy_json="$j"; fi
done

# --- a sanity pass (untimed): what annals produced --------------------------
annals_tokens="" annals_sents=""
if [ "$annals_ok" = 1 ] && [ -n "$annals_best" ]; then
    RAYON_NUM_THREADS=1 "$annals" parse --format conllu "$out/news.txt" > "$out/news.conllu" 2>/dev/null || true
    annals_tokens="$(grep -cE '^[0-9]+[[:space:]]' "$out/news.conllu" || true)"
    annals_sents="$(grep -c '^$' "$out/news.conllu" || true)"
fi

# --- report ----------------------------------------------------------------
spacy_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$spacy_json" "$1"; }
cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"

echo
echo "annals text layer vs spaCy $(spacy_field spacy) / $(spacy_field model) (tok2vec,tagger,parser,attribute_ruler,lemmatizer,ner)"
echo "input: $articles Wikinews articles 2019-2020, $words words; one thread each; best of $rounds rounds"
echo "machine: $ncpu CPUs, $cpu_model; annals on CPU $annals_cpu, spaCy on CPU $spacy_cpu"
echo
printf '%-8s %10s %10s %12s\n' tool words seconds words/s
if [ "$annals_ok" = 1 ] && [ -n "$annals_best" ]; then
    annals_wps="$(awk -v w="$words" -v s="$annals_best" 'BEGIN { printf "%.1f", w / s }')"
    printf '%-8s %10s %10s %12s\n' annals "$words" "$annals_best" "$annals_wps"
else
    printf '%-8s %10s %10s %12s\n' annals "$words" - "not available"
fi
printf '%-8s %10s %10s %12s\n' spacy "$(spacy_field words)" "$spacy_best" "$(spacy_field words_per_s)"
echo
if [ "$annals_ok" = 1 ] && [ -n "$annals_best" ]; then
    awk -v a="$annals_best" -v s="$spacy_best" 'BEGIN { printf "ratio annals/spaCy (words/s): %.2fx\n", s / a }'
    echo "annals peak RSS: ${annals_rss:-not measured (no GNU time)} kB"
    echo "annals startup incl. model load (one-word file, best of 5): $(awk -v s="$annals_load" 'BEGIN { printf "%.0f", s * 1000 }') ms"
    echo "annals output: $annals_tokens tokens, $annals_sents sentences; spaCy: $(spacy_field tokens) tokens, $(spacy_field sentences) sentences"
else
    echo "ratio annals/spaCy: n/a (annals parse not available)"
fi
echo "spaCy model load: $(spacy_field load_ms) ms (plus $(spacy_field import_ms) ms to import spacy)"
