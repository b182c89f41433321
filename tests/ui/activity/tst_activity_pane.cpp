// The Activity pane against the embedded server: real S3Client requests become rows,
// and "Copy as curl" puts a command on the clipboard that the real curl runs successfully.
#include "ui/activity/activity_model.h"
#include "ui/activity/activity_pane.h"

#include "local_store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace coffer;
using namespace coffer::ui;
using namespace Qt::StringLiterals;

namespace {

const QString kBucket = u"activity-bucket"_s;

} // namespace

class tst_ActivityPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void revealIsOffByDefault();
    void realRequestsBecomeRows();
    void copyAsCurlRuns_data();
    void copyAsCurlRuns();
    void copyUrlFromContextMenu();

private:
    QAction *contextAction(ActivityPane &pane, int row, const QString &name);
    test::LocalStore m_store;
};

void tst_ActivityPane::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.errorString()));
    QVERIFY(m_store.createBucket(kBucket));
}

void tst_ActivityPane::revealIsOffByDefault()
{
    ActivityPane pane;
    QVERIFY(!pane.revealKeys());
    auto *box = pane.findChild<QCheckBox *>(u"revealKeys"_s);
    QVERIFY(box);
    QVERIFY(!box->isChecked());
    QVERIFY(!box->accessibleName().isEmpty());
}

void tst_ActivityPane::realRequestsBecomeRows()
{
    ActivityPane pane;
    QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    pane.setClient(m_store.client());
    QVERIFY(m_store.put(kBucket, u"rows/a.txt"_s, "hello"));
    QCOMPARE(m_store.get(kBucket, u"rows/a.txt"_s), QByteArray("hello"));
    const auto missing = m_store.wait(m_store.client()->headObject({.bucket = kBucket, .key = u"rows/missing"_s}));
    QVERIFY(missing && !missing->ok());

    QTRY_COMPARE(pane.model()->rowCount(), 3);
    const QByteArray methods[] = {"PUT", "GET", "HEAD"};
    const int statuses[] = {200, 200, 404};
    for (int row = 0; row < 3; ++row) {
        const client::HttpActivity record = pane.model()->record(row);
        QCOMPARE(record.method, methods[row]);
        QCOMPARE(record.status, statuses[row]);
        QVERIFY(record.url.endsWith(row == 2 ? u"/rows/missing"_s : u"/rows/a.txt"_s));
        const QString shown = pane.model()->index(row, ActivityModel::MethodColumn).data().toString();
        QCOMPARE(shown.toLatin1(), methods[row]);
    }
    QCOMPARE(pane.model()->record(0).bytesSent, qint64(5));
    QCOMPARE(pane.model()->record(1).bytesReceived, qint64(5));
    QVERIFY(pane.model()->index(2, ActivityModel::StatusColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!pane.model()->index(1, ActivityModel::StatusColumn).data(Qt::ForegroundRole).isValid());

    // After setClient(nullptr), nothing more is logged.
    pane.setClient(nullptr);
    QVERIFY(m_store.put(kBucket, u"rows/b.txt"_s, "more"));
    QCOMPARE(pane.model()->rowCount(), 3);

    // Clear button empties the log.
    auto *clear = pane.findChild<QPushButton *>(u"clearActivity"_s);
    QVERIFY(clear);
    clear->click();
    QCOMPARE(pane.model()->rowCount(), 0);
}

QAction *tst_ActivityPane::contextAction(ActivityPane &pane, int row, const QString &name)
{
    const QModelIndex index = pane.model()->index(row, ActivityModel::UrlColumn);
    pane.view()->scrollTo(index);
    const QRect rect = pane.view()->visualRect(index);
    Q_EMIT pane.view()->customContextMenuRequested(rect.center());
    const auto menus = pane.findChildren<QMenu *>();
    if (menus.isEmpty())
        return nullptr;
    return menus.last()->findChild<QAction *>(name);
}

void tst_ActivityPane::copyAsCurlRuns_data()
{
    QTest::addColumn<bool>("reveal");
    QTest::newRow("keys-masked") << false;
    QTest::newRow("keys-revealed") << true;
}

void tst_ActivityPane::copyAsCurlRuns()
{
    QFETCH(bool, reveal);
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed (the Debian 13 build root has it)");
    ActivityPane pane;
    pane.resize(900, 400);
    pane.show();
    pane.setClient(m_store.client());
    pane.setRevealKeys(reveal);

    const QString key = u"curl/it's [a] report.json"_s;
    const QByteArray bytes = QByteArray("{\"n\": ") + QByteArray::number(reveal) + "}\n";
    QVERIFY(m_store.put(kBucket, key, bytes));
    QCOMPARE(m_store.get(kBucket, key), bytes);
    QTRY_COMPARE(pane.model()->rowCount(), 2);
    QCOMPARE(pane.model()->record(1).method, QByteArray("GET"));

    QGuiApplication::clipboard()->clear();
    QAction *copy = contextAction(pane, 1, u"copyAsCurl"_s);
    QVERIFY(copy);
    copy->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY(command.startsWith(u"curl "_s));
    QCOMPARE(command.contains(QString::fromUtf8(test::kKeys.secretAccessKey)), reveal);
    QCOMPARE(command.contains(QString::fromUtf8(test::kKeys.accessKeyId)), reveal);

    QTemporaryDir work;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"AWS_ACCESS_KEY_ID"_s);
    env.remove(u"AWS_SECRET_ACCESS_KEY"_s);
    if (!reveal) {
        env.insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromUtf8(test::kKeys.accessKeyId));
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, QString::fromUtf8(test::kKeys.secretAccessKey));
    }
    QProcess shell;
    shell.setWorkingDirectory(work.path());
    shell.setProcessEnvironment(env);
    shell.start(u"sh"_s, {u"-c"_s, command + u" -sS -w '%{http_code}'"_s});
    QVERIFY(shell.waitForFinished(60'000));
    QCOMPARE(shell.exitCode(), 0);
    QCOMPARE(shell.readAllStandardOutput(), QByteArray("200"));
    QFile downloaded(work.filePath(u"it's [a] report.json"_s));
    QVERIFY(downloaded.open(QIODevice::ReadOnly));
    QCOMPARE(downloaded.readAll(), bytes);
}

void tst_ActivityPane::copyUrlFromContextMenu()
{
    ActivityPane pane;
    pane.resize(900, 400);
    pane.show();
    pane.setClient(m_store.client());
    QVERIFY(m_store.put(kBucket, u"url/x.txt"_s, "x"));
    QTRY_COMPARE(pane.model()->rowCount(), 1);
    QGuiApplication::clipboard()->clear();
    QAction *copy = contextAction(pane, 0, u"copyUrl"_s);
    QVERIFY(copy);
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), pane.model()->record(0).url);
    QVERIFY(QGuiApplication::clipboard()->text().endsWith(u"/activity-bucket/url/x.txt"_s));
}

QTEST_MAIN(tst_ActivityPane)
#include "tst_activity_pane.moc"
