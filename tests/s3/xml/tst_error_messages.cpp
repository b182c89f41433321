// The error codes a server answers with and the sentences users read for them: the
// configuration "not set yet" codes, policy and URI errors, each with its own sentence
// (not the generic HTTP fallback), and every sentence goes through the translator under
// the S3Error context that QT_TRANSLATE_NOOP marks for lupdate.

#include "s3/error/errorcodes.h"
#include "s3/error/s3error.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace coffer::s3;
using namespace Qt::StringLiterals;

namespace {

QByteArray errorBody(const QString &code, const QString &message = u"the server's words"_s)
{
    return u"<Error><Code>%1</Code><Message>%2</Message><BucketName>site</BucketName></Error>"_s.arg(code, message)
        .toUtf8();
}

// Marks every text it is asked for under the S3Error context, so a test sees which
// sentences were looked up through the translator.
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (QByteArrayView(context) != "coffer::s3::S3Error")
            return {};
        return u"[t]"_s + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestErrorMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mustContain"); // in userMessage()
        QTest::newRow("MalformedPolicy") << u"MalformedPolicy"_s << 400 << u"bucket policy is not valid: the server's words"_s;
        QTest::newRow("InvalidPolicyDocument") << u"InvalidPolicyDocument"_s << 400 << u"policy document"_s;
        QTest::newRow("InvalidURI") << u"InvalidURI"_s << 400 << u"address (the server's words)"_s;
        QTest::newRow("NoSuchCORSConfiguration") << u"NoSuchCORSConfiguration"_s << 404 << u"“site” has no CORS rules"_s;
        QTest::newRow("NoSuchLifecycleConfiguration") << u"NoSuchLifecycleConfiguration"_s << 404
                                                       << u"“site” has no lifecycle rules"_s;
        QTest::newRow("NoSuchBucketPolicy") << u"NoSuchBucketPolicy"_s << 404 << u"“site” has no bucket policy"_s;
        QTest::newRow("NoSuchPublicAccessBlockConfiguration") << u"NoSuchPublicAccessBlockConfiguration"_s << 404
                                                              << u"no public access block"_s;
        QTest::newRow("ServerSideEncryptionConfigurationNotFoundError")
            << u"ServerSideEncryptionConfigurationNotFoundError"_s << 404 << u"no default encryption"_s;
        QTest::newRow("NoSuchTagSet") << u"NoSuchTagSet"_s << 404 << u"no tags"_s;
        QTest::newRow("OwnershipControlsNotFoundError") << u"OwnershipControlsNotFoundError"_s << 404 << u"ownership"_s;
        QTest::newRow("InvalidPartNumber") << u"InvalidPartNumber"_s << 416 << u"HTTP 416"_s;
        QTest::newRow("AuthorizationQueryParametersError") << u"AuthorizationQueryParametersError"_s << 400
                                                           << u"link"_s;
        QTest::newRow("ServiceUnavailable") << u"ServiceUnavailable"_s << 503 << u"(the server's words)"_s;
        QTest::newRow("IncompleteBody") << u"IncompleteBody"_s << 400 << u"less data than announced"_s;
        QTest::newRow("MissingContentLength") << u"MissingContentLength"_s << 411 << u"size of the data"_s;
        QTest::newRow("PermanentRedirect") << u"PermanentRedirect"_s << 301 << u"another region"_s;
    }
    void table()
    {
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(QString, mustContain);
        QVERIFY(isKnownS3ErrorCode(code));
        QCOMPARE(s3ErrorStatus(code), status);
        QVERIFY(!s3ErrorDefaultMessage(code).isEmpty());
        const S3Error error = S3Error::fromResponse(status, errorBody(code), false);
        QCOMPARE(error.code, code);
        QVERIFY2(error.userMessage().contains(mustContain), qPrintable(error.userMessage()));
    }

    void everySentenceIsTranslated_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("table entry") << 404 << u"NoSuchBucketPolicy"_s;
        QTest::newRow("server text") << 400 << u"MalformedPolicy"_s;
        QTest::newRow("access denied") << 403 << u"AccessDenied"_s;
        QTest::newRow("slow down") << 503 << u"SlowDown"_s;
        QTest::newRow("unknown code, fallback") << 418 << u"Teapot"_s;
    }
    void everySentenceIsTranslated()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        MarkingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString message = S3Error::fromResponse(status, errorBody(code), false).userMessage();
        const QString local = S3Error::timeout().userMessage();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(message.startsWith(u"[t]"_s), qPrintable(message));
        QVERIFY2(local.startsWith(u"[t]"_s), qPrintable(local));
        QVERIFY(!S3Error::fromResponse(status, errorBody(code), false).userMessage().startsWith(u"[t]"_s));
    }
};

QTEST_GUILESS_MAIN(TestErrorMessages)
#include "tst_error_messages.moc"
