// Sorting and name filtering of the object list through its proxy.
#include "test_server.h"

#include "client/s3_client.h"
#include "ui/browser/object_list_model.h"
#include "ui/browser/object_sort_proxy.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

class TestObjectSortProxy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<client::S3Client> m_client;
    QStringList m_keys;

    // Keys of different sizes (each body is its key three times), so size order differs
    // from name order.
    static QStringList keys()
    {
        return { u"a.txt"_s, u"bbbbbbbbbbbbbbbb.txt"_s, u"C-middle-sized.txt"_s, u"d.bin"_s,
            u"Report 2.pdf"_s, u"report 10.pdf"_s, u"photos/x.jpg"_s, u"music/y.mp3"_s };
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<test::TestServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<client::S3Client>(m_server->clientConfig(), &m_network);
        m_keys = keys();
        QVERIFY(test::seedBucket(m_client.get(), u"sorting"_s, m_keys));
    }

    void sortsWithFoldersFirst_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        for (int column : { int(ObjectListModel::NameColumn), int(ObjectListModel::SizeColumn),
                 int(ObjectListModel::LastModifiedColumn), int(ObjectListModel::ETagColumn) }) {
            for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                QTest::addRow(
                    "column %d %s", column, order == Qt::AscendingOrder ? "ascending" : "descending")
                    << column << order;
            }
        }
    }

    void sortsWithFoldersFirst()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        ObjectListModel model;
        ObjectSortProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.sort(column, order);
        model.setLocation(m_client.get(), u"sorting"_s, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(proxy.rowCount(), int(m_keys.size()));

        const int folders = model.folderCount();
        QCOMPARE(folders, 2);
        for (int row = 0; row < proxy.rowCount(); ++row)
            QCOMPARE(proxy.index(row, 0).data(ObjectListModel::IsFolderRole).toBool(), row < folders);
        // Among the objects, the column's values are in order (ties broken by name).
        for (int row = folders + 1; row < proxy.rowCount(); ++row) {
            const QVariant previous = proxy.index(row - 1, column).data(ObjectListModel::SortRole);
            const QVariant current = proxy.index(row, column).data(ObjectListModel::SortRole);
            int c = 0;
            if (column == ObjectListModel::SizeColumn || column == ObjectListModel::LastModifiedColumn)
                c = previous.toLongLong() < current.toLongLong()
                    ? -1
                    : previous.toLongLong() > current.toLongLong();
            else
                c = QString::compare(previous.toString(), current.toString(), Qt::CaseInsensitive);
            QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
                qPrintable(u"%1 then %2"_s.arg(previous.toString(), current.toString())));
        }
        if (column == ObjectListModel::SizeColumn) {
            const QString first = proxy.index(folders, 0).data(ObjectListModel::KeyRole).toString();
            QCOMPARE(first, order == Qt::AscendingOrder ? u"a.txt"_s : u"bbbbbbbbbbbbbbbb.txt"_s);
        }
    }

    void filtersByName_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("nothing") << QString();
        QTest::newRow("txt") << u".txt"_s;
        QTest::newRow("case-insensitive") << u"REPORT"_s;
        QTest::newRow("folder") << u"phot"_s;
        QTest::newRow("no match") << u"zzz"_s;
    }

    void filtersByName()
    {
        QFETCH(QString, filter);
        ObjectListModel model;
        ObjectSortProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.sort(ObjectListModel::NameColumn);
        model.setLocation(m_client.get(), u"sorting"_s, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        proxy.setNameFilter(filter);

        QStringList expected;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString name = model.index(row, 0).data().toString();
            if (name.contains(filter, Qt::CaseInsensitive))
                expected.append(name);
        }
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown.append(proxy.index(row, 0).data().toString());
        QCOMPARE(shown.size(), expected.size());
        for (const QString &name : std::as_const(shown))
            QVERIFY2(name.contains(filter, Qt::CaseInsensitive), qPrintable(name));
        proxy.setNameFilter({});
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }
};

QTEST_MAIN(TestObjectSortProxy)
#include "tst_object_sort_proxy.moc"
