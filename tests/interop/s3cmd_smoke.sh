#!/bin/sh
# s3cmd, unchanged, against a running coffer-server: mb, put, get (compared byte for byte),
# ls, sync of a small folder both ways, del and rb, from a generated config file.
# Run through with_server.sh, which provides COFFER_*.
set -eu

command -v s3cmd >/dev/null || { echo "FAIL: s3cmd is not installed"; exit 1; }
work=$COFFER_WORK
hostport=${COFFER_ENDPOINT#http://}

cat >"$work/s3cmd.cfg" <<EOF
[default]
access_key = $COFFER_ACCESS_KEY
secret_key = $COFFER_SECRET_KEY
host_base = $hostport
host_bucket = $hostport
bucket_location = $COFFER_REGION
use_https = False
signature_v2 = False
check_ssl_certificate = False
progress_meter = False
EOF
s3c() { s3cmd --config "$work/s3cmd.cfg" "$@"; }

s3c mb s3://s3cmd-smoke
s3c ls | grep -q ' s3://s3cmd-smoke$' || { echo "FAIL: bucket not listed by ls"; s3c ls; exit 1; }

head -c 1024 /dev/urandom >"$work/small"
# 12 MB with 5 MiB chunks: s3cmd uploads it as a three-part multipart upload.
head -c 12000000 /dev/urandom >"$work/medium"
: >"$work/empty"
for name in empty small medium; do
    s3c put --quiet --multipart-chunk-size-mb=5 "$work/$name" "s3://s3cmd-smoke/files/$name"
    s3c get --quiet "s3://s3cmd-smoke/files/$name" "$work/$name.back"
    cmp "$work/$name" "$work/$name.back"
done
echo "put and get: byte for byte"

listing=$(s3c ls s3://s3cmd-smoke/files/)
for name in empty small medium; do
    echo "$listing" | grep -q " s3://s3cmd-smoke/files/$name\$" \
        || { echo "FAIL: files/$name not listed"; echo "$listing"; exit 1; }
done
echo "ls: every key"

mkdir -p "$work/tree/sub"
echo one >"$work/tree/one.txt"
echo two >"$work/tree/sub/two.txt"
head -c 5000 /dev/urandom >"$work/tree/sub/blob.bin"
s3c sync --quiet "$work/tree/" s3://s3cmd-smoke/tree/
mkdir "$work/tree.back"
s3c sync --quiet s3://s3cmd-smoke/tree/ "$work/tree.back/"
diff -r "$work/tree" "$work/tree.back"
# A second sync after a change uploads only the change and deletes what is gone.
echo changed >"$work/tree/one.txt"
rm "$work/tree/sub/two.txt"
s3c sync --quiet --delete-removed "$work/tree/" s3://s3cmd-smoke/tree/
rm -rf "$work/tree.back" && mkdir "$work/tree.back"
s3c sync --quiet s3://s3cmd-smoke/tree/ "$work/tree.back/"
diff -r "$work/tree" "$work/tree.back"
echo "sync: identical trees, changes and deletions included"

s3c del --quiet s3://s3cmd-smoke/files/small
s3c ls s3://s3cmd-smoke/files/ | grep -q 'files/small$' && { echo "FAIL: files/small still listed after del"; exit 1; }
s3c del --quiet --recursive --force s3://s3cmd-smoke/
[ -z "$(s3c ls --recursive s3://s3cmd-smoke)" ] || { echo "FAIL: objects left after del --recursive"; exit 1; }
s3c rb s3://s3cmd-smoke
s3c ls | grep -q 's3://s3cmd-smoke$' && { echo "FAIL: bucket still listed after rb"; exit 1; }
echo "s3cmd: all checks passed"
