#!/usr/bin/env bash
# The long fuzz run: 10,000,000 executions of every target (about 10
# minutes for scenario and institution, longer for pack and batch_row on a
# 2-core machine; scripts/fuzz.sh prints each target's count and time).
# Not part of scripts/test.sh, which runs each target for a minute.
#   scripts/fuzz-long.sh            # every target
#   scripts/fuzz-long.sh pack       # one
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/fuzz.sh -runs "${RUNS:-10000000}" "$@"
