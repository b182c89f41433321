#pragma once
// The inspector's metadata section: what one HeadObject told about the selected object,
// system headers first, then the user's x-amz-meta-* pairs.

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace coffer::client {
struct ObjectHead;
}

namespace coffer::ui {

class MetadataView : public QWidget
{
    Q_OBJECT
public:
    explicit MetadataView(QWidget *parent = nullptr);

    void showHead(const client::ObjectHead &head);
    // A sentence in place of the table: "Loading…", an error, "Nothing selected".
    void showMessage(const QString &message);

    // The value shown for a name in the system or the user section; empty when absent.
    QString systemValue(const QString &name) const;
    QString userValue(const QString &name) const;
    QString message() const;

private:
    QTreeWidgetItem *addRow(QTreeWidgetItem *section, const QString &name, const QString &value);
    static QString valueIn(const QTreeWidgetItem *section, const QString &name);

    QLabel *m_message = nullptr;
    QTreeWidget *m_tree = nullptr;
    QTreeWidgetItem *m_system = nullptr;
    QTreeWidgetItem *m_user = nullptr;
};

} // namespace coffer::ui
