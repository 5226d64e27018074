#!/usr/bin/env bash
# The main job: installs what is missing, builds the release binary, ingests examples/*.json into
# ./parley.db (or $PARLEY_DB), prints what the graph holds, then serves it on http://127.0.0.1:8080
# when this build has the `serve` subcommand. Extra arguments are passed to `parley serve`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "${PARLEY_JOBS:-2}" --target parley

parley=$root/build/release/cli/parley
export PARLEY_DB=${PARLEY_DB:-$root/parley.db}

"$parley" ingest examples/*.json
echo
"$parley" stats

if "$parley" serve --help >/dev/null 2>&1; then
  echo
  echo "serving $PARLEY_DB on http://127.0.0.1:8080 (Ctrl-C stops)"
  exec "$parley" serve "$@"
fi
echo
echo "(this build has no \`parley serve\` yet: stopping after the summary)"
