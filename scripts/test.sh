#!/usr/bin/env bash
# The one test command (CI runs exactly this, via .ci/run): installs what is missing, then configures,
# builds and runs every ctest test twice: the `ci` preset (warnings as errors) and the `asan` preset
# (AddressSanitizer + UndefinedBehaviorSanitizer). Prints ctest's summary of each; exits non-zero when
# anything failed. PARLEY_JOBS sets build parallelism (default 2).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/setup.sh || { echo "test.sh: scripts/setup.sh failed" >&2; exit 1; }

jobs=${PARLEY_JOBS:-2}
failed=()
for preset in ci asan; do
  echo "==> $preset: configure, build, test"
  configure_log=$(mktemp)
  if ! cmake --preset "$preset" >"$configure_log" 2>&1; then
    cat "$configure_log" >&2
    rm -f "$configure_log"
    failed+=("$preset (configure)")
    continue
  fi
  rm -f "$configure_log"
  if ! cmake --build --preset "$preset" -j "$jobs"; then
    failed+=("$preset (build)")
    continue
  fi
  log="build/$preset/ctest.log"
  ctest --preset "$preset" 2>&1 | tee "$log"
  if [[ ${PIPESTATUS[0]} -ne 0 ]]; then failed+=("$preset (tests)"); fi
done

echo
echo "==> summary"
for preset in ci asan; do
  if [[ -f build/$preset/ctest.log ]]; then
    printf '%-5s %s\n' "$preset" "$(grep -E 'tests passed|tests failed' "build/$preset/ctest.log" | tail -1)"
  fi
done
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all tests passed (ci and asan)"
