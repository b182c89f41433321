#pragma once
// Preferences: transfers (concurrency, part size, bandwidth), confirmations, theme and
// language. OK saves through AppSettings, whose signals carry each change to where it
// applies: the transfer queue, the theme (live), the language (at the next start).

#include "ui/dialogs/app_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace coffer::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // settings must outlive the dialog.
    explicit SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

    // What the controls say now.
    Preferences preferencesFromForm() const;
    void fillFrom(const Preferences &preferences);

    QSpinBox *jobsBox() const { return m_jobs; }
    QSpinBox *partsBox() const { return m_parts; }
    QSpinBox *requestCapBox() const { return m_requestCap; }
    QComboBox *partSizeBox() const { return m_partSize; }
    QSpinBox *bandwidthBox() const { return m_bandwidth; }
    QCheckBox *confirmDeleteBox() const { return m_confirmDelete; }
    QCheckBox *confirmDropBox() const { return m_confirmDrop; }
    QComboBox *themeBox() const { return m_theme; }
    QComboBox *languageBox() const { return m_language; }
    QLabel *languageNote() const { return m_languageNote; }

    void accept() override;

private:
    AppSettings *m_settings;
    QSpinBox *m_jobs;
    QSpinBox *m_parts;
    QSpinBox *m_requestCap;
    QComboBox *m_partSize;
    QSpinBox *m_bandwidth;
    QCheckBox *m_confirmDelete;
    QCheckBox *m_confirmDrop;
    QSpinBox *m_dropFiles;
    QComboBox *m_theme;
    QComboBox *m_language;
    QLabel *m_languageNote;
};

} // namespace coffer::ui
