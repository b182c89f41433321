#!/bin/sh
# Starts coffer-server in R2 mode on free loopback ports in a fresh temp dir, letting it
# create its Cloudflare API token and account id in the data directory, runs one client
# against it, then stops the server and removes the temp dir whatever happened.
# The client sees COFFER_ENDPOINT, COFFER_PUBLIC, COFFER_CF_BASE_URL, COFFER_CF_TOKEN,
# COFFER_ACCOUNT_ID, COFFER_ACCESS_KEY, COFFER_SECRET_KEY. Afterwards the server must stop
# cleanly on SIGTERM and must have logged neither the secret key nor the API token.
# Usage: with_cloudflare_server.sh /path/to/coffer-server -- client-command [args...]
set -eu

server=$1
shift
[ "${1:-}" = "--" ] || { echo "FAIL: usage: with_cloudflare_server.sh SERVER -- CMD..."; exit 2; }
shift

work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

access=CFINTEROPKEY
secret=cf-interop-secret-$$-key
# Reading the announcement through a FIFO blocks until the server prints it (or exits).
mkfifo "$work/announce"
"$server" --data "$work/data" --listen 127.0.0.1:0 --public-listen 127.0.0.1:0 \
    --access-key "$access" --secret-key "$secret" >"$work/announce" 2>"$work/stderr" &
pid=$!
exec 3<"$work/announce"
if ! IFS= read -r first <&3 || ! IFS= read -r second <&3; then
    echo "FAIL: coffer-server exited before announcing its addresses"; cat "$work/stderr"; exit 1
fi
printf '%s\n%s\n' "$first" "$second" >"$work/stdout"
cat <&3 >>"$work/stdout" &
drain=$!
exec 3<&-
case "$first" in
    "listening on http://"*) endpoint=${first#listening on } ;;
    *) echo "FAIL: unexpected first line from coffer-server: $first"; exit 1 ;;
esac
case "$second" in
    "public on http://"*) public=${second#public on } ;;
    *) echo "FAIL: unexpected second line from coffer-server: $second"; exit 1 ;;
esac

credentials="$work/data/cloudflare.json"
mode=$(stat -c %a "$credentials")
[ "$mode" = 600 ] || { echo "FAIL: $credentials has mode $mode, not 600"; exit 1; }
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["apiToken"])' "$credentials")
account=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accountId"])' "$credentials")
echo "server at $endpoint, public at $public, account $account"

status=0
COFFER_ENDPOINT=$endpoint COFFER_PUBLIC=$public COFFER_CF_BASE_URL=$endpoint/cf/client/v4 \
    COFFER_CF_TOKEN=$token COFFER_ACCOUNT_ID=$account COFFER_ACCESS_KEY=$access COFFER_SECRET_KEY=$secret \
    "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: client exited with $status; last server log lines:"
    tail -n 20 "$work/stdout" "$work/stderr"
    exit 1
fi

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
wait "$drain" || true
[ "$status" -eq 0 ] || { echo "FAIL: coffer-server exited with $status on SIGTERM"; exit 1; }
if grep -q -e "$secret" -e "$token" "$work/stdout" "$work/stderr"; then
    echo "FAIL: the secret key or the API token appeared in the server log"
    exit 1
fi
grep -q "cloudflare api on $endpoint/cf/client/v4 for account $account" "$work/stdout" \
    || { echo "FAIL: the server did not announce its Cloudflare API"; exit 1; }
echo "PASS"
