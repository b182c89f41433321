// The preview against real objects on the embedded server: JSON highlighted with the
// JSON definition (by name and by Content-Type), images scaled at their aspect, and the
// size cap with "Load anyway".
#include "ui/inspector/image_decoding.h"
#include "ui/inspector/preview_pane.h"

#include "local_store.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace coffer;
using namespace coffer::ui;
using namespace Qt::StringLiterals;

namespace {

const QString kBucket = u"preview-bucket"_s;

QByteArray pngOf(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.fillRect(QRect(QPoint(0, 0), size / 2), Qt::darkBlue);
    painter.end();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    writer.write(image);
    return buffer.data();
}

int formattedBlocks(const QTextDocument *document)
{
    int count = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
        count += block.layout() && !block.layout()->formats().isEmpty() ? 1 : 0;
    return count;
}

} // namespace

class tst_PreviewPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonIsHighlighted_data();
    void jsonIsHighlighted();
    void imageKeepsAspect_data();
    void imageKeepsAspect();
    void oversizedTextShowsCapThenLoadsAnyway();
    void oversizedImageWaitsForLoadAnyway();
    void binaryShowsNoPreview();
    void unknownTypeReadAsText();
    void followsDarkPalette();

private:
    bool show(PreviewPane &pane, const QString &key);
    test::LocalStore m_store;
};

void tst_PreviewPane::initTestCase()
{
    QVERIFY2(m_store.start(), qPrintable(m_store.errorString()));
    QVERIFY(m_store.createBucket(kBucket));
}

// HEAD, as the inspector does, then the preview of what it said.
bool tst_PreviewPane::show(PreviewPane &pane, const QString &key)
{
    const auto head = m_store.wait(m_store.client()->headObject({.bucket = kBucket, .key = key}));
    if (!head || !head->ok())
        return false;
    pane.preview(m_store.client(), kBucket, key, head->value());
    return true;
}

void tst_PreviewPane::jsonIsHighlighted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("contentType");
    QTest::newRow("by-name") << u"config/settings.json"_s << u"binary/octet-stream"_s;
    QTest::newRow("by-content-type") << u"config/settings"_s << u"application/json; charset=utf-8"_s;
}

void tst_PreviewPane::jsonIsHighlighted()
{
    QFETCH(QString, key);
    QFETCH(QString, contentType);
    const QByteArray json = "{\n  \"name\": \"coffer\",\n  \"items\": [1, 2, 3],\n  \"ok\": true\n}\n";
    QVERIFY(m_store.put(kBucket, key, json, {.contentType = contentType}));

    PreviewPane pane;
    QVERIFY(show(pane, key));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Text);
    QVERIFY(pane.highlighter());
    QCOMPARE(pane.definitionName(), u"JSON"_s);
    QCOMPARE(pane.highlighter()->definition().name(), u"JSON"_s);
    QCOMPARE(pane.textView()->toPlainText().toUtf8(), json);
    QVERIFY(pane.textView()->isReadOnly());
    QVERIFY(!pane.isTruncated());
    // The highlighter has applied formats to the lines holding keys, strings and numbers.
    QTRY_VERIFY(formattedBlocks(pane.textView()->document()) >= 3);
}

void tst_PreviewPane::imageKeepsAspect_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("wide-small") << QSize(400, 200);
    QTest::newRow("wide-large") << QSize(1600, 400);
    QTest::newRow("tall-large") << QSize(300, 900);
}

void tst_PreviewPane::imageKeepsAspect()
{
    QFETCH(QSize, size);
    const QString key = u"images/%1x%2.png"_s.arg(size.width()).arg(size.height());
    QVERIFY(m_store.put(kBucket, key, pngOf(size), {.contentType = u"image/png"_s}));

    PreviewPane pane;
    QVERIFY(show(pane, key));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Image);
    const QImage image = pane.image();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() <= size.width() && image.height() <= size.height());
    QVERIFY(image.width() <= 640 * pane.devicePixelRatioF() + 1);
    const double expected = double(size.width()) / size.height();
    const double shown = double(image.width()) / image.height();
    QVERIFY2(std::abs(shown - expected) / expected < 0.01, qPrintable(u"%1 vs %2"_s.arg(shown).arg(expected)));
    // The top-left quarter was painted dark blue: the pixels are the object's, not a blank.
    QCOMPARE(QColor(image.pixel(1, 1)).blue() > 100 && QColor(image.pixel(1, 1)).red() < 50, true);
}

void tst_PreviewPane::oversizedTextShowsCapThenLoadsAnyway()
{
    QByteArray text;
    for (int line = 0; text.size() < 200 * 1024; ++line)
        text += "line " + QByteArray::number(line) + " caf\xc3\xa9 \xe2\x82\xac some text to fill the preview\n";
    QVERIFY(m_store.put(kBucket, u"logs/big.log"_s, text, {.contentType = u"text/plain"_s}));

    PreviewPane pane;
    const qint64 cap = 64 * 1024;
    pane.setSizeCaps(cap, cap);
    QVERIFY(show(pane, u"logs/big.log"_s));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Text);
    QVERIFY(pane.isTruncated());
    QVERIFY(pane.canLoadAnyway());
    const QByteArray shown = pane.textView()->toPlainText().toUtf8();
    QVERIFY(shown.size() <= cap && shown.size() > cap - 4);
    QVERIFY(text.startsWith(shown)); // cut on a character boundary, nothing garbled
    QVERIFY(!pane.statusText().isEmpty());

    auto *loadAnyway = pane.findChild<QPushButton *>(u"loadAnyway"_s);
    QVERIFY(loadAnyway);
    loadAnyway->click();
    QTRY_VERIFY(pane.state() == PreviewPane::State::Text && !pane.isTruncated());
    QCOMPARE(pane.textView()->toPlainText().toUtf8(), text);
    QVERIFY(!pane.canLoadAnyway());
}

void tst_PreviewPane::oversizedImageWaitsForLoadAnyway()
{
    const QByteArray png = pngOf(QSize(800, 400));
    QVERIFY(m_store.put(kBucket, u"images/capped.png"_s, png));
    PreviewPane pane;
    pane.setSizeCaps(1024, png.size() - 1);
    QVERIFY(show(pane, u"images/capped.png"_s));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Message);
    QVERIFY(pane.canLoadAnyway());
    QVERIFY(pane.image().isNull());
    pane.loadAnyway();
    QTRY_COMPARE(pane.state(), PreviewPane::State::Image);
    QCOMPARE(pane.image().size(), fittedSize(QSize(800, 400), QSize(640, 640) * pane.devicePixelRatioF()));
}

void tst_PreviewPane::binaryShowsNoPreview()
{
    QByteArray bytes(4096, '\0');
    bytes[100] = 'x';
    QVERIFY(m_store.put(kBucket, u"blobs/data.bin"_s, bytes, {.contentType = u"application/octet-stream"_s}));
    PreviewPane pane;
    QVERIFY(show(pane, u"blobs/data.bin"_s));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Message);
    QVERIFY(pane.statusText().contains(u"application/octet-stream"_s));
    QVERIFY(pane.textView()->toPlainText().isEmpty());
}

// No extension, no textual Content-Type: the first bytes decide, then the text is
// fetched up to the cap (beyond the few kilobytes the sniff looked at).
void tst_PreviewPane::unknownTypeReadAsText()
{
    QByteArray text;
    for (int line = 0; text.size() < 40 * 1024; ++line)
        text += "plain line " + QByteArray::number(line) + '\n';
    QVERIFY(m_store.put(kBucket, u"notes/CHANGES"_s, text, {.contentType = u"application/octet-stream"_s}));
    PreviewPane pane;
    QCOMPARE(pane.kindFor(u"notes/CHANGES"_s, u"application/octet-stream"_s), PreviewKind::Unknown);
    QVERIFY(show(pane, u"notes/CHANGES"_s));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Text);
    QVERIFY(!pane.isTruncated());
    QCOMPARE(pane.textView()->toPlainText().toUtf8(), text);
}

void tst_PreviewPane::followsDarkPalette()
{
    QVERIFY(m_store.put(kBucket, u"theme/style.css"_s, "body { color: red; }\n"));
    PreviewPane pane;
    QVERIFY(show(pane, u"theme/style.css"_s));
    QTRY_COMPARE(pane.state(), PreviewPane::State::Text);
    QCOMPARE(pane.definitionName(), u"CSS"_s);
    QPalette dark = pane.palette();
    const bool wasDark = dark.color(QPalette::Base).lightness() < 128;
    dark.setColor(QPalette::Base, wasDark ? Qt::white : QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, wasDark ? Qt::black : Qt::white);
    const QString before = pane.highlighter()->theme().name();
    pane.setPalette(dark);
    const KSyntaxHighlighting::Theme after = pane.highlighter()->theme();
    QVERIFY(after.isValid());
    QVERIFY2(after.name() != before, qPrintable(before));
    QCOMPARE(after.isValid() && QColor::fromRgb(after.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness() < 128, !wasDark);
}

QTEST_MAIN(tst_PreviewPane)
#include "tst_preview_pane.moc"
