#!/usr/bin/env bash
# Run every fuzz target (fuzz/fuzz_targets): scenario, pack, batch_row,
# institution. Each checks properties, not only "no panic" (fuzz/src/lib.rs).
#
#   scripts/fuzz.sh                 # 60 seconds per target (scripts/test.sh runs this)
#   scripts/fuzz.sh -time 300       # seconds per target
#   scripts/fuzz.sh -runs 10000000  # executions per target (scripts/fuzz-long.sh)
#   scripts/fuzz.sh -time 60 pack   # some targets only
#
# cargo-fuzz needs nightly-only compiler flags; the machine's stable
# toolchain takes them with RUSTC_BOOTSTRAP=1 (no nightly is installed).
# No sanitizer (-s none: the code is safe Rust), debug assertions on (-a).
# Seeds are generated from the golden cases, the built-in packs, the
# template and the examples (cli/examples/fuzz_seeds.rs) into fuzz/seeds/; what
# the fuzzer learns is kept in fuzz/corpus/ (both ignored by git). A crash
# is saved under fuzz/artifacts/<target>/ and this script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Only for cargo fuzz (fuzz/target): set for the project's own builds it
# would change their fingerprint and rebuild everything in target/.
fuzz() { (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz "$@"); }

limit=(-max_total_time=60)
case "${1:-}" in
  -time) limit=(-max_total_time="$2"); shift 2 ;;
  -runs) limit=(-runs="$2"); shift 2 ;;
esac
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario pack batch_row institution)

if ! fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: scripts/setup.sh installs it (cargo install cargo-fuzz --locked)" >&2
  exit 1
fi

cargo run --quiet -p sme-subsidy-cli --example fuzz_seeds -- fuzz/seeds
if ! fuzz build -s none -a > fuzz/build.log 2>&1; then
  tail -n 40 fuzz/build.log
  exit 1
fi

status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/$t.log"
  # -rss_limit_mb: a hostile input must not need more than 2 GB.
  if fuzz run -s none -a "$t" "corpus/$t" "seeds/$t" -- \
        "${limit[@]}" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 > "$log" 2>&1; then
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' || echo "?")
    echo "fuzz $t: ok, $runs executions in ${secs}s, corpus $(ls "fuzz/corpus/$t" | wc -l) inputs"
  else
    status=1
    echo "fuzz $t: FAILED (log: $log)"
    grep -E 'panicked|SUMMARY|Test unit written' "$log" | head -n 5 || tail -n 20 "$log"
  fi
done
exit $status
