#pragma once
// The Activity dock's contents: the log of HTTP exchanges of one S3Client, with "Copy as
// curl" and "Copy URL" on each row. Put it in a QDockWidget:
//
//   auto *activity = new coffer::ui::ActivityPane(dock);
//   activity->setClient(client);   // any time; rows from earlier clients stay
//   dock->setWidget(activity);

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace coffer::client {
class S3Client;
struct HttpActivity;
}

namespace coffer::ui {

class ActivityModel;

class ActivityPane : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPane(QWidget *parent = nullptr);
    ~ActivityPane() override;

    // Logs the exchanges of this client from now on (nullptr: stop logging). The client
    // is not owned; its keys go into copied commands only when revealKeys() is on.
    void setClient(client::S3Client *client);
    client::S3Client *client() const;

    ActivityModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    bool revealKeys() const;
    void setRevealKeys(bool reveal);

    // What the context menu's actions put on the clipboard, for a model row.
    QString curlCommandFor(int row) const;
    void copyCurlCommand(int row) const;
    void copyUrl(int row) const;

private:
    void record(const client::HttpActivity &activity);
    void showContextMenu(const QPoint &position);
    void updateCount();

    ActivityModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QCheckBox *m_reveal = nullptr;
    QLabel *m_count = nullptr;
    QPointer<client::S3Client> m_client;
    QMetaObject::Connection m_connection;
    bool m_followNewest = true;
};

} // namespace coffer::ui
