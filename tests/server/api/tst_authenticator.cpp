// Authentication from the request head: each way a signature can be wrong gives its own
// S3 error, and a correct one says how the body must be proven.

#include "server/api/authenticator.h"

#include "s3/sigv4/digest.h"
#include "s3/sigv4/signer.h"

#include <QTest>

using namespace coffer::server::api;
namespace sigv4 = coffer::s3::sigv4;

namespace {

const sigv4::Credentials kServerKeys{"AKIDCOFFERTEST", "server-secret-0123456789", {}};
const QDateTime kNow(QDate(2026, 11, 23), QTime(12, 0, 0), QTimeZone::UTC);

AuthConfig config()
{
    return AuthConfig{kServerKeys, {"auto", "us-east-1", ""}};
}

struct Signed {
    QByteArray target;
    sigv4::HeaderList headers;
};

// Signs "method path?query" the way a client does, with the given keys, time and payload.
Signed sign(const QByteArray &method, const QByteArray &path, const QByteArray &query,
            const sigv4::Credentials &keys, const QDateTime &at, const QByteArray &payloadHash,
            const QByteArray &region = "auto")
{
    sigv4::CanonicalInput input{method, path, sigv4::parseQuery(query), {{"host", "127.0.0.1:9000"}}, payloadHash};
    Signed out;
    out.target = query.isEmpty() ? path : path + '?' + query;
    out.headers = input.headers;
    for (auto [name, value] : sigv4::signHeaders(input, keys, region, at))
        out.headers.append(std::pair<QByteArray, QByteArray>(name.toLower(), value));
    return out;
}

Signed presign(const QByteArray &path, const sigv4::Credentials &keys, const QDateTime &at, qint64 expires)
{
    sigv4::CanonicalInput input{"GET", path, {}, {{"host", "127.0.0.1:9000"}}, {}};
    const auto query = sigv4::presignQuery(input, keys, "auto", at, expires);
    Q_ASSERT(query);
    return Signed{path + '?' + *query, input.headers};
}

QByteArray why(const AuthOutcome &outcome)
{
    const ApiError error = outcome.error.value_or(ApiError{});
    return QByteArray(error.code + ' ' + error.message.toUtf8());
}

} // namespace

class TestAuthenticator : public QObject
{
    Q_OBJECT

private slots:
    void refusesHeaderSignatures_data();
    void refusesHeaderSignatures();
    void acceptsHeaderSignatures_data();
    void acceptsHeaderSignatures();
    void presigned_data();
    void presigned();
    void anonymousHasNoCredentials();
    void refusesBothMechanisms();
    void verifiesTheRawTarget();
};

void TestAuthenticator::refusesHeaderSignatures_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("accessKey");
    QTest::addColumn<int>("skewSeconds");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("region");
    QTest::addColumn<QByteArray>("code");

    const QByteArray empty = sigv4::kEmptyPayloadSha256.toByteArray();
    QTest::newRow("another secret") << QByteArray("not-the-secret") << kServerKeys.accessKeyId << 0 << empty << QByteArray("auto") << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("unknown key") << kServerKeys.secretAccessKey << QByteArray("AKIDOTHER") << 0 << empty << QByteArray("auto") << QByteArray("InvalidAccessKeyId");
    QTest::newRow("clock 16 min behind") << kServerKeys.secretAccessKey << kServerKeys.accessKeyId << -16 * 60 << empty << QByteArray("auto") << QByteArray("RequestTimeTooSkewed");
    QTest::newRow("clock 16 min ahead") << kServerKeys.secretAccessKey << kServerKeys.accessKeyId << 16 * 60 << empty << QByteArray("auto") << QByteArray("RequestTimeTooSkewed");
    QTest::newRow("wrong region") << kServerKeys.secretAccessKey << kServerKeys.accessKeyId << 0 << empty << QByteArray("eu-west-1") << QByteArray("AuthorizationHeaderMalformed");
    QTest::newRow("unknown payload hash") << kServerKeys.secretAccessKey << kServerKeys.accessKeyId << 0 << QByteArray("STREAMING-NONSENSE") << QByteArray("auto") << QByteArray("InvalidArgument");
    QTest::newRow("short hex payload hash") << kServerKeys.secretAccessKey << kServerKeys.accessKeyId << 0 << QByteArray("abcd") << QByteArray("auto") << QByteArray("InvalidArgument");
}

void TestAuthenticator::refusesHeaderSignatures()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, accessKey);
    QFETCH(int, skewSeconds);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, region);
    QFETCH(QByteArray, code);

    const Signed request = sign("PUT", "/b1/k", {}, {accessKey, secret, {}}, kNow.addSecs(skewSeconds), payload, region);
    const AuthOutcome outcome = authenticate({"PUT", request.target, request.headers}, config(), kNow);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error->code, code);
    QVERIFY(!outcome.error->message.isEmpty());
}

void TestAuthenticator::acceptsHeaderSignatures_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("skewSeconds");
    QTest::addColumn<QByteArray>("region");
    const QByteArray hash = sigv4::sha256Hex("hello");
    QTest::newRow("hex hash") << hash << int(PayloadKind::Sha256) << 0 << QByteArray("auto");
    QTest::newRow("upper-case hex hash") << hash.toUpper() << int(PayloadKind::Sha256) << 0 << QByteArray("auto");
    QTest::newRow("unsigned") << QByteArray("UNSIGNED-PAYLOAD") << int(PayloadKind::Unsigned) << 0 << QByteArray("us-east-1");
    QTest::newRow("streaming signed") << QByteArray("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") << int(PayloadKind::StreamingSigned) << 0 << QByteArray("auto");
    QTest::newRow("streaming signed trailer") << QByteArray("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") << int(PayloadKind::StreamingSignedTrailer) << 0 << QByteArray("auto");
    QTest::newRow("streaming unsigned trailer") << QByteArray("STREAMING-UNSIGNED-PAYLOAD-TRAILER") << int(PayloadKind::StreamingUnsignedTrailer) << 0 << QByteArray("auto");
    QTest::newRow("skew 14 min") << QByteArray("UNSIGNED-PAYLOAD") << int(PayloadKind::Unsigned) << -14 * 60 << QByteArray("auto");
}

void TestAuthenticator::acceptsHeaderSignatures()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, kind);
    QFETCH(int, skewSeconds);
    QFETCH(QByteArray, region);

    const Signed request = sign("PUT", "/b1/a%20b", "partNumber=1&uploadId=x", kServerKeys, kNow.addSecs(skewSeconds), payload, region);
    const AuthOutcome outcome = authenticate({"PUT", request.target, request.headers}, config(), kNow);
    QVERIFY2(outcome.ok(), why(outcome).constData());
    QVERIFY(!outcome.anonymous);
    QCOMPARE(int(outcome.payload.kind), kind);
    if (outcome.payload.kind == PayloadKind::Sha256)
        QCOMPARE(outcome.payload.sha256Hex, payload.toLower());
    const bool signedChunks = kind == int(PayloadKind::StreamingSigned) || kind == int(PayloadKind::StreamingSignedTrailer);
    QCOMPARE(outcome.payload.chunkSigning.has_value(), signedChunks);
}

void TestAuthenticator::presigned_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<int>("ageSeconds");
    QTest::addColumn<qint64>("expires");
    QTest::addColumn<QByteArray>("code"); // empty: accepted
    QTest::newRow("fresh") << kServerKeys.secretAccessKey << 10 << qint64(3600) << QByteArray();
    QTest::newRow("seven days old, seven days valid") << kServerKeys.secretAccessKey << 604000 << qint64(604800) << QByteArray();
    QTest::newRow("expired") << kServerKeys.secretAccessKey << 3601 << qint64(3600) << QByteArray("AccessDenied");
    QTest::newRow("another secret") << QByteArray("other") << 10 << qint64(3600) << QByteArray("SignatureDoesNotMatch");
}

void TestAuthenticator::presigned()
{
    QFETCH(QByteArray, secret);
    QFETCH(int, ageSeconds);
    QFETCH(qint64, expires);
    QFETCH(QByteArray, code);

    const Signed request = presign("/b1/a%2Fb", {kServerKeys.accessKeyId, secret, {}}, kNow.addSecs(-ageSeconds), expires);
    const AuthOutcome outcome = authenticate({"GET", request.target, request.headers}, config(), kNow);
    if (code.isEmpty()) {
        QVERIFY2(outcome.ok(), why(outcome).constData());
        QVERIFY(outcome.presigned);
        QCOMPARE(outcome.payload.kind, PayloadKind::Unsigned);
    } else {
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error->code, code);
    }
}

void TestAuthenticator::anonymousHasNoCredentials()
{
    const AuthOutcome outcome = authenticate({"GET", "/b1/k", {{"host", "h"}}}, config(), kNow);
    QVERIFY(outcome.ok());
    QVERIFY(outcome.anonymous);
}

void TestAuthenticator::refusesBothMechanisms()
{
    Signed request = presign("/b1/k", kServerKeys, kNow, 60);
    request.headers.append(std::pair<QByteArray, QByteArray>("authorization", "AWS4-HMAC-SHA256 Credential=x"));
    const AuthOutcome outcome = authenticate({"GET", request.target, request.headers}, config(), kNow);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error->code, QByteArray("InvalidArgument"));
}

void TestAuthenticator::verifiesTheRawTarget()
{
    // Signed for "a%2Fb"; the same key spelled "a/b" on the wire is another request.
    const Signed request = sign("GET", "/b1/a%2Fb", {}, kServerKeys, kNow, "UNSIGNED-PAYLOAD");
    QVERIFY(authenticate({"GET", request.target, request.headers}, config(), kNow).ok());
    const AuthOutcome respelled = authenticate({"GET", "/b1/a/b", request.headers}, config(), kNow);
    QVERIFY(!respelled.ok());
    QCOMPARE(respelled.error->code, QByteArray("SignatureDoesNotMatch"));
    const AuthOutcome otherMethod = authenticate({"DELETE", request.target, request.headers}, config(), kNow);
    QVERIFY(!otherMethod.ok());
}

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
