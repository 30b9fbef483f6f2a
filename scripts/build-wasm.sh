#!/usr/bin/env bash
# Build the browser release:
#   1. target/npm-pkg/  — the npm package (ES module + .d.ts + README) made by
#      wasm-pack from the crate wasm/ with the `wasm` profile (opt-level z, LTO, panic abort), then
#      shrunk by `wasm-opt -Oz` from the npm package `binaryen` (wasm-pack's
#      own wasm-opt download does not work on our machines);
#   2. target/npm-pkg-tools/ — the same with the `tools` feature: batch
#      screening and the institution calculators, for the staff pages only
#      (the widget's download stays small);
#   3. target/site/ — scripts/build-site.sh.
# Run scripts/setup.sh first on a fresh machine (scripts/run.sh does).
# BUILD_OUT=dir puts the packages and the site under dir instead of target/
# (two builds side by side; the browser tests then take SITE=dir/site).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# wasm_pkg OUT_DIR OUT_NAME PROFILE OPT [FEATURES]: one package, built with
# the Cargo profile PROFILE, then optimised by wasm-opt at OPT (-Oz: size).
wasm_pkg() {
  local out=$1 name=$2 profile=$3 opt=$4 features=${5:-}
  echo "wasm-pack build $name (profile $profile, wasm-opt $opt, --target web${features:+, features $features})"
  # wasm-pack takes --out-dir relative to the crate (wasm/): made absolute.
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  wasm-pack --quiet build --target web --profile "$profile" --no-opt --out-dir "$out" --out-name "$name" wasm \
    ${features:+--features "$features"}
  # The npm package keeps the project's name, not the crate's (sme-subsidy-wasm).
  node -e 'const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f, "utf8")); p.name = "sme-subsidy"; require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$out/package.json"
  # Features the Rust wasm32 target emits by default (bulk memory included,
  # which every browser we target has); wasm-opt must accept them.
  # --low-memory-unused and --zero-filled-memory hold for a Rust module that
  # exports its own memory (the stack sits above the first 1 KB, and fresh
  # memory is zeroed): about 1 KB of Brotli.
  node_modules/.bin/wasm-opt "$opt" --converge --low-memory-unused --zero-filled-memory \
    --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm.opt"
  mv "$out/${name}_bg.wasm.opt" "$out/${name}_bg.wasm"
  rm -f "$out/.gitignore"
}

# The calculator (the npm package and the widget).
out=${BUILD_OUT:-target}
wasm_pkg "$out/npm-pkg" sme_subsidy wasm -Oz
cp www/package-README.md "$out/npm-pkg/README.md"
# The staff tools: the calculator plus batch screening and the institution
# calculators, loaded only by the pages that use them, and built for speed
# (a list of 100,000 rows), not size.
wasm_pkg "$out/npm-pkg-tools" sme_subsidy_tools wasm-tools -O3 tools

scripts/build-site.sh
