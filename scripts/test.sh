#!/usr/bin/env bash
# Every test of the project, on a fresh machine or this one:
#   1. the Rust library: unit tests, golden cases (tests/cases), property
#      tests, the bad-input table, doc tests;
#   2. the CLI against the README's example and the golden folder;
#   3. the browser: WASM build + Playwright in Debian's Chromium (scripts/browser-test.sh).
# Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== setup"
scripts/setup.sh

echo "== cargo test"
cargo test --locked 2>&1 | tee target/cargo-test.log | grep -E '^(test result|running|error|failures|---- )|panicked' || true
if grep -qE '^test result: FAILED|error(\[E[0-9]+\])?:' target/cargo-test.log; then
  echo "cargo test failed"; exit 1
fi

echo "== CLI: README example and golden folder"
cargo run --locked --quiet -- evaluate examples/scenario.json --format table > target/cli-example.txt
grep -q "LC-I-1" target/cli-example.txt
cargo run --locked --quiet -- test tests/cases | tail -n 1
cargo run --locked --quiet -- validate-pack policies/*.toml

if [ -x scripts/browser-test.sh ]; then
  echo "== browser"
  scripts/browser-test.sh
fi
