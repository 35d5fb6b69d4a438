# Shared set-up of the bench scripts, sourced by them (not run on its own):
# the repository root, bench/out, the target folder, the annals binary
# (ANNALS_BIN overrides it), `say` for progress on stderr, and the working
# directory at the root.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
target="${CARGO_TARGET_DIR:-$root/target}"
annals="${ANNALS_BIN:-$target/release/annals}"
say() { printf 'bench: %s\n' "$*" >&2; }
mkdir -p "$out"
cd "$root"
