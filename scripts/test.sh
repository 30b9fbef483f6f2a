#!/usr/bin/env bash
# Every test of the project, on a fresh machine or this one:
#   1. cargo test: unit tests, golden cases (policies/*/cases, tests/cases), property tests,
#      the bad-input table, SME size boundaries, institution calculators,
#      batch screening (incl. the CLI's exit codes), doc tests;
#   2. the CLI against the README's example and the golden folder;
#   3. each fuzz target for a minute, its properties checked (scripts/fuzz.sh);
#   4. the browser: WASM build + Playwright in Debian's Chromium (scripts/browser-test.sh).
# Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== setup"
scripts/setup.sh

echo "== cargo test"
mkdir -p target
status=0
cargo test --locked > target/cargo-test.log 2>&1 || status=$?
grep -E '^(test result|running [0-9]|failures:|---- )|panicked' target/cargo-test.log || true
if [ "$status" -ne 0 ]; then
  tail -n 60 target/cargo-test.log
  echo "cargo test failed (exit $status)"
  exit 1
fi

echo "== CLI: README example and golden folder"
cargo run --locked --quiet -- evaluate examples/scenario.json --format table > target/cli-example.txt
grep -q "LC-I-1" target/cli-example.txt
cargo run --locked --quiet -- test policies/*/cases tests/cases | tail -n 1
cargo run --locked --quiet -- validate-pack policies/*/pack.toml

echo "== fuzz: every target for a minute (scripts/fuzz.sh)"
scripts/fuzz.sh -time "${FUZZ_SECONDS:-60}"

if [ -x scripts/browser-test.sh ]; then
  echo "== browser"
  scripts/browser-test.sh
fi
