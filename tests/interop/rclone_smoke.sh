#!/bin/sh
# rclone, unchanged, against coffer-server: copy a tree up, check it, sync changes both
# ways (including deletions), and copy it back down, comparing every byte.
# Run through with_server.sh, which starts coffer-server and sets COFFER_*.
set -eu

command -v rclone >/dev/null || { echo "FAIL: rclone is not installed"; exit 1; }
work=$COFFER_WORK
endpoint=$COFFER_ENDPOINT

# An rclone remote defined by environment only: no config file is read or written.
export RCLONE_CONFIG="$work/rclone.conf"
export RCLONE_CONFIG_COFFER_TYPE=s3 RCLONE_CONFIG_COFFER_PROVIDER=Cloudflare
export RCLONE_CONFIG_COFFER_ACCESS_KEY_ID="$COFFER_ACCESS_KEY" RCLONE_CONFIG_COFFER_SECRET_ACCESS_KEY="$COFFER_SECRET_KEY"
export RCLONE_CONFIG_COFFER_ENDPOINT="$endpoint" RCLONE_CONFIG_COFFER_REGION="$COFFER_REGION"
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
echo "PASS"
