// "Test connection" in the connection dialog against real servers on loopback: the
// embedded S3 server (success, bad secret, unknown key, missing bucket, a clock far off),
// an unresolvable .invalid host, a TLS server with a self-signed certificate, and a
// plain HTTP server that answers 403 AccessDenied to everything (the embedded server
// has a single all-powerful key pair, so it cannot refuse a valid signature).
#include "test_server.h"

#include "client/s3_client.h"
#include "ui/dialogs/connection_check.h"
#include "ui/dialogs/connection_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using Outcome = ConnectionCheckResult::Outcome;

namespace {

// Answers every request with 403 AccessDenied, as a store does for keys without rights.
class DenyingServer : public QTcpServer
{
public:
    DenyingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    const QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied"
                                            "</Code><Message>Access Denied</Message></Error>";
                    socket->write("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

void selectProvider(ConnectionDialog &dialog, s3::Provider provider)
{
    dialog.providerBox()->setCurrentIndex(dialog.providerBox()->findData(int(provider)));
}

void fillCustom(ConnectionDialog &dialog, const QString &endpoint, const QByteArray &accessKey,
                const QByteArray &secret)
{
    dialog.nameEdit()->setText(u"Under test"_s);
    selectProvider(dialog, s3::Provider::Custom);
    dialog.endpointEdit()->setText(endpoint);
    dialog.regionEdit()->setText(u"auto"_s);
    dialog.pathStyleBox()->setChecked(true);
    dialog.accessKeyEdit()->setText(QString::fromUtf8(accessKey));
    dialog.secretEdit()->setText(QString::fromUtf8(secret));
}

ConnectionCheckResult clickTest(ConnectionDialog &dialog)
{
    QSignalSpy tested(&dialog, &ConnectionDialog::tested);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    if (tested.isEmpty() && !tested.wait(40000))
        return {Outcome::Failed, u"no answer"_s};
    return tested.first().first().value<ConnectionCheckResult>();
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private:
    test::TestServer m_server;
    QString m_bucket = u"present"_s;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.isRunning(), qPrintable(m_server.errorString()));
        QNetworkAccessManager network;
        client::S3Client client(m_server.clientConfig(), &network);
        QVERIFY(test::seedBucket(&client, m_bucket, {u"a.txt"_s}));
    }

    void embeddedServer_data()
    {
        QTest::addColumn<QByteArray>("accessKey");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("singleBucket"); // empty: list buckets
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("success") << test::kAccessKey << test::kSecretKey << QString() << int(Outcome::Connected)
                                 << u"1 bucket"_s;
        QTest::newRow("single bucket") << test::kAccessKey << test::kSecretKey << m_bucket
                                       << int(Outcome::Connected) << m_bucket;
        QTest::newRow("bad secret") << test::kAccessKey << QByteArray("not-the-secret") << QString()
                                    << int(Outcome::BadSecret) << u"secret access key"_s;
        QTest::newRow("unknown access key") << QByteArray("AKIDNOBODYKNOWS") << test::kSecretKey << QString()
                                            << int(Outcome::UnknownAccessKey) << u"AKIDNOBODYKNOWS"_s;
        QTest::newRow("missing bucket") << test::kAccessKey << test::kSecretKey << u"absent"_s
                                        << int(Outcome::NoSuchBucket) << u"absent"_s;
    }

    void embeddedServer()
    {
        QFETCH(QByteArray, accessKey);
        QFETCH(QByteArray, secret);
        QFETCH(QString, singleBucket);
        QFETCH(int, outcome);
        QFETCH(QString, mentions);

        ConnectionDialog dialog(nullptr, nullptr);
        fillCustom(dialog, m_server.endpointUrl(), accessKey, secret);
        dialog.singleBucketBox()->setChecked(!singleBucket.isEmpty());
        dialog.bucketEdit()->setText(singleBucket);
        const ConnectionCheckResult result = clickTest(dialog);
        QVERIFY2(int(result.outcome) == outcome, qPrintable(result.message));
        QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
        QCOMPARE(dialog.resultLabel()->text(), result.message);
        QVERIFY(dialog.testButton()->isEnabled());
        // Whatever happened, the secret is never part of what is shown.
        QVERIFY(!result.message.contains(QString::fromUtf8(secret)));
    }

    void clockFarOff()
    {
        // The client learns the server's time from its refusal and repeats; the check
        // still tells the person that the clock is wrong.
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.connectionCheck()->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-2 * 3600); });
        fillCustom(dialog, m_server.endpointUrl(), test::kAccessKey, test::kSecretKey);
        const ConnectionCheckResult result = clickTest(dialog);
        QVERIFY2(result.outcome == Outcome::ConnectedClockCorrected, qPrintable(result.message));
        QVERIFY2(result.message.contains(u"120 minute"_s), qPrintable(result.message));
    }

    void hostNotFound()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        fillCustom(dialog, u"https://coffer-test.invalid"_s, test::kAccessKey, test::kSecretKey);
        const ConnectionCheckResult result = clickTest(dialog);
        QVERIFY2(result.outcome == Outcome::HostNotFound, qPrintable(result.message));
        QVERIFY(result.message.contains(u"coffer-test.invalid"_s));
    }

    void untrustedCertificate()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("This Qt has no TLS backend.");
        QFile certFile(QStringLiteral(COFFER_SOURCE_DIR "/tests/ui/dialogs/data/self-signed.crt"));
        QFile keyFile(QStringLiteral(COFFER_SOURCE_DIR "/tests/ui/dialogs/data/self-signed.key"));
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        QSslServer server;
        server.setSslConfiguration(tls);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        ConnectionDialog dialog(nullptr, nullptr);
        fillCustom(dialog, u"https://127.0.0.1:%1"_s.arg(server.serverPort()), test::kAccessKey, test::kSecretKey);
        const ConnectionCheckResult result = clickTest(dialog);
        QVERIFY2(result.outcome == Outcome::Tls, qPrintable(result.message));
        // The reason comes from the certificate check itself.
        QVERIFY2(result.message.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(result.message));
    }

    void accessDenied_data()
    {
        QTest::addColumn<bool>("single");
        QTest::newRow("list buckets") << false;
        QTest::newRow("single bucket") << true;
    }

    void accessDenied()
    {
        QFETCH(bool, single);
        DenyingServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        ConnectionDialog dialog(nullptr, nullptr);
        fillCustom(dialog, u"http://127.0.0.1:%1"_s.arg(server.serverPort()), test::kAccessKey, test::kSecretKey);
        dialog.singleBucketBox()->setChecked(single);
        dialog.bucketEdit()->setText(single ? u"photos"_s : QString());
        const ConnectionCheckResult result = clickTest(dialog);
        QVERIFY2(result.outcome == Outcome::AccessDenied, qPrintable(result.message));
        // Listing buckets refused: suggest single-bucket mode; else name the bucket.
        QVERIFY2(result.message.contains(single ? u"photos"_s : u"Single bucket"_s), qPrintable(result.message));
    }

    void incompleteFormIsReportedWithoutNetwork()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        fillCustom(dialog, u"not a url"_s, test::kAccessKey, test::kSecretKey);
        QSignalSpy tested(&dialog, &ConnectionDialog::tested);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(tested.isEmpty());
        QVERIFY(!dialog.resultLabel()->text().isEmpty());
        QVERIFY(dialog.testButton()->isEnabled());
    }

    void r2FormDerivesKeysFromAToken()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.nameEdit()->setText(u"R2"_s);
        selectProvider(dialog, s3::Provider::CloudflareR2);
        QVERIFY(dialog.accountIdEdit()->isVisibleTo(&dialog));
        QVERIFY(!dialog.endpointEdit()->isVisibleTo(&dialog));
        dialog.accountIdEdit()->setText(u"0123456789abcdef0123456789abcdef"_s);
        dialog.jurisdictionBox()->setCurrentIndex(dialog.jurisdictionBox()->findData(int(s3::R2Jurisdiction::Eu)));
        dialog.useTokenButton()->setChecked(true);
        QVERIFY(dialog.tokenValueEdit()->isVisibleTo(&dialog));
        QVERIFY(!dialog.secretEdit()->isVisibleTo(&dialog));
        dialog.tokenIdEdit()->setText(u"token-id-1"_s);
        dialog.tokenValueEdit()->setText(u"token-value"_s);
        QString problems;
        const auto profile = dialog.profileFromForm(&problems);
        QVERIFY2(profile, qPrintable(problems));
        QCOMPARE(profile->accessKeyId, u"token-id-1"_s);
        QCOMPARE(profile->endpointUrl, u"https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com"_s);
        QCOMPARE(profile->region, u"auto"_s);
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connection_dialog.moc"
