#!/usr/bin/env bash
# The long fuzz run: 10,000,000 executions of every target. Measured on
# the 2-core machine (short runs): scenario and institution about 55,000
# executions a second (3 minutes each), pack about 10,000 (17 minutes),
# batch_row about 2,500 (a csv reader is built per input: 70 minutes).
# scripts/fuzz.sh prints each target's count and time.
# Not part of scripts/test.sh, which runs each target for a minute.
#   scripts/fuzz-long.sh            # every target
#   scripts/fuzz-long.sh pack       # one
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/fuzz.sh -runs "${RUNS:-10000000}" "$@"
