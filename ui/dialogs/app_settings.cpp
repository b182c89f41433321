#include "ui/dialogs/app_settings.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QString themeId(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return u"system"_s;
}

Theme themeFromId(const QString &id)
{
    if (id == u"light")
        return Theme::Light;
    if (id == u"dark")
        return Theme::Dark;
    return Theme::System;
}

} // namespace

AppSettings::AppSettings(std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings ? std::move(settings) : std::make_unique<QSettings>())
{
    m_preferences = load();
}

AppSettings::~AppSettings() = default;

QStringList AppSettings::languages()
{
    return {u"de"_s, u"fr"_s, u"es"_s, u"pt_BR"_s, u"ja"_s, u"zh_CN"_s};
}

Preferences AppSettings::load() const
{
    // Values out of range (a hand-edited file) fall back into range rather than failing.
    const Preferences defaults;
    Preferences p;
    QSettings &s = *m_settings;
    s.beginGroup(u"preferences"_s);
    p.concurrentJobs = std::clamp(s.value(u"concurrentJobs"_s, defaults.concurrentJobs).toInt(), 1, 16);
    p.partsPerJob = std::clamp(s.value(u"partsPerJob"_s, defaults.partsPerJob).toInt(), 1, 32);
    p.globalRequestCap = std::clamp(s.value(u"globalRequestCap"_s, defaults.globalRequestCap).toInt(), 1, 64);
    p.partSizeMiB = std::clamp(s.value(u"partSizeMiB"_s, defaults.partSizeMiB).toInt(), 0, 5 * 1024);
    if (p.partSizeMiB != 0)
        p.partSizeMiB = std::max(p.partSizeMiB, 5); // S3's smallest part
    p.bandwidthLimitKiB = std::max<qint64>(0, s.value(u"bandwidthLimitKiB"_s, 0).toLongLong());
    p.confirmDelete = s.value(u"confirmDelete"_s, defaults.confirmDelete).toBool();
    p.confirmLargeDrop = s.value(u"confirmLargeDrop"_s, defaults.confirmLargeDrop).toBool();
    p.largeDropFiles = std::max(1, s.value(u"largeDropFiles"_s, defaults.largeDropFiles).toInt());
    p.theme = themeFromId(s.value(u"theme"_s).toString());
    const QString language = s.value(u"language"_s).toString();
    p.language = languages().contains(language) ? language : QString();
    s.endGroup();
    return p;
}

void AppSettings::save(const Preferences &p)
{
    QSettings &s = *m_settings;
    s.beginGroup(u"preferences"_s);
    s.setValue(u"concurrentJobs"_s, p.concurrentJobs);
    s.setValue(u"partsPerJob"_s, p.partsPerJob);
    s.setValue(u"globalRequestCap"_s, p.globalRequestCap);
    s.setValue(u"partSizeMiB"_s, p.partSizeMiB);
    s.setValue(u"bandwidthLimitKiB"_s, p.bandwidthLimitKiB);
    s.setValue(u"confirmDelete"_s, p.confirmDelete);
    s.setValue(u"confirmLargeDrop"_s, p.confirmLargeDrop);
    s.setValue(u"largeDropFiles"_s, p.largeDropFiles);
    s.setValue(u"theme"_s, themeId(p.theme));
    s.setValue(u"language"_s, p.language);
    s.endGroup();
    s.sync();
}

void AppSettings::setPreferences(const Preferences &preferences)
{
    const Preferences old = m_preferences;
    save(preferences);
    m_preferences = load(); // what was kept, after clamping
    const Preferences &now = m_preferences;
    if (old.concurrentJobs != now.concurrentJobs
        || old.partsPerJob != now.partsPerJob || old.globalRequestCap != now.globalRequestCap
        || old.partSizeMiB != now.partSizeMiB || old.bandwidthLimitKiB != now.bandwidthLimitKiB)
        Q_EMIT transferSettingsChanged(transferSettings(now));
    if (old.theme != now.theme)
        Q_EMIT themeChanged(now.theme);
    if (old.language != now.language)
        Q_EMIT languageChanged(now.language);
    if (old.confirmDelete != now.confirmDelete || old.confirmLargeDrop != now.confirmLargeDrop
        || old.largeDropFiles != now.largeDropFiles)
        Q_EMIT confirmationsChanged();
}

transfer::TransferSettings AppSettings::transferSettings() const
{
    return transferSettings(m_preferences);
}

transfer::TransferSettings AppSettings::transferSettings(const Preferences &p)
{
    transfer::TransferSettings settings;
    settings.concurrentJobs = p.concurrentJobs;
    settings.partWindow = p.partsPerJob;
    settings.globalRequestCap = p.globalRequestCap;
    settings.bandwidthLimit = p.bandwidthLimitKiB * 1024;
    if (p.partSizeMiB > 0) {
        // A fixed part size; files below it go up in one PUT.
        settings.preferredPartSize = p.partSizeMiB * kMiB;
        settings.multipartThreshold = p.partSizeMiB * kMiB;
    }
    return settings;
}

} // namespace coffer::ui
