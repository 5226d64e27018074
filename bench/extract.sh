#!/usr/bin/env bash
# Builds a Release extract_bench and measures extraction MB/s on one core plus the 1 MB / 10 MB linearity ratio.
# Usage: bench/extract.sh [extra extract_bench args, e.g. --corpus FILE.ndjson]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/bench-extract
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target extract_bench >/dev/null
cd "$root"
corpus=()
if [[ $# -eq 0 && -f $root/../shared/corpus/bulk/articles.ndjson ]]; then
  corpus=(--corpus "$root/../shared/corpus/bulk/articles.ndjson")
fi
taskset -c 0 "$build/bench/extract_bench" --dictionaries "$root/dictionaries" "${corpus[@]}" "$@"
