// The AWS SDK for JavaScript v3 (@aws-sdk/client-s3, pinned in package-lock.json),
// unchanged and with its default checksums on, against a running coffer-server: PutObject
// and GetObject compared byte for byte, ListObjectsV2, a multipart upload of two 5 MiB
// parts and a tail, HeadObject, CopyObject and DeleteObject.
// Run through with_server.sh, which provides COFFER_*.
import { randomBytes } from 'node:crypto';
import {
    S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand,
    ListObjectsV2Command, CreateMultipartUploadCommand, UploadPartCommand,
    CompleteMultipartUploadCommand, CopyObjectCommand, DeleteObjectCommand, S3ServiceException,
} from '@aws-sdk/client-s3';

const BUCKET = 'sdk-js-interop';
const MIB = 1024 * 1024;

function fail(message) {
    console.log(`FAIL: ${message}`);
    process.exit(1);
}

function expect(condition, message) {
    if (!condition) fail(message);
}

async function getBytes(s3, key) {
    const answer = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await answer.Body.transformToByteArray());
}

async function checkPutGet(s3) {
    for (const [key, size] of [['put/empty', 0], ['put/small', 1024], ['put/medium', 3 * MIB + 17]]) {
        const body = randomBytes(size);
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/x-test' }));
        const back = await getBytes(s3, key);
        expect(back.equals(body), `${key}: GetObject returned ${back.length} bytes that differ from the ${size} sent`);
    }
    // An explicit checksum algorithm too: the SDK sends it and the server must verify it.
    const body = randomBytes(4096);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'put/sha256', Body: body, ChecksumAlgorithm: 'SHA256' }));
    expect((await getBytes(s3, 'put/sha256')).equals(body), 'put/sha256: bytes differ');
    console.log('PutObject/GetObject: byte for byte');
}

async function checkList(s3) {
    const answer = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'put/' }));
    const keys = (answer.Contents ?? []).map(item => item.Key);
    const want = ['put/empty', 'put/medium', 'put/sha256', 'put/small'];
    expect(JSON.stringify(keys) === JSON.stringify(want), `ListObjectsV2 keys ${JSON.stringify(keys)}`);
    const small = answer.Contents.find(item => item.Key === 'put/small');
    expect(small.Size === 1024, `put/small listed with size ${small.Size}`);
    const delimited = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    const prefixes = (delimited.CommonPrefixes ?? []).map(item => item.Prefix);
    expect(prefixes.includes('put/'), `CommonPrefixes ${JSON.stringify(prefixes)}`);
    console.log('ListObjectsV2: keys, sizes and common prefixes');
}

async function checkMultipart(s3) {
    const key = 'multipart/object';
    const parts = [randomBytes(5 * MIB), randomBytes(5 * MIB), randomBytes(123457)];
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    expect(created.UploadId, 'CreateMultipartUpload returned no UploadId');
    const completed = [];
    for (const [index, part] of parts.entries()) {
        const answer = await s3.send(new UploadPartCommand({
            Bucket: BUCKET, Key: key, UploadId: created.UploadId, PartNumber: index + 1, Body: part,
        }));
        expect(answer.ETag, `UploadPart ${index + 1} returned no ETag`);
        completed.push({ PartNumber: index + 1, ETag: answer.ETag });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({
        Bucket: BUCKET, Key: key, UploadId: created.UploadId, MultipartUpload: { Parts: completed },
    }));
    expect(/-3"?$/.test(done.ETag ?? ''), `multipart ETag ${done.ETag} lacks the -3 suffix`);
    const whole = Buffer.concat(parts);
    expect((await getBytes(s3, key)).equals(whole), 'multipart object: bytes differ');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength === whole.length, `HeadObject length ${head.ContentLength}, want ${whole.length}`);
    expect(head.ETag === done.ETag, `HeadObject ETag ${head.ETag}, Complete said ${done.ETag}`);
    console.log('multipart 2 x 5 MiB + tail: byte for byte, HeadObject agrees');
}

async function checkCopyDelete(s3) {
    const source = await getBytes(s3, 'put/small');
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy/small', CopySource: `${BUCKET}/put/small` }));
    expect((await getBytes(s3, 'copy/small')).equals(source), 'CopyObject: the copy differs');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/small' }));
    expect(head.ContentType === 'application/x-test', `copy Content-Type ${head.ContentType}`);

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'copy/small' }));
    try {
        await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/small' }));
        fail('HeadObject found copy/small after DeleteObject');
    } catch (error) {
        expect(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404,
            `HeadObject after DeleteObject: ${error.name} ${error.$metadata?.httpStatusCode}, want 404`);
    }
    console.log('CopyObject, DeleteObject, HeadObject 404 after delete');
}

const s3 = new S3Client({
    endpoint: process.env.COFFER_ENDPOINT,
    region: process.env.COFFER_REGION,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: process.env.COFFER_ACCESS_KEY, secretAccessKey: process.env.COFFER_SECRET_KEY },
});

try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await checkPutGet(s3);
    await checkList(s3);
    await checkMultipart(s3);
    await checkCopyDelete(s3);
    console.log('aws-sdk-js: all checks passed');
} catch (error) {
    fail(`${error.name}: ${error.message} (HTTP ${error.$metadata?.httpStatusCode ?? '-'})`);
}
