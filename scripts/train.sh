#!/usr/bin/env bash
# Reproduces models/tagger: fine-tunes the tagger on PolNeAR train (../shared/data), choosing
# the epoch on dev. About 7 minutes an epoch on 2 cores. Extra arguments go to
# `quoteattr train` (see `quoteattr train --help`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
base=$(bash scripts/base-model.sh)
cargo run --release --bin quoteattr -- train --base "$base" --output models/tagger "$@"
