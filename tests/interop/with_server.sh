#!/bin/sh
# Starts coffer-server on a free loopback port in a fresh temp dir, runs one client test
# against it, then stops the server and removes the temp dir whatever happened.
# The client sees COFFER_ENDPOINT, COFFER_REGION, COFFER_ACCESS_KEY, COFFER_SECRET_KEY and COFFER_WORK
# (a scratch dir it may use). After the client passes, the server must stop cleanly on
# SIGTERM and must not have logged the secret.
# Usage: with_server.sh /path/to/coffer-server [--mode r2|s3] -- client-command [args...]
set -eu

server=$1
shift
mode=
if [ "${1:-}" = "--mode" ]; then
    mode=$2
    shift 2
fi
[ "${1:-}" = "--" ] || { echo "FAIL: usage: with_server.sh SERVER [--mode M] -- CMD..."; exit 2; }
shift

work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

access=INTEROPKEY
secret=interop-secret-$$-key
mode_args=
[ -n "$mode" ] && mode_args="--mode $mode"
# The server's stdout goes through a FIFO so that reading its first line blocks until the
# server announces its address, or returns end-of-file if it exits first: no polling.
mkfifo "$work/announce"
# shellcheck disable=SC2086
"$server" --data "$work/data" --listen 127.0.0.1:0 --access-key "$access" --secret-key "$secret" \
    $mode_args >"$work/announce" 2>"$work/stderr" &
pid=$!
exec 3<"$work/announce"
if ! IFS= read -r first <&3; then
    echo "FAIL: coffer-server exited before announcing its address"; cat "$work/stderr"; exit 1
fi
printf '%s\n' "$first" >"$work/stdout"
cat <&3 >>"$work/stdout" &
drain=$!
exec 3<&-
case "$first" in
    "listening on http://"*) endpoint=${first#listening on } ;;
    *) echo "FAIL: unexpected first line from coffer-server: $first"; exit 1 ;;
esac
echo "server at $endpoint"

mkdir "$work/client"
status=0
region=auto
[ "$mode" = s3 ] && region=us-east-1
COFFER_ENDPOINT=$endpoint COFFER_REGION=$region COFFER_ACCESS_KEY=$access COFFER_SECRET_KEY=$secret COFFER_WORK=$work/client \
    "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: client exited with $status; last server log lines:"
    tail -n 20 "$work/stderr"
    exit 1
fi

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
wait "$drain" || true
[ "$status" -eq 0 ] || { echo "FAIL: coffer-server exited with $status on SIGTERM"; exit 1; }
if grep -q "$secret" "$work/stdout" "$work/stderr"; then
    echo "FAIL: the secret appeared in the server log"
    exit 1
fi
echo "PASS"
