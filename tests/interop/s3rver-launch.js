// Starts s3rver on an ephemeral loopback port for Coffer's client interop test and
// prints "PORT <n>" once it listens. s3rver itself does not check SigV4 signatures, so
// every request is verified here first, against the raw request target as it arrived
// (never a decoded and re-encoded URL): a request whose wire path, query or headers
// differ from what was signed is refused with 403 SignatureDoesNotMatch.
//
//   node s3rver-launch.js <data-directory>
'use strict';

const crypto = require('crypto');
const http = require('http');
const S3rver = require('s3rver');

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

const sha256Hex = data => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

// RFC 3986 encoding as SigV4 wants it: unreserved characters stay, the rest is %XX.
const uriEncode = text =>
  encodeURIComponent(text).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function canonicalQuery(pairs) {
  return pairs
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function queryPairs(rawQuery) {
  if (!rawQuery) return [];
  return rawQuery.split('&').map(item => {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}

// Returns null when the request is correctly signed (or unsigned), else a reason.
function verify(req) {
  const [rawPath, rawQuery = ''] = req.url.split(/\?(.*)/s);
  let pairs = queryPairs(rawQuery);
  let signedNames, signature, credential, amzDate, payloadHash;
  const authorization = req.headers['authorization'];
  const presigned = pairs.find(([n]) => n === 'X-Amz-Signature');
  if (authorization) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
    if (!m) return 'malformed Authorization header';
    [, credential, signedNames, signature] = m;
    amzDate = req.headers['x-amz-date'];
    payloadHash = req.headers['x-amz-content-sha256'];
  } else if (presigned) {
    const get = name => (pairs.find(([n]) => n === name) || [])[1];
    signature = get('X-Amz-Signature');
    credential = get('X-Amz-Credential');
    signedNames = get('X-Amz-SignedHeaders');
    amzDate = get('X-Amz-Date');
    payloadHash = 'UNSIGNED-PAYLOAD';
    pairs = pairs.filter(([n]) => n !== 'X-Amz-Signature');
  } else {
    return null; // anonymous: s3rver decides
  }
  const [accessKey, date, region, service] = credential.split('/');
  if (accessKey !== ACCESS_KEY) return 'unknown access key';
  const headers = signedNames
    .split(';')
    .map(name => `${name}:${String(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [req.method, rawPath, canonicalQuery(pairs), headers, signedNames, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac('AWS4' + SECRET_KEY, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign).toString('hex');
  return expected === signature ? null : `signature mismatch; canonical request was:\n${canonicalRequest}`;
}

// s3rver writes its XML in the namespace "http://doc.s3.amazonaws.com/2006-03-01/", which
// is not S3's ("http://s3.amazonaws.com/doc/2006-03-01/"), and Coffer's parsers refuse
// foreign namespaces. Both strings have the same length, so XML answers are corrected in
// place without touching Content-Length. Object bodies are never rewritten.
const WRONG_NS = Buffer.from('http://doc.s3.amazonaws.com/2006-03-01/');
const RIGHT_NS = Buffer.from('http://s3.amazonaws.com/doc/2006-03-01/');
function fixNamespace(res) {
  const isXml = () => String(res.getHeader('content-type') || '').startsWith('application/xml');
  const fix = chunk => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || !isXml()) return chunk;
    const buffer = Buffer.isBuffer(chunk) ? Buffer.from(chunk) : Buffer.from(String(chunk));
    for (let at = buffer.indexOf(WRONG_NS); at >= 0; at = buffer.indexOf(WRONG_NS, at + 1)) RIGHT_NS.copy(buffer, at);
    return buffer;
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => write(fix(chunk), ...rest);
  res.end = (chunk, ...rest) => end(fix(chunk), ...rest);
}

async function main() {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: node s3rver-launch.js <data-directory>');
  const app = new S3rver({ directory, silent: true, configureBuckets: [] });
  await app.configureBuckets();
  const handle = app.callback();
  const server = http.createServer((req, res) => {
    const problem = verify(req);
    if (problem) {
      process.stderr.write(`refused ${req.method} ${req.url}: ${problem}\n`);
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
              '<Message>The request signature we calculated does not match the signature you provided.</Message></Error>');
      return;
    }
    fixNamespace(res);
    handle(req, res);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${server.address().port}\n`);
  });
  // Stop with the test: when stdin closes (the parent went away), exit.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch(error => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
