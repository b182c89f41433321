#pragma once
// Deleting a selection, as a person should meet it: first the objects under every
// selected prefix are counted (by listing, asynchronously), then one question says how
// many objects will go, and only a "Delete" answer deletes: plain keys with DeleteObjects,
// prefixes as DeletePrefix jobs in the transfer queue. Deletes itself when it is over.

#include "ui/browser/location.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QWidget;

namespace coffer::ui {

class TransferOrders;

class ObjectDeletion : public QObject
{
    Q_OBJECT
public:
    // Starts counting at once. keys: full keys in where.bucket (prefixes end in '/').
    ObjectDeletion(
        TransferOrders *orders, const Location &where, const QStringList &keys, QWidget *dialogParent);

    // The question, once the count is in (null before and after).
    QMessageBox *question() const { return m_question; }
    qint64 objectCount() const { return m_objects; }

Q_SIGNALS:
    void counted(qint64 objects);
    // The plain keys are gone and the prefix jobs are queued.
    void done();
    void failed(const QString &message);

private:
    void countNext();
    void ask();
    void deleteAll();

    TransferOrders *m_orders;
    Location m_where;
    QStringList m_keys;
    QStringList m_prefixes;
    QStringList m_plain;
    int m_nextPrefix = 0;
    qint64 m_objects = 0;
    QPointer<QWidget> m_dialogParent;
    QPointer<QMessageBox> m_question;
};

} // namespace coffer::ui
