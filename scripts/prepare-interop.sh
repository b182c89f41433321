#!/usr/bin/env bash
# Installs the npm-pinned test peers (s3rver, @aws-sdk/client-s3) from their lockfile.
# Idempotent: skipped when node_modules already matches the lockfile.
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")/../tests/interop"
cd "$dir"
[ -f package-lock.json ] || exit 0
stamp=node_modules/.coffer-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
echo "== npm ci (tests/interop)"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
