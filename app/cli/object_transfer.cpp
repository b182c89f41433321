#include "object_transfer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

// The single-request limit of S3 and R2; above it only multipart works.
constexpr qint64 kSinglePutLimit = 5ll * 1024 * 1024 * 1024 - 5ll * 1024 * 1024;

s3::S3Error localError(const QString &sentence, bool missing = false)
{
    s3::S3Error error = s3::S3Error::invalidInput(sentence);
    if (missing)
        error.code = u"NoSuchFile"_s;
    return error;
}

} // namespace

QString transferVerb(TransferItem::Kind kind)
{
    switch (kind) {
    case TransferItem::Kind::Upload:
    case TransferItem::Kind::StdinUpload:
        return u"upload"_s;
    case TransferItem::Kind::Download:
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
    case TransferItem::Kind::Upload:
        return upload();
    case TransferItem::Kind::Download:
        return download();
    case TransferItem::Kind::ServerCopy:
        return serverCopy();
    case TransferItem::Kind::CrossCopy:
        return crossCopy();
    case TransferItem::Kind::StdinUpload:
        return stdinUpload();
    case TransferItem::Kind::StdoutDownload:
        return stdoutDownload();
    case TransferItem::Kind::Delete:
        return remove();
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
    m_body.reset();
    Q_EMIT finished(error, bytes);
}

void ObjectTransfer::upload()
{
    auto file = std::make_unique<QFile>(m_item.from.localPath);
    if (!file->open(QIODevice::ReadOnly))
        return done(localError(
            u"%1 cannot be read (%2)."_s.arg(m_item.from.localPath, file->errorString()), !file->exists()));
    const qint64 size = file->size();
    m_body = std::move(file);
    put(m_body.get(), size);
}

void ObjectTransfer::put(QIODevice *body, qint64 size)
{
    if (size > kSinglePutLimit)
        return done(
            localError(u"%1 is larger than one request may carry (5 GiB); it needs a multipart upload, "
                       "which this build's transfer path does not offer yet."_s.arg(m_item.from.display())));
    auto *reply = m_destination->putObject(
        { .bucket = m_item.to.bucket, .key = m_item.to.key, .body = body, .size = size });
    watch(reply);
    reply->onFinished(this, [this, size](const client::Result<client::PutObjectResult> &r) {
        done(r ? s3::S3Error {} : s3::S3Error(r.error()).withBucket(m_item.to.bucket).withKey(m_item.to.key),
            size);
    });
}

void ObjectTransfer::download()
{
    const QString target = m_item.to.localPath;
    const QFileInfo info(target);
    if (!QDir().mkpath(info.absolutePath()))
        return done(localError(u"The folder %1 cannot be created; check the path and its permissions."_s.arg(
            info.absolutePath())));
    // Written under another name, so a failure never leaves a partial file under the
    // final one.
    m_sink = std::make_unique<QFile>(target + u".part"_s);
    if (!m_sink->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return done(
            localError(u"%1 cannot be written (%2)."_s.arg(m_sink->fileName(), m_sink->errorString())));
    auto *reply = m_source->getObject({ .bucket = m_item.from.bucket, .key = m_item.from.key }, m_sink.get());
    watch(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &r) {
        if (!r) {
            m_sink->remove();
            return done(s3::S3Error(r.error()).withBucket(m_item.from.bucket).withKey(m_item.from.key));
        }
        finishDownload(r.value());
    });
}

void ObjectTransfer::finishDownload(const client::ObjectHead &head)
{
    const qint64 written = m_sink->size();
    if (!m_sink->flush() || ::fsync(m_sink->handle()) != 0) {
        m_sink->remove();
        return done(localError(u"%1 could not be written to disk (%2); is the disk full?"_s.arg(
            m_item.to.localPath, m_sink->errorString())));
    }
    if (head.contentLength != written) {
        m_sink->remove();
        return done(s3::S3Error::integrity(
            u"%1 arrived with %2 bytes instead of %3; try again."_s.arg(m_item.from.display())
                .arg(written)
                .arg(head.contentLength)));
    }
    if (head.lastModified.isValid())
        m_sink->setFileTime(head.lastModified, QFileDevice::FileModificationTime);
    m_sink->close();
    // rename(2) replaces an existing file atomically; QFile::rename would refuse.
    if (std::rename(QFile::encodeName(m_sink->fileName()).constData(),
            QFile::encodeName(m_item.to.localPath).constData())
        != 0) {
        m_sink->remove();
        return done(localError(
            u"%1 could not be put in place; check the folder's permissions."_s.arg(m_item.to.localPath)));
    }
    done({}, written);
}

void ObjectTransfer::serverCopy()
{
    auto *reply = m_destination->copyObject({ .source = { m_item.from.bucket, m_item.from.key, {} },
        .bucket = m_item.to.bucket,
        .key = m_item.to.key });
    watch(reply);
    reply->onFinished(this, [this](const client::Result<s3::CopyObjectResult> &r) {
        if (!r)
            return done(s3::S3Error(r.error()).withBucket(m_item.from.bucket).withKey(m_item.from.key));
        done({}, qMax<qint64>(m_item.size, 0));
    });
}

void ObjectTransfer::crossCopy()
{
    // Staged through an unnamed temporary file (removed by the OS even on a crash);
    // streaming between connections without it is the transfer engine's job.
    auto staging = std::make_unique<QTemporaryFile>();
    if (!staging->open())
        return done(localError(u"No temporary file could be created for the copy; check TMPDIR."_s));
    m_sink = std::move(staging);
    auto *reply = m_source->getObject({ .bucket = m_item.from.bucket, .key = m_item.from.key }, m_sink.get());
    watch(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &r) {
        if (!r)
            return done(s3::S3Error(r.error()).withBucket(m_item.from.bucket).withKey(m_item.from.key));
        m_sink->flush();
        m_sink->seek(0);
        put(m_sink.get(), m_sink->size());
    });
}

void ObjectTransfer::stdinUpload()
{
    // A pipe has no size to announce, and a PUT needs one: read it first.
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return done(localError(u"Standard input cannot be read."_s));
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(in.readAll());
    buffer->open(QIODevice::ReadOnly);
    const qint64 size = buffer->size();
    m_body = std::move(buffer);
    put(m_body.get(), size);
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
