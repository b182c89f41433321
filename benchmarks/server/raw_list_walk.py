#!/usr/bin/env python3
"""Walks ListObjectsV2 over one keep-alive HTTP connection with SigV4 headers signed
here and only NextContinuationToken/KeyCount picked out of each page: the server's share
of a listing walk, without any S3 SDK's XML parsing. Prints "RESULT <seconds> s <keys> keys".

    raw_list_walk.py ENDPOINT ACCESS SECRET BUCKET PREFIX
"""
import datetime
import hashlib
import hmac
import http.client
import re
import sys
import time
import urllib.parse

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def quote(value):
    return urllib.parse.quote(value, safe="-_.~")


def sign_headers(host, path, query, access, secret, region="us-east-1"):
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
    canonical_query = "&".join(f"{quote(k)}={quote(v)}" for k, v in sorted(query.items()))
    headers = {"host": host, "x-amz-content-sha256": EMPTY_SHA256, "x-amz-date": amz_date}
    signed = ";".join(sorted(headers))
    canonical = "\n".join(["GET", path, canonical_query]
                          + [f"{name}:{headers[name]}" for name in sorted(headers)]
                          + ["", signed, EMPTY_SHA256])
    scope = f"{day}/{region}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (day, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={access}/{scope}, "
                                f"SignedHeaders={signed}, Signature={signature}")
    return canonical_query, headers


def main():
    endpoint, access, secret, bucket, prefix = sys.argv[1:6]
    url = urllib.parse.urlsplit(endpoint)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    path = f"/{bucket}"
    token = None
    keys = 0
    start = time.perf_counter()
    while True:
        query = {"list-type": "2", "max-keys": "1000", "prefix": prefix}
        if token:
            query["continuation-token"] = token
        canonical_query, headers = sign_headers(url.netloc, path, query, access, secret)
        connection.request("GET", f"{path}?{canonical_query}", headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"raw_list_walk: HTTP {response.status}: {body[:300]!r}")
        count = re.search(rb"<KeyCount>(\d+)</KeyCount>", body)
        keys += int(count.group(1)) if count else 0
        found = re.search(rb"<NextContinuationToken>([^<]*)</NextContinuationToken>", body)
        if not found:
            break
        token = found.group(1).decode()
    print(f"RESULT {time.perf_counter() - start:.3f} s {keys} keys")


if __name__ == "__main__":
    main()
