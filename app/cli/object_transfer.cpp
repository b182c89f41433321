#include "object_transfer.h"

#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

s3::S3Error localError(const QString &sentence)
{
    return s3::S3Error::local(sentence);
}

} // namespace

QString transferVerb(TransferItem::Kind kind)
{
    switch (kind) {
    case TransferItem::Kind::Upload:
    case TransferItem::Kind::UploadFolder:
    case TransferItem::Kind::StdinUpload:
        return u"upload"_s;
    case TransferItem::Kind::Download:
    case TransferItem::Kind::DownloadPrefix:
    case TransferItem::Kind::StdoutDownload:
        return u"download"_s;
    case TransferItem::Kind::ServerCopy:
    case TransferItem::Kind::CrossCopy:
        return u"copy"_s;
    case TransferItem::Kind::Delete:
        return u"delete"_s;
    }
    return {};
}

ObjectTransfer::ObjectTransfer(
    TransferItem item, client::S3Client *source, client::S3Client *destination, QObject *parent)
    : QObject(parent)
    , m_item(std::move(item))
    , m_source(source)
    , m_destination(destination)
{ }

ObjectTransfer::~ObjectTransfer() = default;

void ObjectTransfer::start()
{
    switch (m_item.kind) {
    case TransferItem::Kind::StdinUpload:
        return stdinUpload();
    case TransferItem::Kind::StdoutDownload:
        return stdoutDownload();
    case TransferItem::Kind::Delete:
        return remove();
    default: // the engine's kinds (EngineTransfer::handles)
        return done(s3::S3Error::local(
            u"%1 needs the transfer engine, which could not be started."_s.arg(m_item.from.display())));
    }
}

void ObjectTransfer::cancel()
{
    if (m_call)
        m_call->cancel();
}

void ObjectTransfer::watch(client::S3Call *call)
{
    m_call = call;
    connect(call, &client::S3Call::progress, this, &ObjectTransfer::progress);
}

void ObjectTransfer::done(const s3::S3Error &error, qint64 bytes)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error, bytes);
}

void ObjectTransfer::stdinUpload()
{
    auto *stream = new StreamUpload(
        STDIN_FILENO, m_destination, m_item.to.bucket, m_item.to.key, m_streamSettings, this);
    connect(stream, &StreamUpload::progress, this, &ObjectTransfer::progress);
    connect(stream, &StreamUpload::finished, this,
        [this](const s3::S3Error &error, qint64 bytes) { done(error, bytes); });
    stream->start();
}

void ObjectTransfer::stdoutDownload()
{
    m_sink = std::make_unique<QFile>();
    if (!m_sink->open(stdout, QIODevice::WriteOnly))
        return done(localError(u"Standard output cannot be written."_s));
    auto *reply = m_source->getObject({ .bucket = m_item.from.bucket, .key = m_item.from.key }, m_sink.get());
    watch(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &r) {
        m_sink->flush();
        if (!r)
            return done(s3::S3Error(r.error()).withBucket(m_item.from.bucket).withKey(m_item.from.key));
        done({}, r->contentLength);
    });
}

void ObjectTransfer::remove()
{
    if (m_item.to.isLocal()) {
        QFile file(m_item.to.localPath);
        if (!file.remove())
            return done(
                localError(u"%1 could not be deleted (%2)."_s.arg(m_item.to.localPath, file.errorString())));
        return done({});
    }
    auto *reply = m_destination->deleteObject({ .bucket = m_item.to.bucket, .key = m_item.to.key });
    watch(reply);
    reply->onFinished(this, [this](const client::Result<client::Done> &r) {
        done(r ? s3::S3Error {} : s3::S3Error(r.error()).withBucket(m_item.to.bucket).withKey(m_item.to.key));
    });
}

} // namespace coffer::cli
