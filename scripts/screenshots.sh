#!/bin/sh
# Takes the README's screenshots into docs/screenshots/ under a virtual X display:
#   scripts/dev.sh exec scripts/screenshots.sh [BUILD-DIR] [SCENE...]
# BUILD-DIR defaults to build/dev; it must have been configured with benchmarks on (the
# tool is built there as coffer-screenshots). Scenes: main-window, connection-dialog.
# Runs on Xvfb with the xcb platform so the pictures use real X11 fonts and styles; where
# xcb cannot load, the offscreen platform renders the same widgets.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/dev}
[ $# -ge 1 ] && shift
cmake --build "$build" --target coffer-screenshots >/dev/null
tool="$build/tools/coffer-screenshots"
out=docs/screenshots
mkdir -p "$out"
if command -v xvfb-run >/dev/null 2>&1 && \
   xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb "$tool" "$out" "$@"; then
    exit 0
fi
echo "screenshots: Xvfb/xcb unavailable, rendering offscreen" >&2
QT_QPA_PLATFORM=offscreen "$tool" "$out" "$@"
