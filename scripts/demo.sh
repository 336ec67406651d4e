#!/usr/bin/env bash
# Attributes the bundled example article and prints the attributions. Extra arguments go to
# `quoteattr attribute` (e.g. `--format jsonl`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo run --quiet --bin quoteattr -- attribute examples/data/seed-article.txt --format text "$@"
