#include "ui/dialogs/import_picker.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

ImportPicker::ImportPicker(const profiles::ImportResult &result, const QString &sourceLabel, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
{
    setObjectName(u"importPicker"_s);
    setWindowTitle(tr("Import from %1").arg(sourceLabel));
    m_list->setObjectName(u"importList"_s);
    m_list->setAccessibleName(tr("Connections found"));
    for (int i = 0; i < result.profiles.size(); ++i) {
        const profiles::ImportedProfile &imported = result.profiles.at(i);
        const profiles::Profile &profile = imported.profile;
        auto *item = new QListWidgetItem(
            tr("%1 — %2, %3").arg(imported.sourceName, s3::providerDisplayName(profile.provider), profile.endpointUrl),
            m_list);
        item->setToolTip(tr("From %1; access key ID %2").arg(imported.source, profile.accessKeyId));
        item->setData(Qt::UserRole, i);
    }
    m_list->setCurrentRow(result.defaultIndex >= 0 ? result.defaultIndex : 0);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &ImportPicker::accept);

    QStringList remarks;
    for (const profiles::ImportError &error : result.errors)
        remarks.append(error.sentence());
    remarks.append(result.notes);
    auto *notes = new QLabel(remarks.join(u'\n'), this);
    notes->setObjectName(u"importNotes"_s);
    notes->setWordWrap(true);
    notes->setVisible(!remarks.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Use"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportPicker::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportPicker::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Choose the connection to fill in:"), this));
    layout->addWidget(m_list);
    layout->addWidget(notes);
    layout->addWidget(buttons);
}

void ImportPicker::accept()
{
    if (const QListWidgetItem *item = m_list->currentItem())
        Q_EMIT picked(item->data(Qt::UserRole).toInt());
    QDialog::accept();
}

} // namespace coffer::ui
