// The credential scope as the parser reads it: every region spelling a store may accept
// is well-formed, including R2's empty alias of "auto", while the other parts stay
// mandatory. Which regions a server accepts is its own decision (tst_region_aliases).

#include "s3/sigv4/authorization.h"

#include <QTest>
#include <QTimeZone>

using namespace coffer::s3::sigv4;

Q_DECLARE_METATYPE(coffer::s3::sigv4::AuthError)

class TestCredentialScope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryRegionSpelling_data()
    {
        QTest::addColumn<QByteArray>("credential");
        QTest::addColumn<QByteArray>("region");
        QTest::newRow("auto") << QByteArray("AK/20261123/auto/s3/aws4_request") << QByteArray("auto");
        QTest::newRow("us-east-1") << QByteArray("AK/20261123/us-east-1/s3/aws4_request") << QByteArray("us-east-1");
        QTest::newRow("empty") << QByteArray("AK/20261123//s3/aws4_request") << QByteArray("");
        QTest::newRow("other") << QByteArray("AK/20261123/eu-west-1/s3/aws4_request") << QByteArray("eu-west-1");
    }
    void readsEveryRegionSpelling()
    {
        QFETCH(QByteArray, credential);
        QFETCH(QByteArray, region);
        const CredentialParse parsed = parseCredential(credential);
        QCOMPARE(parsed.error, AuthError::None);
        QCOMPARE(parsed.credential.accessKeyId, QByteArray("AK"));
        QCOMPARE(parsed.credential.scope.region, region);
        QCOMPARE(parsed.credential.scope.service, QByteArray("s3"));
        QCOMPARE(parsed.credential.scope.date, QDate(2026, 11, 23));
    }

    void stillRefusesBrokenScopes_data()
    {
        QTest::addColumn<QByteArray>("credential");
        QTest::addColumn<AuthError>("error");
        QTest::newRow("empty service") << QByteArray("AK/20261123/auto//aws4_request") << AuthError::BadScope;
        QTest::newRow("empty date") << QByteArray("AK//auto/s3/aws4_request") << AuthError::BadScope;
        QTest::newRow("region missing, not empty") << QByteArray("AK/20261123/s3/aws4_request") << AuthError::BadCredential;
        QTest::newRow("two empty parts") << QByteArray("AK/20261123///aws4_request") << AuthError::BadScope;
    }
    void stillRefusesBrokenScopes()
    {
        QFETCH(QByteArray, credential);
        QFETCH(AuthError, error);
        QCOMPARE(parseCredential(credential).error, error);
    }

    void authorizationHeaderWithAnEmptyRegion()
    {
        // What a client configured with region "" sends, signed by our own signer.
        CanonicalInput input{"GET", "/bucket/key", {}, {{"host", "127.0.0.1:9000"}}, "UNSIGNED-PAYLOAD"};
        const QDateTime at(QDate(2026, 11, 23), QTime(12, 0), QTimeZone::UTC);
        const HeaderList added = signHeaders(input, {"AK", "secret", {}}, "", at);
        QByteArray header;
        for (const auto &[name, value] : added) {
            if (name.compare("authorization", Qt::CaseInsensitive) == 0)
                header = value;
        }
        QVERIFY(header.contains("Credential=AK/20261123//s3/aws4_request"));
        const AuthorizationParse parsed = parseAuthorization(header);
        QCOMPARE(parsed.error, AuthError::None);
        QCOMPARE(parsed.authorization.credential.scope.region, QByteArray());
        QCOMPARE(parsed.authorization.signedHeaders.split(';').contains("host"), true);
    }
};

QTEST_GUILESS_MAIN(TestCredentialScope)
#include "tst_credential_scope.moc"
