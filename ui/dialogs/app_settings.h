#pragma once
// The app's own preferences (not connections, never secrets), kept in QSettings under
// "preferences/": transfer concurrency, part size, bandwidth limit, confirmations,
// theme and language. The window reads them at start and follows the change signals;
// transferSettings() is what it hands to the TransferQueue.

#include "transfer/transfer_settings.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

#include <QSettings>

namespace coffer::ui {

enum class Theme { System, Light, Dark };

struct Preferences {
    int concurrentJobs = 3;      // transfers running at once
    int partsPerJob = 8;         // parts one transfer keeps in flight
    int globalRequestCap = 16;   // part requests in flight across all transfers
    int partSizeMiB = 0;         // 0: automatic (16 MiB, grown for very large files)
    qint64 bandwidthLimitKiB = 0; // KiB/s for uploads; 0: unlimited
    bool confirmDelete = true;
    bool confirmLargeDrop = true; // a drop of more than largeDropFiles files asks first
    int largeDropFiles = 1000;
    Theme theme = Theme::System;
    QString language; // empty: the system's; else one of AppSettings::languages()

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

class AppSettings : public QObject
{
    Q_OBJECT
public:
    // settings: where to keep them; null means the application's QSettings().
    explicit AppSettings(std::unique_ptr<QSettings> settings = nullptr, QObject *parent = nullptr);
    ~AppSettings() override;

    Preferences preferences() const { return m_preferences; }
    // Saves and announces what changed.
    void setPreferences(const Preferences &preferences);

    // The transfer engine's settings from these preferences (the rest at its defaults).
    transfer::TransferSettings transferSettings() const;
    static transfer::TransferSettings transferSettings(const Preferences &preferences);

    // The languages Coffer ships translations for (locale names: "de", "pt_BR", ...).
    static QStringList languages();

Q_SIGNALS:
    void transferSettingsChanged(const coffer::transfer::TransferSettings &settings);
    void themeChanged(coffer::ui::Theme theme);
    // Applied when Coffer starts next; the dialog says so.
    void languageChanged(const QString &language);
    void confirmationsChanged();

private:
    Preferences load() const;
    void save(const Preferences &preferences);

    std::unique_ptr<QSettings> m_settings;
    Preferences m_preferences;
};

} // namespace coffer::ui
