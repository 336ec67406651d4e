#!/usr/bin/env bash
# Provisions what the build needs but git does not carry: libtorch 2.4.0 (CPU part of PyPI's
# torch==2.4.0 wheel, see ARCHITECTURE.md) in a cache outside the clone, linked in as .libtorch.
# Idempotent: a second run only checks the cache and the link.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${QUOTEATTR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quoteattr}
libtorch_home="$cache/libtorch-2.4.0"

if [ ! -f "$libtorch_home/.complete" ]; then
  echo "setup: installing libtorch 2.4.0 into $libtorch_home (once; about 800 MB download)" >&2
  rm -rf "$libtorch_home.partial"
  mkdir -p "$libtorch_home.partial"
  python3 -m pip install --quiet --no-deps --target "$libtorch_home.partial" \
    torch==2.4.0 nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105
  lib="$libtorch_home.partial/torch/lib"
  # The CUDA parts are not needed on CPU; removing them makes torch-sys link the CPU libraries only.
  rm -f "$lib"/libtorch_cuda*.so "$lib"/libc10_cuda.so "$lib"/libtorch_python.so \
        "$lib"/libcaffe2_nvrtc.so "$lib"/libcusparseLt*
  # libtorch_cpu still references the CUDA runtime and CUPTI by soname: keep them beside it.
  cp -n "$libtorch_home.partial"/nvidia/cuda_runtime/lib/*.so* "$lib"/
  cp -n "$libtorch_home.partial"/nvidia/cuda_cupti/lib/*.so* "$lib"/
  rm -rf "$libtorch_home"
  mv "$libtorch_home.partial" "$libtorch_home"
  touch "$libtorch_home/.complete"
fi

ln -sfn "$libtorch_home/torch" "$root/.libtorch"
