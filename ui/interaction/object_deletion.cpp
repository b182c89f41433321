#include "ui/interaction/object_deletion.h"

#include "ui/interaction/prefix_walk.h"
#include "ui/interaction/transfer_orders.h"

#include "client/s3_client.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace coffer::ui {

ObjectDeletion::ObjectDeletion(
    TransferOrders *orders, const Location &where, const QStringList &keys, QWidget *dialogParent)
    : QObject(orders)
    , m_orders(orders)
    , m_where(where)
    , m_keys(keys)
    , m_dialogParent(dialogParent)
{
    for (const QString &key : keys)
        (key.endsWith(u'/') ? m_prefixes : m_plain).append(key);
    m_objects = m_plain.size();
    // Queued: whoever started us connects to our signals first.
    QMetaObject::invokeMethod(this, &ObjectDeletion::countNext, Qt::QueuedConnection);
}

void ObjectDeletion::countNext()
{
    if (m_nextPrefix >= m_prefixes.size()) {
        Q_EMIT counted(m_objects);
        ask();
        return;
    }
    client::S3Client *client = m_orders->client(m_where.connectionId);
    if (!client) {
        Q_EMIT failed(tr("That connection is not ready. Wait until it has connected, then try again."));
        deleteLater();
        return;
    }
    // One prefix after the other: a count is a handful of listings, and a single
    // stream of them keeps the request slots free for transfers.
    walkPrefix(client, m_where.bucket, m_prefixes.at(m_nextPrefix), this,
        { .page =
                [this](const QList<s3::ObjectEntry> &objects) {
                    m_objects += objects.size();
                    return true;
                },
            .done =
                [this](const s3::S3Error &error) {
                    if (error.isError()) {
                        Q_EMIT failed(tr("Could not count the objects in “%1”: %2")
                                .arg(m_prefixes.at(m_nextPrefix), error.userMessage()));
                        deleteLater();
                        return;
                    }
                    ++m_nextPrefix;
                    countNext();
                } });
}

void ObjectDeletion::ask()
{
    auto *box = new QMessageBox(m_dialogParent);
    box->setObjectName(u"deleteConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Delete?"));
    box->setAccessibleName(tr("Confirm deletion"));
    const QString objects = tr("%n object(s)", nullptr, int(std::min<qint64>(m_objects, INT_MAX)));
    if (m_prefixes.isEmpty() && m_plain.size() == 1)
        box->setText(tr("Delete “%1” from %2?").arg(m_plain.first(), m_where.bucket));
    else if (m_prefixes.isEmpty())
        box->setText(tr("Delete %1 from %2?").arg(objects, m_where.bucket));
    else
        box->setText(tr("Delete %1 in %2 selected folder(s) and item(s) from %3?")
                .arg(objects, QLocale().toString(m_keys.size()), m_where.bucket));
    box->setInformativeText(tr("Deleted objects cannot be recovered unless the bucket keeps versions."));
    QPushButton *confirm = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    // open(): no nested event loop; the answer arrives as a signal.
    connect(box, &QMessageBox::buttonClicked, this, [this, confirm](QAbstractButton *button) {
        if (button == confirm)
            deleteAll();
        else
            deleteLater();
    });
    m_question = box;
    box->open();
}

void ObjectDeletion::deleteAll()
{
    if (!m_prefixes.isEmpty() && !m_orders->removePrefixes(m_where, m_prefixes)) {
        deleteLater();
        return; // removePrefixes said why
    }
    client::S3Client *client = m_orders->client(m_where.connectionId);
    if (m_plain.isEmpty() || !client) {
        if (!m_plain.isEmpty())
            Q_EMIT failed(tr("That connection is not ready. Wait until it has connected, then try again."));
        else
            Q_EMIT done();
        deleteLater();
        return;
    }
    client::DeleteObjectsParams params;
    params.bucket = m_where.bucket;
    for (const QString &key : std::as_const(m_plain)) {
        s3::ObjectIdentifier object;
        object.key = key;
        params.objects.append(object);
    }
    client->deleteObjects(params)->onFinished(
        this, [this](const client::Result<s3::DeleteObjectsResult> &result) {
            if (!result.ok())
                Q_EMIT failed(result.error().userMessage());
            else if (!result->errors.isEmpty())
                Q_EMIT failed(tr("%n object(s) could not be deleted: %1", nullptr, int(result->errors.size()))
                        .arg(result->errors.first().message));
            else
                Q_EMIT done();
            deleteLater();
        });
}

} // namespace coffer::ui
