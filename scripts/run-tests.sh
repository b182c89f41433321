#!/usr/bin/env bash
# Builds and runs every test. Runs inside the build environment (scripts/dev.sh test).
#  1. the Debug tree with -Werror (preset "ci"): every test, widgets included;
#  2. the core libraries under AddressSanitizer + UndefinedBehaviorSanitizer with leak
#     checking, with clang, without Qt Widgets (preset "sanitize"): the core tests and
#     a short run of every libFuzzer target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=${COFFER_JOBS:-$(nproc)}
export CTEST_PARALLEL_LEVEL=$jobs
export CTEST_OUTPUT_ON_FAILURE=1
export QT_QPA_PLATFORM=offscreen

summary=()
status=0
run_preset() {
    local preset=$1 log
    log=$(mktemp)
    echo "== configure + build: $preset"
    local t0=$SECONDS
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    local built=$((SECONDS - t0))
    echo "== test: $preset"
    t0=$SECONDS
    if ctest --preset "$preset" -j "$jobs" 2>&1 | tee "$log"; then :; else status=1; fi
    summary+=("$preset: $(grep -E 'tests passed|tests failed' "$log" | tail -n1) (build ${built} s, tests $((SECONDS - t0)) s)")
    local line
    line=$(grep -E 'tests failed out of' "$log" | tail -n1 || true)
    if [[ $line =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
        passed=$((passed + BASH_REMATCH[2] - BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[1]))
    else
        status=1
    fi
    rm -f "$log"
}

passed=0; failed=0
scripts/prepare-interop.sh
run_preset ci
run_preset sanitize

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
exit $status
