#!/usr/bin/env bash
# The one test command (CI runs exactly this, via .ci/run): installs what is missing, then configures,
# builds and runs every ctest test twice: the `ci` preset (warnings as errors) and the `asan` preset
# (AddressSanitizer + UndefinedBehaviorSanitizer); then builds the extractor's libFuzzer target with clang
# (`fuzz` preset) and fuzzes it for PARLEY_FUZZ_SECONDS (default 60). Prints a summary of each; exits non-zero
# when anything failed. PARLEY_JOBS sets build parallelism (default 2).
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

fuzz_seconds=${PARLEY_FUZZ_SECONDS:-60}
fuzz_log=build/fuzz/fuzz.log
echo "==> fuzz: the extractor under libFuzzer for ${fuzz_seconds} s"
if cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j "$jobs"; then
  if ! fuzz/run_fuzz.sh build/fuzz/fuzz/extract_fuzz "$fuzz_seconds" "$root" >"$fuzz_log" 2>&1; then
    tail -40 "$fuzz_log" >&2
    failed+=("fuzz (crash, leak, timeout or memory limit: see $fuzz_log)")
  fi
else
  failed+=("fuzz (build)")
fi

echo
echo "==> summary"
for preset in ci asan; do
  if [[ -f build/$preset/ctest.log ]]; then
    printf '%-5s %s\n' "$preset" "$(grep -E 'tests passed|tests failed' "build/$preset/ctest.log" | tail -1)"
  fi
done
if [[ -f $fuzz_log ]]; then
  printf '%-5s %s\n' fuzz "$(grep -E '^stat::number_of_executed_units' "$fuzz_log" | awk '{print $2 " inputs, no crash"}')"
fi
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all tests passed (ci and asan) and the fuzzer found nothing"
