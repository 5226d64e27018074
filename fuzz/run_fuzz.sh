#!/usr/bin/env bash
# Runs the extractor fuzzer for a bounded time, seeded with the golden articles' texts.
# Usage: run_fuzz.sh PATH/TO/extract_fuzz SECONDS SOURCE_DIR
set -euo pipefail
fuzzer=$(realpath "$1")
seconds=${2:-30}
source_dir=${3:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
for f in "$source_dir"/tests/golden/*.json; do
  cp "$f" "$work/corpus/"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"], end="")' "$f" > "$work/corpus/$(basename "$f" .json).txt" 2>/dev/null || true
done
export PARLEY_DICTIONARIES=$source_dir/dictionaries
cd "$work"
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus
