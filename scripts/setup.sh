#!/usr/bin/env bash
# Install what the project needs and is missing. Idempotent; run by both
# README commands. Each step says what it installs and skips if present.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

have() { command -v "$1" >/dev/null 2>&1; }
