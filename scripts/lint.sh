#!/usr/bin/env bash
# Style checks. Runs inside the build environment.
#   scripts/lint.sh format        check every tracked C++ file against .clang-format
#   scripts/lint.sh format --fix  reformat them in place
#   scripts/lint.sh tidy [REV]    clang-tidy on the .cpp files changed since REV (default HEAD~1),
#                                 using build/ci/compile_commands.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-format}" in
    format)
        mapfile -t files < <(git ls-files '*.cpp' '*.h')
        [ ${#files[@]} -gt 0 ] || exit 0
        if [ "${2:-}" = --fix ]; then
            clang-format -i "${files[@]}"
        else
            clang-format --dry-run --Werror "${files[@]}"
            echo "clang-format: ${#files[@]} files conform"
        fi
        ;;
    tidy)
        rev=${2:-HEAD~1}
        mapfile -t files < <(git diff --name-only --diff-filter=AM "$rev" -- '*.cpp' | grep -v '^tests/fuzz/' || true)
        [ ${#files[@]} -gt 0 ] || { echo "clang-tidy: no changed .cpp files"; exit 0; }
        clang-tidy -p build/ci --quiet "${files[@]}"
        ;;
    *)
        sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
