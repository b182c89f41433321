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
if [ -n "$mode" ]; then
    "$server" --data "$work/data" --listen 127.0.0.1:0 --access-key "$access" --secret-key "$secret" \
        --mode "$mode" >"$work/stdout" 2>"$work/stderr" &
else
    "$server" --data "$work/data" --listen 127.0.0.1:0 --access-key "$access" --secret-key "$secret" \
        >"$work/stdout" 2>"$work/stderr" &
fi
pid=$!

# The first stdout line announces the address; poll for it (the server is another process).
tries=0
until grep -q '^listening on http://' "$work/stdout" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && { echo "FAIL: no 'listening on' line"; cat "$work/stderr"; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "FAIL: coffer-server exited"; cat "$work/stderr"; exit 1; }
    sleep 0.1
done
endpoint=$(head -n 1 "$work/stdout" | sed 's/^listening on //')
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
[ "$status" -eq 0 ] || { echo "FAIL: coffer-server exited with $status on SIGTERM"; exit 1; }
if grep -q "$secret" "$work/stdout" "$work/stderr"; then
    echo "FAIL: the secret appeared in the server log"
    exit 1
fi
echo "PASS"
