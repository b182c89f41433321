// Cloudflare's own TypeScript SDK (the `cloudflare` package, pinned in
// tests/interop/package-lock.json), unchanged, against coffer-server's emulation of the R2
// REST API: bucket CORS, lifecycle, the r2.dev managed domain and custom domains, each
// written and read back through the SDK, checked against the S3 API (@aws-sdk/client-s3)
// and, for the domains, against anonymous reads on the public listener.
// Run through with_cloudflare_server.sh, which provides COFFER_*; NODE_PATH names
// tests/interop/node_modules.
'use strict';
const http = require('node:http');
const Cloudflare = require('cloudflare');
const {
    S3Client, CreateBucketCommand, PutObjectCommand, GetBucketCorsCommand, PutBucketCorsCommand,
    GetBucketLifecycleConfigurationCommand,
} = require('@aws-sdk/client-s3');

const BUCKET = 'cf-sdk-interop';
const env = process.env;
const account_id = env.COFFER_ACCOUNT_ID;

function fail(message) {
    console.log(`FAIL: ${message}`);
    process.exit(1);
}

function expect(condition, message) {
    if (!condition) fail(message);
}

// JSON with object keys sorted, so that member order (which JSON leaves free) never matters.
function canonical(value) {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
    }
    return value;
}

function same(actual, expected, what) {
    const a = JSON.stringify(canonical(actual));
    const e = JSON.stringify(canonical(expected));
    expect(a === e, `${what}: got ${a}, expected ${e}`);
}

// An anonymous GET on the public listener, with the Host header a browser would send.
function publicGet(path, host) {
    const url = new URL(env.COFFER_PUBLIC);
    return new Promise((resolve, reject) => {
        const request = http.get({ hostname: url.hostname, port: url.port, path, headers: host ? { host } : {} },
            (response) => {
                let body = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => { body += chunk; });
                response.on('end', () => resolve({ status: response.statusCode, body }));
            });
        request.on('error', reject);
    });
}

async function expectStatus(promise, status, what) {
    try {
        await promise;
    } catch (error) {
        expect(error instanceof Cloudflare.APIError, `${what}: ${error}`);
        expect(error.status === status, `${what}: status ${error.status}, expected ${status}: ${error.message}`);
        expect(Array.isArray(error.errors) && error.errors.length > 0 && typeof error.errors[0].code === 'number',
            `${what}: the error envelope carries no errors[].code`);
        return error;
    }
    fail(`${what}: succeeded, expected status ${status}`);
}

async function checkCors(cf, s3) {
    const rules = [{
        id: 'browser uploads',
        allowed: { origins: ['https://app.example.com'], methods: ['GET', 'PUT'], headers: ['content-type'] },
        exposeHeaders: ['ETag'],
        maxAgeSeconds: 3600,
    }];
    await cf.r2.buckets.cors.update(BUCKET, { account_id, rules });
    same((await cf.r2.buckets.cors.get(BUCKET, { account_id })).rules, rules, 'cors.get after cors.update');
    const viaS3 = await s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }));
    same(viaS3.CORSRules.map((r) => [r.ID, r.AllowedOrigins, r.AllowedMethods, r.ExposeHeaders, r.MaxAgeSeconds]),
        [['browser uploads', ['https://app.example.com'], ['GET', 'PUT'], ['ETag'], 3600]],
        'GetBucketCors after the SDK set the rules');

    // And the other way: rules set over S3 read back through the SDK.
    await s3.send(new PutBucketCorsCommand({
        Bucket: BUCKET,
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] },
    }));
    same((await cf.r2.buckets.cors.get(BUCKET, { account_id })).rules,
        [{ allowed: { origins: ['*'], methods: ['GET'] } }], 'cors.get after PutBucketCors');

    await cf.r2.buckets.cors.delete(BUCKET, { account_id });
    await expectStatus(cf.r2.buckets.cors.get(BUCKET, { account_id }), 404, 'cors.get after cors.delete');
}

async function checkLifecycle(cf, s3) {
    const rules = [{
        id: 'expire logs',
        enabled: true,
        conditions: { prefix: 'logs/' },
        deleteObjectsTransition: { condition: { type: 'Age', maxAge: 30 * 86400 } },
    }, {
        id: 'to infrequent access',
        enabled: true,
        conditions: { prefix: 'archive/' },
        storageClassTransitions: [{ condition: { type: 'Age', maxAge: 60 * 86400 }, storageClass: 'InfrequentAccess' }],
    }];
    await cf.r2.buckets.lifecycle.update(BUCKET, { account_id, rules });
    same((await cf.r2.buckets.lifecycle.get(BUCKET, { account_id })).rules, rules, 'lifecycle.get after update');
    const viaS3 = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    same(viaS3.Rules.map((r) => [r.ID, r.Status, r.Filter?.Prefix, r.Expiration?.Days]),
        [['expire logs', 'Enabled', 'logs/', 30], ['to infrequent access', 'Enabled', 'archive/', undefined]],
        'GetBucketLifecycleConfiguration after the SDK set the rules');
    await cf.r2.buckets.lifecycle.update(BUCKET, { account_id, rules: [] });
    same((await cf.r2.buckets.lifecycle.get(BUCKET, { account_id })).rules, [], 'lifecycle.get after emptying it');
}

async function checkManagedDomain(cf) {
    const before = await cf.r2.buckets.domains.managed.list(BUCKET, { account_id });
    expect(before.enabled === false, 'a new bucket is not public on r2.dev');
    expect(/^pub-[0-9a-f]{32}\.r2\.dev$/.test(before.domain), `managed domain looks like r2.dev: ${before.domain}`);
    expect(/^[0-9a-f]{32}$/.test(before.bucketId), `bucketId: ${before.bucketId}`);
    const path = `/${before.domain}/hello.txt`;
    same((await publicGet(path)).status, 403, 'anonymous GET before enabling r2.dev');

    const enabled = await cf.r2.buckets.domains.managed.update(BUCKET, { account_id, enabled: true });
    same([enabled.enabled, enabled.domain], [true, before.domain], 'managed.update(true)');
    same(await publicGet(path), { status: 200, body: 'hello from R2' }, 'anonymous GET on r2.dev');
    same(await publicGet('/hello.txt', before.domain), { status: 200, body: 'hello from R2' },
        'anonymous GET with Host: the r2.dev domain');

    await cf.r2.buckets.domains.managed.update(BUCKET, { account_id, enabled: false });
    same((await cf.r2.buckets.domains.managed.list(BUCKET, { account_id })).enabled, false, 'managed.list after off');
    same((await publicGet(path)).status, 403, 'anonymous GET after disabling r2.dev');
}

async function checkCustomDomains(cf) {
    const domain = 'files.example.com';
    const created = await cf.r2.buckets.domains.custom.create(BUCKET,
        { account_id, domain, zoneId: 'zone-interop', enabled: true, minTLS: '1.2' });
    same([created.domain, created.enabled, created.zoneId, created.minTLS], [domain, true, 'zone-interop', '1.2'],
        'custom.create');
    const listed = await cf.r2.buckets.domains.custom.list(BUCKET, { account_id });
    same(listed.domains.map((d) => [d.domain, d.enabled, d.status.ownership, d.status.ssl]),
        [[domain, true, 'active', 'active']], 'custom.list');
    const one = await cf.r2.buckets.domains.custom.get(domain, { account_id, bucket_name: BUCKET });
    same([one.domain, one.zoneName], [domain, 'example.com'], 'custom.get');
    same(await publicGet('/hello.txt', domain), { status: 200, body: 'hello from R2' }, 'GET with Host: the custom domain');

    const updated = await cf.r2.buckets.domains.custom.update(domain, { account_id, bucket_name: BUCKET, enabled: false });
    same(updated.enabled, false, 'custom.update');
    same((await publicGet('/hello.txt', domain)).status, 403, 'GET on a disabled custom domain');

    const removed = await cf.r2.buckets.domains.custom.delete(domain, { account_id, bucket_name: BUCKET });
    same(removed.domain, domain, 'custom.delete');
    same((await cf.r2.buckets.domains.custom.list(BUCKET, { account_id })).domains, [], 'custom.list after delete');
    await expectStatus(cf.r2.buckets.domains.custom.get(domain, { account_id, bucket_name: BUCKET }), 404,
        'custom.get after delete');
}

async function checkRefusals() {
    const intruder = new Cloudflare({ apiToken: 'not-the-token', baseURL: env.COFFER_CF_BASE_URL, maxRetries: 0 });
    const error = await expectStatus(intruder.r2.buckets.cors.get(BUCKET, { account_id }), 403, 'a wrong token');
    same(error.errors[0].code, 10000, 'a wrong token\'s error code');
    const cf = new Cloudflare({ apiToken: env.COFFER_CF_TOKEN, baseURL: env.COFFER_CF_BASE_URL, maxRetries: 0 });
    await expectStatus(cf.r2.buckets.domains.managed.list('no-such-bucket', { account_id }), 404, 'an unknown bucket');
    await expectStatus(cf.r2.buckets.cors.update(BUCKET,
        { account_id, rules: [{ allowed: { origins: ['https://example.com/path'], methods: ['GET'] } }] }), 400,
        'an origin with a path');
}

async function main() {
    const s3 = new S3Client({
        endpoint: env.COFFER_ENDPOINT, region: 'auto', forcePathStyle: true,
        credentials: { accessKeyId: env.COFFER_ACCESS_KEY, secretAccessKey: env.COFFER_SECRET_KEY },
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello from R2', ContentType: 'text/plain' }));
    const cf = new Cloudflare({ apiToken: env.COFFER_CF_TOKEN, baseURL: env.COFFER_CF_BASE_URL, maxRetries: 0 });
    await checkCors(cf, s3);
    await checkLifecycle(cf, s3);
    await checkManagedDomain(cf);
    await checkCustomDomains(cf);
    await checkRefusals();
    console.log('cloudflare SDK: cors, lifecycle, domains/managed and domains/custom all read and written');
}

main().catch((error) => fail(error.stack || String(error)));
