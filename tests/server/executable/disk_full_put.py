#!/usr/bin/env python3
"""A full disk during PUT, at the server level: coffer-server runs with its data
directory on a fresh 8 MiB tmpfs and boto3 (unchanged, default integrity checks on)
uploads more than fits. The PUT must fail with a clear S3 error saying the disk is full;
nothing partial may be visible; the objects stored before stay readable byte for byte;
no temp file is left behind; and once space is freed, PUTs work again.

Usage: disk_full_put.py /path/to/coffer-server
Needs root in a private mount namespace (as the tests run in CI) to mount the tmpfs; if
mounting is impossible it fails and says why: a disk-full test that cannot fill a disk
must not pass.
"""
import os
import subprocess
import sys
import tempfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

MiB = 1024 * 1024
ACCESS, SECRET = "DISKFULLKEY", "disk-full-secret-key-0123"


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def files_under(root):
    found = set()
    for directory, _, names in os.walk(root):
        for name in names:
            found.add(os.path.relpath(os.path.join(directory, name), root))
    return found


def blob_and_temp_files(root):
    # SQLite's own files change with every commit; the blobs and temp files must not.
    sqlite = (".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal")
    return {f for f in files_under(root) if not f.endswith(sqlite)}


def main():
    if len(sys.argv) != 2:
        fail("usage: disk_full_put.py /path/to/coffer-server")
    server_binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="coffer-diskfull-")
    mount_point = os.path.join(work, "disk")
    os.mkdir(mount_point)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount_point],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        os.rmdir(mount_point)
        os.rmdir(work)
        fail("cannot mount an 8 MiB tmpfs for the data directory (run as root in a private mount "
             "namespace, as scripts/dev.sh and CI do): " + (mounted.stderr.strip() or "mount failed"))
    server = None
    try:
        data = os.path.join(mount_point, "data")
        server = subprocess.Popen([server_binary, "--data", data, "--listen", "127.0.0.1:0",
                                   "--access-key", ACCESS, "--secret-key", SECRET],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = server.stdout.readline().strip()
        if not first.startswith("listening on http://"):
            fail("coffer-server did not start: " + first + server.stderr.read())
        endpoint = first[len("listening on "):]
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="auto",
                          aws_access_key_id=ACCESS, aws_secret_access_key=SECRET,
                          config=Config(s3={"addressing_style": "path"}))
        s3.create_bucket(Bucket="full")

        # Objects stored while there is room.
        kept = {}
        for i in range(3):
            body = os.urandom(MiB + i)
            s3.put_object(Bucket="full", Key=f"kept/{i}", Body=body)
            kept[f"kept/{i}"] = body
        before = blob_and_temp_files(data)
        free_before = os.statvfs(mount_point).f_bavail * os.statvfs(mount_point).f_frsize
        print(f"free before the big PUT: {free_before / MiB:.2f} MiB", flush=True)

        # More than the free space: it must fail, clearly.
        too_big = os.urandom(6 * MiB)
        try:
            s3.put_object(Bucket="full", Key="too/big", Body=too_big)
            fail("a 6 MiB PUT onto a disk with %.2f MiB free succeeded" % (free_before / MiB))
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            code = error.response["Error"].get("Code")
            message = error.response["Error"].get("Message", "")
            print(f"refused: {status} {code}: {message}", flush=True)
            if status != 503 or code != "ServiceUnavailable":
                fail(f"expected 503 ServiceUnavailable for a full disk, got {status} {code}")
            if "disk is full" not in message:
                fail("the error message does not say the disk is full: " + message)

        # Nothing partial is visible, nothing is left behind.
        try:
            s3.head_object(Bucket="full", Key="too/big")
            fail("the failed PUT left a visible object")
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                fail("HEAD of the failed key: " + str(error))
        listed = [o["Key"] for o in s3.list_objects_v2(Bucket="full").get("Contents", [])]
        if sorted(listed) != sorted(kept):
            fail(f"listing after the failure: {listed}")
        after = blob_and_temp_files(data)
        if after != before:
            fail(f"files changed by the failed PUT: added {sorted(after - before)}, removed {sorted(before - after)}")
        if any(f.startswith("tmp" + os.sep) for f in after):
            fail(f"temp files left: {sorted(f for f in after if f.startswith('tmp'))}")
        free_after = os.statvfs(mount_point).f_bavail * os.statvfs(mount_point).f_frsize
        if free_after < free_before - MiB:
            fail(f"the failed PUT kept space: {free_before / MiB:.2f} MiB free before, {free_after / MiB:.2f} after")

        # What was stored before is intact.
        for key, body in kept.items():
            got = s3.get_object(Bucket="full", Key=key)["Body"].read()
            if got != body:
                fail(f"{key} changed after the disk filled up")

        # The server keeps serving, and with space freed the same PUT goes through.
        s3.delete_objects(Bucket="full", Delete={"Objects": [{"Key": k} for k in kept]})
        s3.put_object(Bucket="full", Key="too/big", Body=too_big)
        if s3.get_object(Bucket="full", Key="too/big")["Body"].read() != too_big:
            fail("the PUT after freeing space did not read back byte for byte")
        print("PASS: full disk refused cleanly, earlier objects intact, PUTs work after freeing space", flush=True)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        subprocess.run(["umount", mount_point], check=False)
        os.rmdir(mount_point)
        os.rmdir(work)


if __name__ == "__main__":
    main()
