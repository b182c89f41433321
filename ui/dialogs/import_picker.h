#pragma once
// The list an import offers: every connection found in ~/.aws or rclone.conf, with where
// it came from, plus what was skipped and why. Picking one fills the connection form.

#include "profiles/importresult.h"

#include <QDialog>

class QListWidget;

namespace coffer::ui {

class ImportPicker : public QDialog
{
    Q_OBJECT
public:
    // The result's secrets are not shown; the list holds names, providers and endpoints.
    ImportPicker(const profiles::ImportResult &result, const QString &sourceLabel, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }

    void accept() override;

Q_SIGNALS:
    // The index into result.profiles of the connection chosen.
    void picked(int index);

private:
    QListWidget *m_list;
};

} // namespace coffer::ui
