// The unfinished-uploads view against the embedded server: a multipart upload created
// with the client and never completed is listed with its parts' size, and aborting it
// (after the confirmation) removes it from the server.

#include "transfers_fixture.h"

#include "ui/transfers/orphaned_uploads_model.h"
#include "ui/transfers/orphaned_uploads_pane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBuffer>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

class TestOrphanedUploadsPane : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsAndAborts_data();
    void listsAndAborts();
    void cancelledConfirmationKeepsThem();

private:
    // Starts a multipart upload of `key` and sends `parts` parts of 5 MiB; returns the upload id.
    QString leaveUpload(const QString &key, int parts);
    QStringList serverUploads();
    void answer(OrphanedUploadsPane &pane, bool abort);

    std::unique_ptr<test::TransfersFixture> m_fixture;
};

void TestOrphanedUploadsPane::init()
{
    m_fixture = std::make_unique<test::TransfersFixture>();
    QVERIFY(m_fixture->start());
}

void TestOrphanedUploadsPane::cleanup()
{
    m_fixture.reset();
}

QString TestOrphanedUploadsPane::leaveUpload(const QString &key, int parts)
{
    const auto created = m_fixture->wait(
        m_fixture->client()->createMultipartUpload({ .bucket = test::kBucket, .key = key }));
    if (!created || !created->ok())
        return {};
    const QString uploadId = created->value().uploadId;
    for (int part = 1; part <= parts; ++part) {
        QBuffer body;
        body.setData(QByteArray(5 * 1024 * 1024, char('a' + part)));
        body.open(QIODevice::ReadOnly);
        const auto sent = m_fixture->wait(m_fixture->client()->uploadPart({ .bucket = test::kBucket,
            .key = key,
            .uploadId = uploadId,
            .partNumber = part,
            .body = &body,
            .size = body.size() }));
        if (!sent || !sent->ok())
            return {};
    }
    return uploadId;
}

QStringList TestOrphanedUploadsPane::serverUploads()
{
    const auto listed
        = m_fixture->wait(m_fixture->client()->listMultipartUploads({ .bucket = test::kBucket }));
    if (!listed || !listed->ok())
        return { u"<listing failed>"_s };
    QStringList keys;
    for (const auto &upload : listed->value().uploads)
        keys.append(upload.key);
    keys.sort();
    return keys;
}

void TestOrphanedUploadsPane::answer(OrphanedUploadsPane &pane, bool abort)
{
    QTRY_VERIFY(pane.confirmation() != nullptr);
    QMessageBox *box = pane.confirmation();
    QVERIFY(box->isVisible());
    QAbstractButton *button = nullptr;
    for (QAbstractButton *candidate : box->buttons()) {
        const QMessageBox::ButtonRole role = box->buttonRole(candidate);
        if ((abort && role == QMessageBox::DestructiveRole) || (!abort && role == QMessageBox::RejectRole))
            button = candidate;
    }
    QVERIFY(button);
    button->click();
}

void TestOrphanedUploadsPane::listsAndAborts_data()
{
    QTest::addColumn<bool>("all");
    QTest::newRow("selected") << false;
    QTest::newRow("all") << true;
}

void TestOrphanedUploadsPane::listsAndAborts()
{
    QFETCH(bool, all);
    QVERIFY(!leaveUpload(u"big/left-behind.iso"_s, 2).isEmpty());
    QVERIFY(!leaveUpload(u"other.bin"_s, 1).isEmpty());
    QCOMPARE(serverUploads(), (QStringList { u"big/left-behind.iso"_s, u"other.bin"_s }));

    OrphanedUploadsPane pane;
    new QAbstractItemModelTester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &pane);
    pane.show();
    QSignalSpy updated(&pane, &OrphanedUploadsPane::updated);
    pane.setBucket(m_fixture->client(), test::kBucket);
    QVERIFY(updated.wait(30'000));
    QCOMPARE(pane.model()->rowCount(), 2);
    int bigRow = -1;
    for (int row = 0; row < 2; ++row) {
        if (pane.model()->uploadAt(row).key == u"big/left-behind.iso"_s)
            bigRow = row;
    }
    QVERIFY(bigRow >= 0);
    const QModelIndex size = pane.model()->index(bigRow, OrphanedUploadsModel::SizeColumn);
    QCOMPARE(size.data(OrphanedUploadsModel::ValueRole).toLongLong(), qint64(10 * 1024 * 1024));
    QCOMPARE(pane.model()
                 ->index(bigRow, OrphanedUploadsModel::PartsColumn)
                 .data(OrphanedUploadsModel::ValueRole)
                 .toInt(),
        2);
    QVERIFY(pane.model()
            ->index(bigRow, OrphanedUploadsModel::InitiatedColumn)
            .data(OrphanedUploadsModel::ValueRole)
            .toDateTime()
            .isValid());
    QVERIFY(!pane.statusText().isEmpty());
    QVERIFY(pane.abortAllAction()->isEnabled());

    if (all) {
        pane.abortAllAction()->trigger();
    } else {
        // Select the big one in the (sorted) view.
        QAbstractItemModel *shown = pane.view()->model();
        for (int row = 0; row < shown->rowCount(); ++row) {
            if (shown->index(row, 0).data().toString() == u"big/left-behind.iso"_s)
                pane.view()->selectionModel()->select(
                    shown->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        QVERIFY(pane.abortAction()->isEnabled());
        pane.abortAction()->trigger();
    }
    answer(pane, true);
    QVERIFY(updated.wait(30'000));
    const QStringList left = all ? QStringList {} : QStringList { u"other.bin"_s };
    QCOMPARE(serverUploads(), left);
    QCOMPARE(pane.model()->rowCount(), int(left.size()));
}

void TestOrphanedUploadsPane::cancelledConfirmationKeepsThem()
{
    QVERIFY(!leaveUpload(u"keep.bin"_s, 1).isEmpty());
    OrphanedUploadsPane pane;
    pane.show();
    QSignalSpy updated(&pane, &OrphanedUploadsPane::updated);
    pane.setBucket(m_fixture->client(), test::kBucket);
    QVERIFY(updated.wait(30'000));
    pane.abortAllAction()->trigger();
    answer(pane, false);
    QTRY_VERIFY(pane.confirmation() == nullptr);
    QCOMPARE(serverUploads(), QStringList { u"keep.bin"_s });
    QCOMPARE(pane.model()->rowCount(), 1);
}

QTEST_MAIN(TestOrphanedUploadsPane)
#include "tst_orphaned_uploads_pane.moc"
