#!/usr/bin/env bash
# Time a from-scratch install: a new clone, an empty package cache, `make install`.
# Usage: bash benchmarks/install_time.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/nuri"
cd "$work/nuri"
export UV_CACHE_DIR="$work/uv-cache" PIP_NO_CACHE_DIR=1
start=$(date +%s)
make install >/dev/null
echo "install from scratch: $(( $(date +%s) - start )) s ($(du -sm .venv | cut -f1) MB in .venv)"
