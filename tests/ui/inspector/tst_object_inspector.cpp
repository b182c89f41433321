// The inspector for a selection on the embedded server: one HEAD per selection, system
// and user metadata shown, errors in words, the preview started, the public URL.
#include "ui/inspector/metadata_view.h"
#include "ui/inspector/object_inspector.h"
#include "ui/inspector/presign_panel.h"
#include "ui/inspector/preview_pane.h"
#include "ui/inspector/public_url.h"

#include "local_store.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace coffer;
using namespace coffer::ui;
using namespace Qt::StringLiterals;

namespace {

const QString kBucket = u"inspector-bucket"_s;

} // namespace

class tst_ObjectInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsUserMetadata();
    void oneHeadPerSelection();
    void missingObjectShowsErrorInWords();
    void folderAndEmptySelection_data();
    void folderAndEmptySelection();
    void publicUrl_data();
    void publicUrl();

private:
    test::LocalStore m_store;
};

void tst_ObjectInspector::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.errorString()));
    QVERIFY(m_store.createBucket(kBucket));
}

void tst_ObjectInspector::showsUserMetadata()
{
    const QByteArray bytes = "{\"hello\": \"world\"}\n";
    client::ObjectAttributes attributes;
    attributes.contentType = u"application/json"_s;
    attributes.cacheControl = u"max-age=60"_s;
    attributes.metadata = {{u"owner"_s, u"alice"_s}, {u"project"_s, u"coffer preview"_s}};
    QVERIFY(m_store.put(kBucket, u"docs/meta.json"_s, bytes, attributes));
    const auto head = m_store.wait(m_store.client()->headObject({.bucket = kBucket, .key = u"docs/meta.json"_s}));
    QVERIFY(head && head->ok());

    ObjectInspector inspector;
    inspector.setClient(m_store.client());
    QSignalSpy loaded(&inspector, &ObjectInspector::headLoaded);
    inspector.setObject(kBucket, u"docs/meta.json"_s);
    QVERIFY(inspector.isLoading());
    QVERIFY(!inspector.metadata()->message().isEmpty()); // "Loading…" in words meanwhile
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);

    MetadataView *metadata = inspector.metadata();
    QCOMPARE(metadata->userValue(u"owner"_s), u"alice"_s);
    QCOMPARE(metadata->userValue(u"project"_s), u"coffer preview"_s);
    QCOMPARE(metadata->systemValue(u"Content type"_s), u"application/json"_s);
    QCOMPARE(metadata->systemValue(u"Cache control"_s), u"max-age=60"_s);
    QCOMPARE(metadata->systemValue(u"ETag"_s), head->value().etag);
    QVERIFY(metadata->systemValue(u"Size"_s).contains(QString::number(bytes.size())));
    QCOMPARE(metadata->systemValue(u"Storage class"_s), u"STANDARD"_s);
    QVERIFY(!metadata->systemValue(u"Last modified"_s).isEmpty());
    QVERIFY(metadata->message().isEmpty());

    // The preview follows from the same HEAD, and the presigned link is ready.
    QTRY_COMPARE(inspector.preview()->state(), PreviewPane::State::Text);
    QCOMPARE(inspector.preview()->definitionName(), u"JSON"_s);
    QVERIFY(inspector.presign()->url().contains(u"X-Amz-Signature="_s));
}

void tst_ObjectInspector::oneHeadPerSelection()
{
    QVERIFY(m_store.put(kBucket, u"count/a.txt"_s, "a"));
    QVERIFY(m_store.put(kBucket, u"count/b.txt"_s, "b"));
    ObjectInspector inspector;
    inspector.setClient(m_store.client());
    QSignalSpy loaded(&inspector, &ObjectInspector::headLoaded);

    // A selection replaced before it answers reports nothing; the newer one wins.
    inspector.setObject(kBucket, u"count/a.txt"_s);
    inspector.setObject(kBucket, u"count/b.txt"_s);
    QVERIFY(loaded.wait(30'000));
    QTRY_COMPARE(inspector.preview()->state(), PreviewPane::State::Text);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(inspector.preview()->textView()->toPlainText(), u"b"_s);

    // One selection: exactly one HEAD and one GET for the preview.
    QSignalSpy activity(m_store.client(), &client::S3Client::activity);
    inspector.setObject(kBucket, u"count/a.txt"_s);
    QVERIFY(loaded.wait(30'000));
    QTRY_COMPARE(inspector.preview()->textView()->toPlainText(), u"a"_s);
    QList<QByteArray> methods;
    for (const auto &args : activity)
        methods << args.at(0).value<client::HttpActivity>().method;
    QCOMPARE(methods, QList<QByteArray>({"HEAD", "GET"}));
}

void tst_ObjectInspector::missingObjectShowsErrorInWords()
{
    ObjectInspector inspector;
    inspector.setClient(m_store.client());
    QSignalSpy loaded(&inspector, &ObjectInspector::headLoaded);
    inspector.setObject(kBucket, u"nowhere/missing.txt"_s);
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(loaded.at(0).at(0).toBool(), false);
    const QString message = inspector.metadata()->message();
    QVERIFY(message.size() > 20);
    QCOMPARE(inspector.preview()->state(), PreviewPane::State::Message);
    // Still usable: the next selection works.
    QVERIFY(m_store.put(kBucket, u"nowhere/found.txt"_s, "found"));
    inspector.setObject(kBucket, u"nowhere/found.txt"_s);
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(loaded.last().at(0).toBool(), true);
}

void tst_ObjectInspector::folderAndEmptySelection_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("nothing") << QString();
    QTest::newRow("folder") << u"photos/2024/"_s;
}

void tst_ObjectInspector::folderAndEmptySelection()
{
    QFETCH(QString, key);
    ObjectInspector inspector;
    inspector.setClient(m_store.client());
    inspector.setObject(kBucket, key);
    QVERIFY(!inspector.isLoading()); // nothing to ask the server
    QVERIFY(!inspector.metadata()->message().isEmpty());
    QVERIFY(inspector.presign()->url().isEmpty());
    QCOMPARE(inspector.preview()->state(), PreviewPane::State::Empty);
}

void tst_ObjectInspector::publicUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("private") << QString() << u"a.txt"_s << QString();
    QTest::newRow("r2-dev") << u"https://pub-123.r2.dev"_s << u"photos/cat.jpg"_s << u"https://pub-123.r2.dev/photos/cat.jpg"_s;
    QTest::newRow("trailing-slash") << u"https://cdn.example.com/"_s << u"a.txt"_s << u"https://cdn.example.com/a.txt"_s;
    QTest::newRow("base-path") << u"https://cdn.example.com/files"_s << u"a b.txt"_s << u"https://cdn.example.com/files/a%20b.txt"_s;
    QTest::newRow("reserved") << u"https://cdn.example.com"_s << u"q?/h#/p%/caf\u00e9"_s
                              << u"https://cdn.example.com/q%3F/h%23/p%25/caf%C3%A9"_s;
}

void tst_ObjectInspector::publicUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(publicObjectUrl(QUrl(base), key), expected);

    QVERIFY(m_store.put(kBucket, key, "x"));
    ObjectInspector inspector;
    inspector.setClient(m_store.client());
    inspector.setPublicBaseUrl(QUrl(base));
    inspector.setObject(kBucket, key);
    QCOMPARE(inspector.publicUrl(), expected);
    auto *field = inspector.findChild<QWidget *>(u"publicUrl"_s);
    QVERIFY(field);
    QCOMPARE(field->parentWidget()->isHidden(), expected.isEmpty());
}

QTEST_MAIN(tst_ObjectInspector)
#include "tst_object_inspector.moc"
