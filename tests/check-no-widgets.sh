#!/usr/bin/env bash
# Fails if any given binary loads libQt6Widgets (directly or through a dependency).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 BINARY..."; exit 2; }
bad=0
for bin in "$@"; do
    libs=$(ldd "$bin") || { echo "ldd failed on $bin"; exit 1; }
    if grep -q 'libQt6Widgets' <<<"$libs"; then
        echo "FAIL: $(basename "$bin") links Qt Widgets"; bad=1
    elif ! grep -q 'libQt6Core' <<<"$libs"; then
        echo "FAIL: $(basename "$bin"): ldd shows no libQt6Core, so this check proves nothing"; bad=1
    fi
done
[ $bad = 0 ] && echo "$# core test binaries checked: none links Qt Widgets"
exit $bad
