#!/usr/bin/env bash
# Build the browser release:
#   1. target/npm-pkg/  — the npm package (ES module + .d.ts + README) made by
#      wasm-pack from the `wasm` profile (opt-level z, LTO, panic abort), then
#      shrunk by `wasm-opt -Oz` from the npm package `binaryen` (wasm-pack's
#      own wasm-opt download does not work on our machines);
#   2. target/site/     — the page, the widget and the examples from www/,
#      with the package in pkg/ and Subresource-Integrity hashes stamped into
#      the HTML and listed in integrity.json.
# Run scripts/setup.sh first on a fresh machine (scripts/run.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

pkg=target/npm-pkg
site=target/site

echo "wasm-pack build (profile wasm, --target web)"
wasm-pack --quiet build --target web --profile wasm --no-opt --out-dir "$pkg" . --no-default-features

# Features the Rust wasm32 target emits by default (bulk memory included,
# which every browser we target has); wasm-opt must accept them.
# --low-memory-unused and --zero-filled-memory hold for a Rust module that
# exports its own memory (the stack sits above the first 1 KB, and fresh
# memory is zeroed): about 1 KB of Brotli.
node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory \
  --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$pkg/sme_subsidy_bg.wasm" -o "$pkg/sme_subsidy_bg.wasm.opt"
mv "$pkg/sme_subsidy_bg.wasm.opt" "$pkg/sme_subsidy_bg.wasm"
cp www/package-README.md "$pkg/README.md"
rm -f "$pkg/.gitignore"

rm -rf "$site"
mkdir -p "$site"
cp -r www/. "$site/"
rm -rf "$site/tests" "$site/tools" "$site/package-README.md" "$site/serve.mjs"
cp -r "$pkg" "$site/pkg"
node www/tools/stamp-sri.mjs "$site"
echo "built $pkg and $site"
