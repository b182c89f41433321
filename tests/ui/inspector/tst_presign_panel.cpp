// The presigned link generator: links for each method work when fetched with
// QNetworkAccessManager from the embedded server, and the expiry never passes 7 days.
#include "ui/inspector/presign_panel.h"

#include "local_store.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QUrlQuery>

using namespace coffer;
using namespace coffer::ui;
using namespace Qt::StringLiterals;

namespace {

const QString kBucket = u"presign-bucket"_s;

} // namespace

class tst_PresignPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void linkWorks_data();
    void linkWorks();
    void expiryIsCapped_data();
    void expiryIsCapped();
    void copyPutsLinkOnClipboard();
    void noTargetNoLink();

private:
    test::LocalStore m_store;
    QNetworkAccessManager m_network;
};

void tst_PresignPanel::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.errorString()));
    QVERIFY(m_store.createBucket(kBucket));
}

void tst_PresignPanel::linkWorks_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("key");
    QTest::newRow("get") << QByteArray("GET") << u"share/report.pdf"_s;
    QTest::newRow("get-awkward-key") << QByteArray("GET") << u"share/a b+c&d=\u00e9.txt"_s;
    QTest::newRow("head") << QByteArray("HEAD") << u"share/head.bin"_s;
    QTest::newRow("put") << QByteArray("PUT") << u"share/upload.bin"_s;
    QTest::newRow("delete") << QByteArray("DELETE") << u"share/delete.bin"_s;
}

void tst_PresignPanel::linkWorks()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, key);
    const QByteArray original = "presigned bytes for " + key.toUtf8();
    QVERIFY(m_store.put(kBucket, key, original));

    PresignPanel panel;
    panel.setTarget(m_store.client(), kBucket, key);
    panel.setMethod(method);
    panel.setExpirySeconds(2 * 3600);
    QCOMPARE(panel.method(), method);
    const QUrl url(panel.url());
    QVERIFY2(url.isValid() && !url.isEmpty(), qPrintable(panel.errorText()));
    QCOMPARE(QUrlQuery(url).queryItemValue(u"X-Amz-Expires"_s), u"7200"_s);

    // An unsigned client: the link alone is the authority.
    const QByteArray uploaded = "replaced through a presigned PUT";
    QNetworkRequest request(url);
    QNetworkReply *reply = method == "PUT"    ? m_network.put(request, uploaded)
                         : method == "HEAD" ? m_network.head(request)
                                            : m_network.sendCustomRequest(request, method);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30'000);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    QVERIFY2(status / 100 == 2, body.constData());
    if (method == "GET") {
        QCOMPARE(body, original);
    } else if (method == "HEAD") {
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), qint64(original.size()));
    } else if (method == "PUT") {
        QCOMPARE(m_store.get(kBucket, key), uploaded);
    } else if (method == "DELETE") {
        const auto head = m_store.wait(m_store.client()->headObject({.bucket = kBucket, .key = key}));
        QVERIFY(head && !head->ok());
        QCOMPARE(head->error().httpStatus, 404);
    }
}

void tst_PresignPanel::expiryIsCapped_data()
{
    QTest::addColumn<qint64>("asked");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("one-hour") << qint64(3600) << qint64(3600);
    QTest::newRow("ninety-minutes") << qint64(5400) << qint64(5400);
    QTest::newRow("seven-days") << qint64(7 * 86400) << qint64(7 * 86400);
    QTest::newRow("thirty-days") << qint64(30 * 86400) << qint64(7 * 86400);
    QTest::newRow("below-a-minute") << qint64(5) << qint64(60);
}

void tst_PresignPanel::expiryIsCapped()
{
    QFETCH(qint64, asked);
    QFETCH(qint64, expected);
    QVERIFY(m_store.put(kBucket, u"expiry.txt"_s, "e"));
    PresignPanel panel;
    panel.setTarget(m_store.client(), kBucket, u"expiry.txt"_s);
    panel.setExpirySeconds(asked);
    QCOMPARE(panel.expirySeconds(), expected);
    QCOMPARE(QUrlQuery(QUrl(panel.url())).queryItemValue(u"X-Amz-Expires"_s), QString::number(expected));
    // Typing past the ceiling in the spin box is impossible whatever the unit.
    auto *amount = panel.findChild<QSpinBox *>(u"presignExpiry"_s);
    QVERIFY(amount);
    amount->setValue(amount->maximum());
    QCOMPARE(panel.expirySeconds(), PresignPanel::kMaxExpirySeconds);
    QVERIFY(panel.errorText().isEmpty());
}

void tst_PresignPanel::copyPutsLinkOnClipboard()
{
    QVERIFY(m_store.put(kBucket, u"copy.txt"_s, "c"));
    PresignPanel panel;
    panel.setTarget(m_store.client(), kBucket, u"copy.txt"_s);
    QGuiApplication::clipboard()->clear();
    auto *copy = panel.findChild<QPushButton *>(u"copyPresignedLink"_s);
    QVERIFY(copy && copy->isEnabled());
    QVERIFY(!copy->accessibleName().isEmpty());
    copy->click();
    const QString copied = QGuiApplication::clipboard()->text();
    QCOMPARE(copied, panel.url());
    QVERIFY(copied.contains(u"/presign-bucket/copy.txt?"_s));
    QVERIFY(!copied.contains(QString::fromUtf8(test::kKeys.secretAccessKey)));
}

void tst_PresignPanel::noTargetNoLink()
{
    PresignPanel panel;
    QVERIFY(panel.url().isEmpty());
    panel.setTarget(m_store.client(), kBucket, QString());
    QVERIFY(panel.url().isEmpty());
    auto *copy = panel.findChild<QPushButton *>(u"copyPresignedLink"_s);
    QVERIFY(copy && !copy->isEnabled());
}

QTEST_MAIN(tst_PresignPanel)
#include "tst_presign_panel.moc"
