#include "copy_job.h"

#include "object_copy.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

constexpr int kPartWindowPerObject = 4;

JobRecord newRecord(const ObjectLocation &source, const ObjectLocation &destination, bool move)
{
    JobRecord record;
    record.kind = move ? JobKind::MoveObject : JobKind::CopyObject;
    record.displayName = source.key.isEmpty() ? source.bucket : source.key;
    record.source = source.display();
    record.destination = destination.display();
    record.connection = source.connection;
    return record;
}

} // namespace

CopyJob::CopyJob(const ObjectLocation &source, const ObjectLocation &destination, bool move, QObject *parent)
    : CopyJob(newRecord(source, destination, move), source, destination, move)
{
    setParent(parent);
}

CopyJob::CopyJob(const JobRecord &record, const ObjectLocation &source, const ObjectLocation &destination, bool move)
    : TransferJob(record)
    , m_source(source)
    , m_destination(destination)
    , m_move(move)
{
}

CopyJob::~CopyJob()
{
    qDeleteAll(m_active);
}

std::unique_ptr<TransferJob> CopyJob::fromRecord(const JobRecord &record)
{
    const ObjectLocation source = ObjectLocation::fromJson(record.detail.value(u"source"_s).toObject());
    const ObjectLocation destination = ObjectLocation::fromJson(record.detail.value(u"destination"_s).toObject());
    if (source.bucket.isEmpty() || destination.bucket.isEmpty())
        return nullptr;
    return std::unique_ptr<TransferJob>(new CopyJob(record, source, destination, record.kind == JobKind::MoveObject));
}

QJsonObject CopyJob::detail() const
{
    return {{u"source"_s, m_source.toJson()}, {u"destination"_s, m_destination.toJson()}};
}

void CopyJob::run()
{
    m_client = client(m_source.connection);
    if (!m_client)
        return;
    if (!(m_destination.connection == m_source.connection)) {
        return fail(s3::S3Error::invalidInput(
            tr("A server-side copy needs both sides on one connection; use a cross-connection copy instead.")));
    }
    m_queue.clear();
    m_listed = false;
    m_totalBytes = m_doneBytes = 0;
    m_total = m_done = m_failed = 0;
    if (!isPrefix()) {
        // One object: ObjectCopy looks at the source itself.
        m_queue.append({m_source.key, m_destination.key, 0});
        m_total = 1;
        m_listed = true;
        setTotals(-1, 1);
        return pump(generation());
    }
    if (m_destination.bucket == m_source.bucket && m_destination.key.startsWith(m_source.key)) {
        return fail(s3::S3Error::invalidInput(
            tr("%1 lies inside %2, so copying into it would copy its own copies; choose a destination outside it.")
                .arg(m_destination.display(), m_source.display())));
    }
    setTotals(-1, 0);
    listPage({}, generation());
}

void CopyJob::listPage(const QString &token, quint64 run)
{
    client::ListObjectsV2Params params;
    params.bucket = m_source.bucket;
    params.prefix = m_source.key;
    params.continuationToken = token;
    auto *reply = m_client->listObjectsV2(params);
    m_listing = reply;
    reply->onFinished(this, [this, run](const client::Result<s3::ListObjectsPage> &page) {
        if (!isCurrent(run))
            return;
        if (!page)
            return fail(page.error());
        for (const auto &object : page->objects) {
            m_queue.append({object.key, m_destination.key + object.key.mid(m_source.key.size()), object.size});
            m_totalBytes += object.size;
            ++m_total;
        }
        setTotals(m_totalBytes, m_total);
        if (page->isTruncated && !page->nextContinuationToken.isEmpty())
            listPage(page->nextContinuationToken, run);
        else
            m_listed = true;
        pump(run);
    });
}

void CopyJob::pump(quint64 run)
{
    const int objectsInFlight = qMax(1, settings().partWindow);
    while (isCurrent(run) && m_active.size() < objectsInFlight && !m_queue.isEmpty()) {
        const Item item = m_queue.takeFirst();
        ObjectCopyRequest request;
        request.source = {m_source.bucket, item.sourceKey, {}};
        request.bucket = m_destination.bucket;
        request.key = item.destinationKey;
        request.deleteSource = m_move;
        request.preferredPartSize = settings().preferredPartSize;
        request.window = kPartWindowPerObject;
        auto *copy = new ObjectCopy(m_client, request);
        m_active.append(copy);
        connect(copy, &ObjectCopy::progress, this, [this, run](qint64, qint64 total) {
            if (!isCurrent(run))
                return;
            if (!isPrefix())
                setTotals(total, 1);
            updateProgress();
        });
        connect(copy, &ObjectCopy::finished, this, [this, copy, run] { onCopyFinished(copy, copy->bytesTotal(), run); });
        copy->setRequestSlots(environment().requestSlots);
        copy->start();
    }
    finishIfDone();
}

void CopyJob::onCopyFinished(ObjectCopy *copy, qint64 size, quint64 run)
{
    m_active.removeOne(copy);
    copy->deleteLater();
    if (!isCurrent(run))
        return;
    if (copy->state() == ObjectCopy::State::Finished) {
        ++m_done;
        m_doneBytes += size;
    } else {
        ++m_failed;
        if (!isPrefix())
            return fail(copy->error());
        addItemFailure(copy->request().source.key, copy->errorMessage());
    }
    setItemsDone(m_done, m_failed);
    updateProgress();
    pump(run);
}

void CopyJob::updateProgress()
{
    qint64 bytes = m_doneBytes;
    for (const ObjectCopy *copy : std::as_const(m_active))
        bytes += copy->bytesDone();
    setBytesDone(bytes);
}

void CopyJob::finishIfDone()
{
    if (!m_listed || !m_active.isEmpty() || !m_queue.isEmpty() || !isActive())
        return;
    if (m_failed > 0) {
        return fail(s3::S3Error::local(
            tr("%1 of %2 objects under %3 were not %4 (see the list of failures). Retry to try them again.")
                .arg(m_failed)
                .arg(m_total)
                .arg(m_source.display(), m_move ? tr("moved") : tr("copied"))));
    }
    complete();
}

void CopyJob::halt()
{
    if (m_listing) {
        disconnect(m_listing, nullptr, this, nullptr);
        m_listing->cancel();
    }
    const auto active = m_active;
    m_active.clear();
    for (ObjectCopy *copy : active) {
        copy->disconnect(this);
        copy->cancel();
        copy->deleteLater();
    }
}

} // namespace coffer::transfer
