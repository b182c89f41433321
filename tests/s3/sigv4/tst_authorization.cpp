// The Authorization header parser (the server's side of SigV4) and the constant-time
// signature comparison.

#include "s3/sigv4/authorization.h"
#include "s3/sigv4/signer.h"

#include <QTest>
#include <QTimeZone>

using namespace coffer::s3::sigv4;

Q_DECLARE_METATYPE(coffer::s3::sigv4::AuthError)

namespace {
constexpr char kSignature[] = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
}

class TestAuthorization : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesGoodHeaders_data();
    void parsesGoodHeaders();
    void rejectsBadHeaders_data();
    void rejectsBadHeaders();
    void parsesWhatSignHeadersWrites();
    void errorsBecomeS3Codes();
    void signaturesMatch_data();
    void signaturesMatch();
};

void TestAuthorization::parsesGoodHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("signedHeaders");

    const QByteArray credential = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    QTest::newRow("AWS documentation form")
        << QByteArray("AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=host;range;x-amz-date, Signature="
                      + kSignature)
        << QByteArray("host;range;x-amz-date");
    QTest::newRow("no spaces after commas")
        << QByteArray("AWS4-HMAC-SHA256 " + credential + ",SignedHeaders=host,Signature=" + kSignature)
        << QByteArray("host");
    QTest::newRow("parts in another order")
        << QByteArray(QByteArray("AWS4-HMAC-SHA256 Signature=") + kSignature + ", SignedHeaders=host;x-amz-date, "
                      + credential)
        << QByteArray("host;x-amz-date");
    QTest::newRow("surrounding whitespace")
        << QByteArray("  AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=host, Signature=" + kSignature + "  ")
        << QByteArray("host");
    QTest::newRow("uppercase signature hex")
        << QByteArray("AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=host, Signature="
                      + QByteArray(kSignature).toUpper())
        << QByteArray("host");
}

void TestAuthorization::parsesGoodHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, signedHeaders);
    const AuthorizationParse parsed = parseAuthorization(header);
    QCOMPARE(parsed.error, AuthError::None);
    QVERIFY(parsed.ok());
    const Authorization &auth = parsed.authorization;
    QCOMPARE(auth.credential.accessKeyId, QByteArray("AKIAIOSFODNN7EXAMPLE"));
    QCOMPARE(auth.credential.scope.date, QDate(2013, 5, 24));
    QCOMPARE(auth.credential.scope.region, QByteArray("us-east-1"));
    QCOMPARE(auth.credential.scope.service, QByteArray("s3"));
    QCOMPARE(auth.signedHeaders, signedHeaders);
    QCOMPARE(auth.signature, QByteArray(kSignature));
}

void TestAuthorization::rejectsBadHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<AuthError>("error");

    const QByteArray sig = QByteArray(", Signature=") + kSignature;
    const QByteArray good = "Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=host";
    QTest::newRow("empty") << QByteArray() << AuthError::Malformed;
    QTest::newRow("algorithm only") << QByteArray("AWS4-HMAC-SHA256") << AuthError::Malformed;
    QTest::newRow("SigV2") << QByteArray("AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")
                           << AuthError::UnsupportedAlgorithm;
    QTest::newRow("SigV4A") << QByteArray("AWS4-ECDSA-P256-SHA256 " + good + sig) << AuthError::UnsupportedAlgorithm;
    QTest::newRow("lowercase algorithm") << QByteArray("aws4-hmac-sha256 " + good + sig)
                                         << AuthError::UnsupportedAlgorithm;
    QTest::newRow("missing signature") << QByteArray("AWS4-HMAC-SHA256 " + good) << AuthError::Malformed;
    QTest::newRow("missing credential")
        << QByteArray("AWS4-HMAC-SHA256 SignedHeaders=host" + sig) << AuthError::Malformed;
    QTest::newRow("duplicate part") << QByteArray("AWS4-HMAC-SHA256 " + good + ", SignedHeaders=host" + sig)
                                    << AuthError::Malformed;
    QTest::newRow("unknown part") << QByteArray("AWS4-HMAC-SHA256 " + good + ", Extra=1" + sig) << AuthError::Malformed;
    QTest::newRow("part without =") << QByteArray("AWS4-HMAC-SHA256 " + good + ", Junk" + sig) << AuthError::Malformed;
    QTest::newRow("credential too short")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3, SignedHeaders=host" + sig)
        << AuthError::BadCredential;
    QTest::newRow("empty access key")
        << QByteArray("AWS4-HMAC-SHA256 Credential=/20130524/us-east-1/s3/aws4_request, SignedHeaders=host" + sig)
        << AuthError::BadCredential;
    QTest::newRow("bad scope date")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20131324/us-east-1/s3/aws4_request, SignedHeaders=host" + sig)
        << AuthError::BadScope;
    QTest::newRow("bad scope terminator")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws5_request, SignedHeaders=host" + sig)
        << AuthError::BadScope;
    // An empty region is well-formed (R2's alias of "auto"): tst_credential_scope.
    QTest::newRow("empty service")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1//aws4_request, SignedHeaders=host" + sig)
        << AuthError::BadScope;
    QTest::newRow("host not signed")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date"
                      + sig)
        << AuthError::BadSignedHeaders;
    QTest::newRow("uppercase signed header")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=Host" + sig)
        << AuthError::BadSignedHeaders;
    QTest::newRow("empty signed header name")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;;a" + sig)
        << AuthError::BadSignedHeaders;
    QTest::newRow("short signature") << QByteArray("AWS4-HMAC-SHA256 " + good + ", Signature=abc")
                                     << AuthError::BadSignature;
    QTest::newRow("non-hex signature")
        << QByteArray("AWS4-HMAC-SHA256 " + good + ", Signature=" + QByteArray(64, 'g')) << AuthError::BadSignature;
}

void TestAuthorization::rejectsBadHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(AuthError, error);
    const AuthorizationParse parsed = parseAuthorization(header);
    QCOMPARE(parsed.error, error);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.authorization.signature.isEmpty());
    QVERIFY(!errorMessage(error).isEmpty());
}

void TestAuthorization::parsesWhatSignHeadersWrites()
{
    const QDateTime now(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
    const CanonicalInput input{"PUT", "/bucket/a%20b", {}, {{"Host", "example.r2.cloudflarestorage.com"}}, {}};
    const Credentials credentials{"AKID", "secret", {}};
    const HeaderList added = signHeaders(input, credentials, "auto", now);
    QCOMPARE(added.last().first, QByteArray("Authorization"));

    const AuthorizationParse parsed = parseAuthorization(added.last().second);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.authorization.credential.accessKeyId, QByteArray("AKID"));
    QCOMPARE(parsed.authorization.credential.scope.toString(), QByteArray("20260223/auto/s3/aws4_request"));
    QCOMPARE(parsed.authorization.signedHeaders, QByteArray("host;x-amz-content-sha256;x-amz-date"));

    // The verifier recomputes the signature from the request as received and compares.
    CanonicalInput received = input;
    received.headers.append(added.first(added.size() - 1));
    received.payloadHash = "UNSIGNED-PAYLOAD";
    const Scope &scope = parsed.authorization.credential.scope;
    const QByteArray expected = signature(
        signingKey("secret", scope),
        stringToSign(now, scope, canonicalRequest(received, parsed.authorization.signedHeaders)));
    QVERIFY(coffer::s3::sigv4::signaturesMatch(expected, parsed.authorization.signature));

    received.encodedPath = "/bucket/a+b";
    const QByteArray tampered = signature(
        signingKey("secret", scope),
        stringToSign(now, scope, canonicalRequest(received, parsed.authorization.signedHeaders)));
    QVERIFY(!coffer::s3::sigv4::signaturesMatch(tampered, parsed.authorization.signature));
}

void TestAuthorization::errorsBecomeS3Codes()
{
    QCOMPARE(s3ErrorCode(AuthError::Malformed, AuthLocation::Header), QByteArrayView("AuthorizationHeaderMalformed"));
    QCOMPARE(s3ErrorCode(AuthError::BadScope, AuthLocation::Query),
             QByteArrayView("AuthorizationQueryParametersError"));
    QCOMPARE(s3ErrorCode(AuthError::Expired, AuthLocation::Query), QByteArrayView("AccessDenied"));
    QCOMPARE(s3ErrorCode(AuthError::UnsupportedAlgorithm, AuthLocation::Header), QByteArrayView("InvalidArgument"));
    QVERIFY(s3ErrorCode(AuthError::None, AuthLocation::Header).isEmpty());
}

void TestAuthorization::signaturesMatch_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    const QByteArray sig(kSignature);
    QByteArray lastDiffers = sig;
    lastDiffers.back() = '5';
    QByteArray firstDiffers = sig;
    firstDiffers.front() = '0';
    QTest::newRow("same") << sig << sig << true;
    QTest::newRow("hex case ignored") << sig << sig.toUpper() << true;
    QTest::newRow("last character differs") << sig << lastDiffers << false;
    QTest::newRow("first character differs") << sig << firstDiffers << false;
    QTest::newRow("prefix") << sig << sig.first(63) << false;
    QTest::newRow("empty sent") << sig << QByteArray() << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
}

void TestAuthorization::signaturesMatch()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(coffer::s3::sigv4::signaturesMatch(a, b), equal);
    QCOMPARE(coffer::s3::sigv4::signaturesMatch(b, a), equal);
}

QTEST_GUILESS_MAIN(TestAuthorization)
#include "tst_authorization.moc"
