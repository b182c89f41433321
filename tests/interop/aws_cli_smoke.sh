#!/bin/sh
# aws-cli v2, unchanged, against coffer-server: copies up and down (0 B, 1 KiB, 40 MiB
# multipart), sync, recursive listing and removal, a presigned URL fetched with curl, and
# CORS and lifecycle configurations through s3api. Every downloaded byte is compared.
# Run through with_server.sh, which starts coffer-server and sets COFFER_*.
set -eu

command -v aws >/dev/null || { echo "FAIL: aws (aws-cli v2) is not installed"; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl is not installed"; exit 1; }
work=$COFFER_WORK
endpoint=$COFFER_ENDPOINT

export AWS_ACCESS_KEY_ID="$COFFER_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$COFFER_SECRET_KEY" AWS_DEFAULT_REGION="$COFFER_REGION"
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=
s3() { aws --endpoint-url "$endpoint" s3 "$@"; }
s3api() { aws --endpoint-url "$endpoint" s3api "$@"; }

s3 mb s3://smoke
: >"$work/empty"
head -c 1024 /dev/urandom >"$work/small"
head -c 41943040 /dev/urandom >"$work/large"
for name in empty small large; do
    s3 cp "$work/$name" "s3://smoke/files/$name" --only-show-errors
    s3 cp "s3://smoke/files/$name" "$work/$name.back" --only-show-errors
    cmp "$work/$name" "$work/$name.back"
done
echo "cp up and down: byte for byte"

mkdir -p "$work/tree/sub"
echo one >"$work/tree/one.txt"
echo two >"$work/tree/sub/two.txt"
s3 sync "$work/tree" s3://smoke/tree --only-show-errors
s3 sync s3://smoke/tree "$work/tree.back" --only-show-errors
diff -r "$work/tree" "$work/tree.back"
echo "sync: identical trees"

listing=$(s3 ls --recursive s3://smoke)
for key in files/empty files/small files/large tree/one.txt tree/sub/two.txt; do
    echo "$listing" | grep -q " $key\$" || { echo "FAIL: $key not listed"; echo "$listing"; exit 1; }
done
echo "ls --recursive: every key"

url=$(aws --endpoint-url "$endpoint" s3 presign s3://smoke/files/small --expires-in 300)
curl -sSf -o "$work/presigned" "$url"
cmp "$work/small" "$work/presigned"
echo "presign: fetched with curl"

cat >"$work/cors.json" <<'JSON'
{"CORSRules": [{"AllowedOrigins": ["https://app.example"], "AllowedMethods": ["GET", "PUT"],
  "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 300}]}
JSON
s3api put-bucket-cors --bucket smoke --cors-configuration "file://$work/cors.json"
s3api get-bucket-cors --bucket smoke | grep -q 'https://app.example'
cat >"$work/lifecycle.json" <<'JSON'
{"Rules": [{"ID": "tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 3}},
           {"ID": "uploads", "Filter": {}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}}]}
JSON
s3api put-bucket-lifecycle-configuration --bucket smoke --lifecycle-configuration "file://$work/lifecycle.json"
s3api get-bucket-lifecycle-configuration --bucket smoke | grep -q '"Days": 3'
echo "s3api: CORS and lifecycle stored and read back"

s3 rm --recursive s3://smoke --only-show-errors
[ -z "$(s3 ls --recursive s3://smoke)" ] || { echo "FAIL: objects left after rm --recursive"; exit 1; }
s3 rb s3://smoke
echo "rm --recursive and rb: bucket gone"

echo "PASS"
