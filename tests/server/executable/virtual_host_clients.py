#!/usr/bin/env python3
"""Virtual-hosted addressing with real third-party clients against the coffer-server
executable started with --virtual-host-base. Names under the base resolve to 127.0.0.1
inside this process only (boto3: socket.getaddrinfo is wrapped; curl: --connect-to), so
nothing on the machine changes. SigV4 signs the Host header, so every request also
proves that the server verifies signatures over "<bucket>.<base>:<port>".

Checks: boto3 with addressing_style=virtual creates, writes, lists, reads, copies and
deletes; a path-style client sees the same objects; curl --aws-sigv4 reads one through
the bucket's host; and a server started without a base treats virtual-hosted requests as
path-style ones (so the bucket in the Host is ignored).

Usage: virtual_host_clients.py /path/to/coffer-server
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

BASE = "s3.coffer.test"
ACCESS, SECRET = "VHOSTKEY", "virtual-host-secret-0123"


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


_real_getaddrinfo = socket.getaddrinfo


def _resolve_test_names(host, *args, **kwargs):
    # Only names under the test base are redirected; everything else resolves normally.
    if isinstance(host, str) and (host == BASE or host.endswith("." + BASE)):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _resolve_test_names


def start(binary, data, extra):
    server = subprocess.Popen([binary, "--data", data, "--listen", "127.0.0.1:0",
                               "--access-key", ACCESS, "--secret-key", SECRET] + extra,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = server.stdout.readline().strip()
    if not first.startswith("listening on http://"):
        fail("coffer-server did not start: " + first + server.stderr.read())
    return server, int(first.rsplit(":", 1)[1])


def client(endpoint, style):
    return boto3.client("s3", endpoint_url=endpoint, region_name="auto",
                        aws_access_key_id=ACCESS, aws_secret_access_key=SECRET,
                        config=Config(s3={"addressing_style": style}, retries={"max_attempts": 1}))


def main():
    if len(sys.argv) != 2:
        fail("usage: virtual_host_clients.py /path/to/coffer-server")
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="coffer-vhost-")
    servers = []
    try:
        server, port = start(binary, os.path.join(work, "hosted"), ["--virtual-host-base", BASE])
        servers.append(server)
        hosted = client(f"http://{BASE}:{port}", "virtual")
        path_style = client(f"http://127.0.0.1:{port}", "path")

        hosted.create_bucket(Bucket="vhost")
        body = os.urandom(300 * 1024)
        key = "dir/a b+c \u00e9.bin"
        hosted.put_object(Bucket="vhost", Key=key, Body=body)
        if hosted.get_object(Bucket="vhost", Key=key)["Body"].read() != body:
            fail("virtual-hosted GET did not return the bytes PUT")
        listed = [o["Key"] for o in hosted.list_objects_v2(Bucket="vhost", Prefix="dir/")["Contents"]]
        if listed != [key]:
            fail(f"virtual-hosted listing: {listed}")
        hosted.copy_object(Bucket="vhost", Key="copy.bin", CopySource={"Bucket": "vhost", "Key": key})
        if path_style.get_object(Bucket="vhost", Key="copy.bin")["Body"].read() != body:
            fail("path-style GET of the virtual-hosted copy differs")
        names = [b["Name"] for b in path_style.list_buckets()["Buckets"]]
        if "vhost" not in names:
            fail(f"path-style ListBuckets does not show the bucket: {names}")

        # curl signs the Host it connects to; --connect-to sends it to loopback.
        curl = shutil.which("curl")
        if curl is None:
            fail("curl is not installed (the build environment provides it)")
        got = subprocess.run([curl, "-sS", "--fail-with-body", "--connect-to", f"vhost.{BASE}:{port}:127.0.0.1:{port}",
                              "--aws-sigv4", "aws:amz:auto:s3", "--user", f"{ACCESS}:{SECRET}",
                              "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                              f"http://vhost.{BASE}:{port}/copy.bin"], capture_output=True)
        if got.returncode != 0 or got.stdout != body:
            fail(f"curl through the bucket's host: exit {got.returncode}: {got.stdout[:300]!r} {got.stderr[:300]!r}")
        wrong = subprocess.run([curl, "-sS", "--connect-to", f"vhost.{BASE}:{port}:127.0.0.1:{port}",
                                "--aws-sigv4", "aws:amz:auto:s3", "--user", f"{ACCESS}:not-the-secret",
                                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                                f"http://vhost.{BASE}:{port}/copy.bin"], capture_output=True)
        if b"<Code>SignatureDoesNotMatch</Code>" not in wrong.stdout:
            fail(f"a wrong secret through the bucket's host was not refused: {wrong.stdout[:300]!r}")

        hosted.delete_object(Bucket="vhost", Key=key)
        hosted.delete_object(Bucket="vhost", Key="copy.bin")
        hosted.delete_bucket(Bucket="vhost")
        try:
            path_style.head_bucket(Bucket="vhost")
            fail("the bucket deleted through its host still exists")
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                fail("HEAD of the deleted bucket: " + str(error))

        # Without a base, virtual-hosted addressing is off: "PUT /" on a bucket's host is a
        # PUT on the service, which S3 does not have.
        plain, plain_port = start(binary, os.path.join(work, "plain"), [])
        servers.append(plain)
        try:
            client(f"http://{BASE}:{plain_port}", "virtual").create_bucket(Bucket="vhost")
            fail("a server without --virtual-host-base created a bucket from the Host header")
        except ClientError as error:
            code = error.response["Error"].get("Code")
            if code != "MethodNotAllowed":
                fail(f"expected MethodNotAllowed for PUT / without a base, got {code}")
        if client(f"http://127.0.0.1:{plain_port}", "path").list_buckets()["Buckets"]:
            fail("the server without a base created a bucket anyway")
        print("PASS: virtual-hosted addressing works with boto3 and curl, and is off without a base", flush=True)
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
