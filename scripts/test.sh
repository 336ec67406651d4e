#!/usr/bin/env bash
# Runs the whole test suite (installing libtorch first if this machine lacks it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo test "$@"
