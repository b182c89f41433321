// Presigned URLs from both sides: presignQuery (client) and parsePresignedQuery (server),
// including the expiry bounds and the validity window against a passed-in clock.

#include "s3/sigv4/presigned.h"
#include "s3/sigv4/signer.h"

#include <QTest>
#include <QTimeZone>

using namespace coffer::s3::sigv4;

Q_DECLARE_METATYPE(coffer::s3::sigv4::AuthError)

namespace {

const QDateTime kSignedAt(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
const Credentials kCredentials{"AKID", "secret", {}};

CanonicalInput getObject()
{
    return CanonicalInput{"GET", "/bucket/a%20b.txt", {{"versionId", "null"}}, {{"host", "127.0.0.1:9000"}}, {}};
}

QueryList presignedParameters(qint64 expires, const Credentials &credentials = kCredentials)
{
    return parseQuery(presignQuery(getObject(), credentials, "auto", kSignedAt, expires).value_or(QByteArray()));
}

QByteArray value(const QueryList &query, QByteArrayView name)
{
    for (const auto &[key, parameterValue] : query) {
        if (key == name)
            return parameterValue;
    }
    return {};
}

QueryList replaced(QueryList query, QByteArrayView name, const std::optional<QByteArray> &newValue)
{
    query.removeIf([&](const auto &parameter) { return parameter.first == name; });
    if (newValue)
        query.append({name.toByteArray(), *newValue});
    return query;
}

} // namespace

class TestPresign : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiryBounds_data();
    void expiryBounds();
    void carriesEveryParameter();
    void sessionTokenIsSigned();
    void verifierAcceptsAndRecomputes();
    void validityWindow_data();
    void validityWindow();
    void rejectsBadParameters_data();
    void rejectsBadParameters();
    void recognisesPresignedRequests();
};

void TestPresign::expiryBounds_data()
{
    QTest::addColumn<qint64>("expires");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0 s") << qint64(0) << false;
    QTest::newRow("negative") << qint64(-1) << false;
    QTest::newRow("1 s") << qint64(1) << true;
    QTest::newRow("7 days") << qint64(604800) << true;
    QTest::newRow("7 days + 1 s") << qint64(604801) << false;
}

void TestPresign::expiryBounds()
{
    QFETCH(qint64, expires);
    QFETCH(bool, accepted);
    const std::optional<QByteArray> query = presignQuery(getObject(), kCredentials, "auto", kSignedAt, expires);
    QCOMPARE(query.has_value(), accepted);
    if (accepted)
        QVERIFY(query->contains(QByteArray("&X-Amz-Expires=" + QByteArray::number(expires) + '&')));
}

void TestPresign::carriesEveryParameter()
{
    const QByteArray query = presignQuery(getObject(), kCredentials, "auto", kSignedAt, 3600).value_or(QByteArray());
    // Encoded: the credential's slashes are %2F; the request's own parameter is kept.
    QVERIFY2(query.contains("X-Amz-Credential=AKID%2F20260223%2Fauto%2Fs3%2Faws4_request"), query.constData());
    const QueryList parameters = parseQuery(query);
    QCOMPARE(value(parameters, "X-Amz-Algorithm"), QByteArray("AWS4-HMAC-SHA256"));
    QCOMPARE(value(parameters, "X-Amz-Date"), QByteArray("20260223T082420Z"));
    QCOMPARE(value(parameters, "X-Amz-Expires"), QByteArray("3600"));
    QCOMPARE(value(parameters, "X-Amz-SignedHeaders"), QByteArray("host"));
    QCOMPARE(value(parameters, "versionId"), QByteArray("null"));
    QVERIFY(value(parameters, "X-Amz-Security-Token").isEmpty());
    QCOMPARE(parameters.last().first, QByteArray("X-Amz-Signature"));
    QCOMPARE(parameters.last().second.size(), 64);
}

void TestPresign::sessionTokenIsSigned()
{
    const Credentials withToken{"AKID", "secret", "token/with+slash="};
    const QueryList parameters = presignedParameters(60, withToken);
    QCOMPARE(value(parameters, "X-Amz-Security-Token"), QByteArray("token/with+slash="));
    // The token is part of what is signed: the signature differs from the tokenless one.
    QVERIFY(value(parameters, "X-Amz-Signature") != value(presignedParameters(60), "X-Amz-Signature"));
}

void TestPresign::verifierAcceptsAndRecomputes()
{
    const QueryList parameters = presignedParameters(600);
    const PresignedParse parsed = parsePresignedQuery(parameters, kSignedAt.addSecs(30));
    QCOMPARE(parsed.error, AuthError::None);
    const PresignedAuthorization &auth = parsed.authorization;
    QCOMPARE(auth.credential.accessKeyId, QByteArray("AKID"));
    QCOMPARE(auth.signedAt, kSignedAt);
    QCOMPARE(auth.expiresSeconds, 600);
    QCOMPARE(auth.signedHeaders, QByteArray("host"));
    QCOMPARE(auth.signedQuery.size(), parameters.size() - 1);

    // The server rebuilds the canonical request from the query minus the signature.
    CanonicalInput received = getObject();
    received.query = auth.signedQuery;
    received.payloadHash = "UNSIGNED-PAYLOAD";
    const Scope &scope = auth.credential.scope;
    const QByteArray expected = signature(signingKey("secret", scope),
                                          stringToSign(auth.signedAt, scope, canonicalRequest(received, auth.signedHeaders)));
    QCOMPARE(expected, auth.signature);
}

void TestPresign::validityWindow_data()
{
    QTest::addColumn<qint64>("secondsAfterSigning");
    QTest::addColumn<AuthError>("error");
    QTest::newRow("at signing") << qint64(0) << AuthError::None;
    QTest::newRow("last valid second") << qint64(600) << AuthError::None;
    QTest::newRow("one second late") << qint64(601) << AuthError::Expired;
    QTest::newRow("a day late") << qint64(86400) << AuthError::Expired;
    QTest::newRow("signer clock 10 min ahead") << qint64(-600) << AuthError::None;
    QTest::newRow("signer clock 16 min ahead") << qint64(-960) << AuthError::NotYetValid;
}

void TestPresign::validityWindow()
{
    QFETCH(qint64, secondsAfterSigning);
    QFETCH(AuthError, error);
    QCOMPARE(parsePresignedQuery(presignedParameters(600), kSignedAt.addSecs(secondsAfterSigning)).error, error);
}

void TestPresign::rejectsBadParameters_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<std::optional<QByteArray>>("newValue");
    QTest::addColumn<AuthError>("error");

    using V = std::optional<QByteArray>;
    QTest::newRow("no algorithm") << QByteArray("X-Amz-Algorithm") << V() << AuthError::Malformed;
    QTest::newRow("no credential") << QByteArray("X-Amz-Credential") << V() << AuthError::Malformed;
    QTest::newRow("no date") << QByteArray("X-Amz-Date") << V() << AuthError::Malformed;
    QTest::newRow("no expires") << QByteArray("X-Amz-Expires") << V() << AuthError::Malformed;
    QTest::newRow("no signed headers") << QByteArray("X-Amz-SignedHeaders") << V() << AuthError::Malformed;
    QTest::newRow("no signature") << QByteArray("X-Amz-Signature") << V() << AuthError::Malformed;
    QTest::newRow("other algorithm") << QByteArray("X-Amz-Algorithm") << V("AWS4-HMAC-SHA1")
                                     << AuthError::UnsupportedAlgorithm;
    QTest::newRow("credential without scope") << QByteArray("X-Amz-Credential") << V("AKID")
                                              << AuthError::BadCredential;
    QTest::newRow("scope date is not X-Amz-Date's")
        << QByteArray("X-Amz-Credential") << V("AKID/20260222/auto/s3/aws4_request") << AuthError::BadScope;
    QTest::newRow("extended date form") << QByteArray("X-Amz-Date") << V("2026-02-23T08:24:20Z")
                                        << AuthError::BadDate;
    QTest::newRow("expires 0") << QByteArray("X-Amz-Expires") << V("0") << AuthError::BadExpires;
    QTest::newRow("expires 604801") << QByteArray("X-Amz-Expires") << V("604801") << AuthError::BadExpires;
    QTest::newRow("expires negative") << QByteArray("X-Amz-Expires") << V("-5") << AuthError::BadExpires;
    QTest::newRow("expires not a number") << QByteArray("X-Amz-Expires") << V("1h") << AuthError::BadExpires;
    QTest::newRow("expires huge") << QByteArray("X-Amz-Expires") << V("99999999999999999999")
                                  << AuthError::BadExpires;
    QTest::newRow("host not signed") << QByteArray("X-Amz-SignedHeaders") << V("x-amz-date")
                                     << AuthError::BadSignedHeaders;
    QTest::newRow("short signature") << QByteArray("X-Amz-Signature") << V("abcd") << AuthError::BadSignature;
}

void TestPresign::rejectsBadParameters()
{
    QFETCH(QByteArray, name);
    QFETCH(std::optional<QByteArray>, newValue);
    QFETCH(AuthError, error);
    const QueryList query = replaced(presignedParameters(600), name, newValue);
    const PresignedParse parsed = parsePresignedQuery(query, kSignedAt);
    QCOMPARE(parsed.error, error);
    QVERIFY(!parsed.ok());
    QVERIFY(!s3ErrorCode(error, AuthLocation::Query).isEmpty());
}

void TestPresign::recognisesPresignedRequests()
{
    QueryList query = presignedParameters(60);
    QVERIFY(isPresigned(query));
    QVERIFY(!isPresigned({{"list-type", "2"}, {"prefix", "a/"}}));

    // A parameter given twice is ambiguous and refused.
    query.emplaceBack("X-Amz-Date", "20260223T082420Z");
    QCOMPARE(parsePresignedQuery(query, kSignedAt).error, AuthError::Malformed);
}

QTEST_GUILESS_MAIN(TestPresign)
#include "tst_presign.moc"
