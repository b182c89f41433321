#!/bin/sh
# rclone, unchanged, against coffer-server: copy a tree up, check it, sync changes both
# ways (including deletions), and copy it back down, comparing every byte.
# Usage: rclone_smoke.sh /path/to/coffer-server
set -eu

server=$1
command -v rclone >/dev/null || { echo "SKIP: rclone is not installed"; exit 77; }

work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$server" --data "$work/data" --listen 127.0.0.1:0 --access-key RCLONEKEY --secret-key rclone-secret-key \
    >"$work/stdout" 2>"$work/stderr" &
pid=$!
tries=0
until grep -q '^listening on http://' "$work/stdout" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && { echo "FAIL: no 'listening on' line"; cat "$work/stderr"; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "FAIL: coffer-server exited"; cat "$work/stderr"; exit 1; }
    sleep 0.1
done
endpoint=$(head -n 1 "$work/stdout" | sed 's/^listening on //')

# An rclone remote defined by environment only: no config file is read or written.
export RCLONE_CONFIG="$work/rclone.conf"
export RCLONE_CONFIG_COFFER_TYPE=s3 RCLONE_CONFIG_COFFER_PROVIDER=Cloudflare
export RCLONE_CONFIG_COFFER_ACCESS_KEY_ID=RCLONEKEY RCLONE_CONFIG_COFFER_SECRET_ACCESS_KEY=rclone-secret-key
export RCLONE_CONFIG_COFFER_ENDPOINT="$endpoint" RCLONE_CONFIG_COFFER_REGION=auto
# Small cutoff and chunks so that the large file goes up as a multipart upload.
export RCLONE_CONFIG_COFFER_UPLOAD_CUTOFF=5M RCLONE_CONFIG_COFFER_CHUNK_SIZE=5M
: >"$RCLONE_CONFIG"

mkdir -p "$work/tree/a/b" "$work/tree/with space"
head -c 3000000 /dev/urandom >"$work/tree/a/b/blob.bin"
echo "plus+and emoji 😀" >"$work/tree/with space/note+1.txt"
: >"$work/tree/empty"
head -c 23000000 /dev/urandom >"$work/tree/large.bin" # five 5 MiB parts

rclone mkdir coffer:rclone-smoke
rclone copy "$work/tree" coffer:rclone-smoke/tree
rclone check "$work/tree" coffer:rclone-smoke/tree
echo "copy + check: identical"

rm "$work/tree/a/b/blob.bin"
rmdir "$work/tree/a/b" "$work/tree/a" # S3 has no directories: empty ones do not come back
echo changed >"$work/tree/empty"
rclone sync "$work/tree" coffer:rclone-smoke/tree
rclone check "$work/tree" coffer:rclone-smoke/tree
echo "sync (with a deletion and a change) + check: identical"

rclone copy coffer:rclone-smoke/tree "$work/back"
diff -r "$work/tree" "$work/back"
echo "copy down: byte for byte"

rclone purge coffer:rclone-smoke
kill -TERM "$pid"
wait "$pid"
pid=
echo "PASS"
