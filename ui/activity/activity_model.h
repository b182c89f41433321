#pragma once
// The Activity log: one row per HTTP exchange an S3Client made, oldest at the top,
// newest at the bottom. Capped so a long session cannot grow it without bound: the
// oldest rows leave from the top as new ones arrive.

#include "client/http_activity.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace coffer::ui {

class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, MethodColumn, UrlColumn, StatusColumn, BytesColumn, DurationColumn, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole + 1, // the row's client::HttpActivity
        RegionRole,                    // QByteArray: the signing region of the client that sent it
        UnderlyingDataRole,            // raw sortable value of the cell (qint64, QDateTime, ...)
    };

    explicit ActivityModel(QObject *parent = nullptr);

    static constexpr int kDefaultCapacity = 10'000;
    int capacity() const { return m_capacity; }
    void setCapacity(int rows); // at least 1; drops the oldest rows beyond it

    // Appends a row, timed now, removing the oldest first when the log is full.
    void append(const client::HttpActivity &record, const QByteArray &region = {});
    void clear();

    client::HttpActivity record(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QDateTime time;
        client::HttpActivity record;
        QByteArray region;
    };
    void dropOldest(int count);
    QVariant display(const Row &row, int column) const;
    QVariant underlying(const Row &row, int column) const;

    QList<Row> m_rows;
    int m_capacity = kDefaultCapacity;
};

// True for rows the log marks as failed: no response, or an HTTP error status.
bool isFailure(const client::HttpActivity &record);

} // namespace coffer::ui
