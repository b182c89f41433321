#!/usr/bin/env bash
# Builds and launches the Coffer desktop app. Runs inside the build environment
# (scripts/dev.sh run) on the built-in local server with its sample bucket (--local), so it
# works with no account anywhere. Without a display it starts a virtual one and says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake --preset dev >/dev/null
cmake --build --preset dev --target coffer
app=build/dev/app/coffer
if [ -z "${DISPLAY:-}" ]; then
    echo "coffer-dev: no DISPLAY is set, so Coffer runs on a virtual X display (xvfb-run)." >&2
    exec xvfb-run -a -s '-screen 0 1600x1000x24' "$app" --local "$@"
fi
exec "$app" --local "$@"
