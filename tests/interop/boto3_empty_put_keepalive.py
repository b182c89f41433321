#!/usr/bin/env python3
"""Regression check: boto3 must not stall after a 0-byte PutObject on a kept-alive connection.

boto3 sends every PutObject with `Expect: 100-continue`. When the server answers a 0-byte
one with its final status and no `100 Continue` first, botocore (1.37) keeps that status
for the next `Expect` request on the same connection, reads the real status line as a
header and then waits for the connection to close. So a 0-byte PUT followed by any PUT
with a body stalls until the server's idle timeout. Run through with_server.sh.
"""
import os
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

READ_TIMEOUT = 5

s3 = boto3.client("s3", endpoint_url=os.environ["COFFER_ENDPOINT"], region_name=os.environ["COFFER_REGION"],
                  aws_access_key_id=os.environ["COFFER_ACCESS_KEY"],
                  aws_secret_access_key=os.environ["COFFER_SECRET_KEY"],
                  config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1},
                                read_timeout=READ_TIMEOUT, max_pool_connections=1))
s3.create_bucket(Bucket="keepalive")
bodies = [b"", b"1", b"", b"", b"22"]
# PUTs back to back: a request without Expect in between would reset botocore's state.
for step, body in enumerate(bodies):
    started = time.monotonic()
    try:
        s3.put_object(Bucket="keepalive", Key=f"k{step}", Body=body)
    except (BotoCoreError, ClientError) as error:
        print(f"FAIL: PUT {step} ({len(body)} bytes) after a 0-byte PUT on the same connection: {error}")
        sys.exit(1)
    print(f"PUT of {len(body)} bytes: {time.monotonic() - started:.2f}s")
for step, body in enumerate(bodies):
    back = s3.get_object(Bucket="keepalive", Key=f"k{step}")["Body"].read()
    if back != body:
        print(f"FAIL: k{step} came back as {back!r}, sent {body!r}")
        sys.exit(1)
print("boto3: no stall after 0-byte PUTs")
