#!/usr/bin/env bash
# Reproduces models/speaker-ranker: cross-validates the speaker ranker by document (5 folds over
# the PDNC novels and the LitBank excerpts in ../shared/data, printing the rules' and the
# ranker's figures on the held-out documents), then trains it on everything and writes the
# folder. About 6 minutes on 2 cores. Extra arguments go to `quoteattr train-speakers` (see
# `quoteattr train-speakers --help`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo run --release --bin quoteattr -- train-speakers --output models/speaker-ranker "$@"
