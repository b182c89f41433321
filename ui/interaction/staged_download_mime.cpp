#include "ui/interaction/staged_download_mime.h"

#include "ui/interaction/object_selection.h"
#include "ui/interaction/transfer_orders.h"

#include <QDir>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {
const QString kUriList = u"text/uri-list"_s;
}

StagedDownloadMime::StagedDownloadMime(
    TransferOrders *orders, const Location &source, const QStringList &keys, const QString &stagingRoot)
    : m_orders(orders)
    , m_source(source)
    , m_keys(keys)
    , m_stagingRoot(stagingRoot)
{
    ObjectSelection { source.connectionId, source.bucket, keys }.writeTo(this);
}

QStringList StagedDownloadMime::formats() const
{
    QStringList all = QMimeData::formats();
    if (!all.contains(kUriList))
        all.append(kUriList);
    return all;
}

bool StagedDownloadMime::hasFormat(const QString &mimeType) const
{
    return mimeType == kUriList || QMimeData::hasFormat(mimeType);
}

QVariant StagedDownloadMime::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType != kUriList)
        return QMimeData::retrieveData(mimeType, type);
    const QList<QUrl> urls = stage();
    if (type.id() == QMetaType::QByteArray) {
        QByteArray list;
        for (const QUrl &url : urls)
            list += url.toEncoded() + "\r\n";
        return list;
    }
    QVariantList list;
    for (const QUrl &url : urls)
        list.append(url);
    return list;
}

QList<QUrl> StagedDownloadMime::stage() const
{
    if (!m_folder.isEmpty() || !m_orders)
        return m_urls;
    // A folder per drag: two drags of the same name never write into each other.
    const QString folder = QDir(m_stagingRoot).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!QDir().mkpath(folder) || !m_orders->download(m_source, m_keys, folder))
        return m_urls;
    m_folder = folder;
    for (const QString &key : m_keys) {
        QString name = TransferOrders::lastName(key);
        if (name.endsWith(u'/'))
            name.chop(1);
        m_urls.append(QUrl::fromLocalFile(QDir(folder).filePath(name)));
    }
    return m_urls;
}

} // namespace coffer::ui
