#!/usr/bin/env python3
"""boto3, unchanged and with its default integrity checks (aws-chunked + trailing CRC32),
against a running coffer-server. Run through with_server.sh, which provides COFFER_*.

Covers: bucket creation; 0 B, 1 KiB and 40 MiB (multipart) objects compared byte for byte;
ListObjectsV2 with prefix, delimiter and paging; conditional PUT; CopyObject; ranged GET;
HeadObject; quiet DeleteObjects; CORS and lifecycle configurations; a presigned GET fetched
with urllib; odd keys; and a key over 1,024 bytes refused.
"""
import os
import sys
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

BUCKET = "boto3-interop"
MIB = 1024 * 1024


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def expect_error(call, code, status, what):
    """Runs call and demands an S3 error with this code and HTTP status."""
    try:
        call()
    except ClientError as error:
        got_code = error.response.get("Error", {}).get("Code")
        got_status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        expect(got_code == code and got_status == status,
               f"{what}: expected {status} {code}, got {got_status} {got_code}")
        return
    fail(f"{what}: expected {status} {code}, but the call succeeded")


def client():
    # No retries and a bounded read: a stalled or failed request must fail the test, not be
    # papered over by botocore retrying it.
    config = Config(signature_version="s3v4", s3={"addressing_style": "path"},
                    retries={"total_max_attempts": 1}, read_timeout=30)
    return boto3.client("s3", endpoint_url=os.environ["COFFER_ENDPOINT"],
                        region_name=os.environ["COFFER_REGION"],
                        aws_access_key_id=os.environ["COFFER_ACCESS_KEY"],
                        aws_secret_access_key=os.environ["COFFER_SECRET_KEY"], config=config)


def get_bytes(s3, key, **kwargs):
    return s3.get_object(Bucket=BUCKET, Key=key, **kwargs)["Body"].read()


def check_objects_up_and_down(s3, work):
    sizes = {"empty": 0, "small": 1024, "large": 40 * MIB}
    # A small threshold so that the 40 MiB file is a multipart upload of 8 MiB parts.
    transfer = TransferConfig(multipart_threshold=8 * MIB, multipart_chunksize=8 * MIB)
    for name, size in sizes.items():
        original = os.path.join(work, name)
        with open(original, "wb") as out:
            out.write(os.urandom(size))
        s3.upload_file(original, BUCKET, f"files/{name}", Config=transfer)
        back = original + ".back"
        s3.download_file(BUCKET, f"files/{name}", back, Config=transfer)
        with open(original, "rb") as a, open(back, "rb") as b:
            expect(a.read() == b.read(), f"files/{name} came back different")
        head = s3.head_object(Bucket=BUCKET, Key=f"files/{name}")
        expect(head["ContentLength"] == size,
               f"HeadObject files/{name}: ContentLength {head['ContentLength']}, want {size}")
    large_etag = s3.head_object(Bucket=BUCKET, Key="files/large")["ETag"]
    expect(large_etag.strip('"').endswith("-5"),
           f"files/large should be a 5-part multipart object, ETag is {large_etag}")
    # put_object/get_object too: the body goes through the SDK's default trailer checksum.
    s3.put_object(Bucket=BUCKET, Key="files/put", Body=b"x" * 1024, ContentType="text/plain",
                  Metadata={"colour": "blue"})
    expect(get_bytes(s3, "files/put") == b"x" * 1024, "put_object/get_object bytes differ")
    head = s3.head_object(Bucket=BUCKET, Key="files/put")
    expect(head["ContentType"] == "text/plain", f"Content-Type is {head['ContentType']}")
    expect(head["Metadata"] == {"colour": "blue"}, f"metadata is {head['Metadata']}")
    print("objects up and down: byte for byte (0 B, 1 KiB, 40 MiB multipart)")


def check_listing(s3):
    for index in range(7):
        s3.put_object(Bucket=BUCKET, Key=f"list/k{index}", Body=b"k")
    s3.put_object(Bucket=BUCKET, Key="list/dir/one", Body=b"1")
    s3.put_object(Bucket=BUCKET, Key="list/dir/two", Body=b"2")

    page = s3.list_objects_v2(Bucket=BUCKET, Prefix="list/", Delimiter="/")
    keys = [item["Key"] for item in page.get("Contents", [])]
    prefixes = [item["Prefix"] for item in page.get("CommonPrefixes", [])]
    expect(keys == [f"list/k{i}" for i in range(7)], f"delimited keys: {keys}")
    expect(prefixes == ["list/dir/"], f"common prefixes: {prefixes}")

    seen, pages, token = [], 0, None
    while True:
        kwargs = {"Bucket": BUCKET, "Prefix": "list/", "MaxKeys": 3}
        if token:
            kwargs["ContinuationToken"] = token
        page = s3.list_objects_v2(**kwargs)
        pages += 1
        seen += [item["Key"] for item in page.get("Contents", [])]
        expect(page["KeyCount"] <= 3, f"page of {page['KeyCount']} keys with MaxKeys 3")
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    want = sorted([f"list/k{i}" for i in range(7)] + ["list/dir/one", "list/dir/two"])
    expect(seen == want, f"paged listing: {seen}")
    expect(pages == 3, f"9 keys at 3 per page took {pages} pages")
    print("list_objects_v2: prefix, delimiter and paging")


def check_conditional_copy_range(s3):
    body = bytes(range(256)) * 4
    s3.put_object(Bucket=BUCKET, Key="cond/once", Body=body, IfNoneMatch="*")
    expect_error(lambda: s3.put_object(Bucket=BUCKET, Key="cond/once", Body=b"other", IfNoneMatch="*"),
                 "PreconditionFailed", 412, "second PUT with If-None-Match: *")
    expect(get_bytes(s3, "cond/once") == body, "the refused conditional PUT changed the object")

    s3.copy_object(Bucket=BUCKET, Key="cond/copy", CopySource={"Bucket": BUCKET, "Key": "cond/once"})
    expect(get_bytes(s3, "cond/copy") == body, "copy_object: the copy differs")

    ranged = s3.get_object(Bucket=BUCKET, Key="cond/once", Range="bytes=10-99")
    expect(ranged["ResponseMetadata"]["HTTPStatusCode"] == 206, "ranged GET did not answer 206")
    expect(ranged["Body"].read() == body[10:100], "ranged GET bytes differ")
    expect(ranged["ContentRange"] == f"bytes 10-99/{len(body)}", f"Content-Range {ranged['ContentRange']}")

    head = s3.head_object(Bucket=BUCKET, Key="cond/copy")
    expect(head["ContentLength"] == len(body), f"HeadObject length {head['ContentLength']}")
    expect_error(lambda: s3.head_object(Bucket=BUCKET, Key="cond/missing"), "404", 404, "HeadObject of a missing key")
    print("conditional PUT, copy_object, ranged GET, head_object")


def check_delete_objects(s3):
    keys = [f"del/{i}" for i in range(5)]
    for key in keys:
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"d")
    answer = s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": k} for k in keys], "Quiet": True})
    expect(not answer.get("Deleted"), f"quiet delete listed deletions: {answer.get('Deleted')}")
    expect(not answer.get("Errors"), f"delete_objects errors: {answer.get('Errors')}")
    left = s3.list_objects_v2(Bucket=BUCKET, Prefix="del/").get("Contents", [])
    expect(not left, f"keys left after delete_objects: {[item['Key'] for item in left]}")
    print("delete_objects (quiet)")


def check_bucket_configurations(s3):
    cors = {"CORSRules": [{"AllowedOrigins": ["https://app.example"], "AllowedMethods": ["GET", "PUT"],
                           "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 300}]}
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration=cors)
    rules = s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"]
    expect(len(rules) == 1, f"CORS rules: {rules}")
    rule = rules[0]
    for field in ("AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders", "MaxAgeSeconds"):
        expect(rule.get(field) == cors["CORSRules"][0][field], f"CORS {field}: {rule.get(field)}")

    lifecycle = {"Rules": [
        {"ID": "tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 3}},
        {"ID": "uploads", "Filter": {"Prefix": ""}, "Status": "Enabled",
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}}]}
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration=lifecycle)
    rules = {rule["ID"]: rule for rule in s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]}
    expect(rules.get("tmp", {}).get("Expiration") == {"Days": 3}, f"lifecycle rule tmp: {rules.get('tmp')}")
    expect(rules.get("uploads", {}).get("AbortIncompleteMultipartUpload") == {"DaysAfterInitiation": 2},
           f"lifecycle rule uploads: {rules.get('uploads')}")
    print("bucket CORS and lifecycle: stored and read back")


def check_presigned(s3):
    body = os.urandom(1500)
    s3.put_object(Bucket=BUCKET, Key="presigned/file", Body=body)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "presigned/file"},
                                    ExpiresIn=300)
    with urllib.request.urlopen(url, timeout=30) as response:
        expect(response.status == 200, f"presigned GET answered {response.status}")
        expect(response.read() == body, "presigned GET bytes differ")
    print("presigned GET fetched with urllib")


def check_odd_keys(s3):
    keys = ["odd/a//b", "odd/%2F", "odd/with space", "odd/plus+sign", "odd/emoji-\U0001F600", "odd/" + "k" * 1020]
    for index, key in enumerate(keys):
        body = f"body {index}".encode()
        s3.put_object(Bucket=BUCKET, Key=key, Body=body)
        expect(get_bytes(s3, key) == body, f"key {key[:40]!r}: bytes differ")
    listed = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET, Prefix="odd/").get("Contents", [])]
    expect(sorted(listed) == sorted(keys), f"odd keys listed as {listed}")
    expect(len(keys[-1].encode()) == 1024, "the longest accepted key must be 1,024 bytes")
    expect_error(lambda: s3.put_object(Bucket=BUCKET, Key="k" * 1025, Body=b"x"),
                 "KeyTooLongError", 400, "PUT of a 1,025-byte key")
    print("odd keys round-trip; a 1,025-byte key is refused")


def main():
    work = os.environ["COFFER_WORK"]
    s3 = client()
    s3.create_bucket(Bucket=BUCKET)
    names = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
    expect(BUCKET in names, f"list_buckets: {names}")
    check_objects_up_and_down(s3, work)
    check_listing(s3)
    check_conditional_copy_range(s3)
    check_delete_objects(s3)
    check_bucket_configurations(s3)
    check_presigned(s3)
    check_odd_keys(s3)
    print("boto3: all checks passed")


if __name__ == "__main__":
    main()
