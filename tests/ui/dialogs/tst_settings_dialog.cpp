// The preferences: what the dialog shows and saves, what survives a restart (a new
// AppSettings over the same file), what the transfer queue is handed, which signals say
// what changed, and the theme switch taking effect on the palette at once.
#include "ui/dialogs/app_settings.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/dialogs/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

Q_DECLARE_METATYPE(coffer::ui::Theme)

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> settingsFile(const QString &name) const
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

private slots:
    void roundTripThroughTheDialog()
    {
        AppSettings settings(settingsFile(u"roundtrip.ini"_s));
        QCOMPARE(settings.preferences(), Preferences());
        QSignalSpy transfers(&settings, &AppSettings::transferSettingsChanged);
        QSignalSpy language(&settings, &AppSettings::languageChanged);
        {
            SettingsDialog dialog(&settings);
            dialog.jobsBox()->setValue(5);
            dialog.partsBox()->setValue(4);
            dialog.requestCapBox()->setValue(12);
            dialog.partSizeBox()->setCurrentIndex(dialog.partSizeBox()->findData(64));
            dialog.bandwidthBox()->setValue(2048);
            dialog.confirmDeleteBox()->setChecked(false);
            dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(u"pt_BR"_s));
            QVERIFY(dialog.languageNote()->isVisibleTo(&dialog));
            dialog.accept();
        }
        QCOMPARE(transfers.size(), 1);
        QCOMPARE(language.size(), 1);
        QCOMPARE(language.first().first().toString(), u"pt_BR"_s);

        // A restart: a fresh object over the same file reads the same preferences.
        AppSettings again(settingsFile(u"roundtrip.ini"_s));
        const Preferences p = again.preferences();
        QCOMPARE(p, settings.preferences());
        QCOMPARE(p.concurrentJobs, 5);
        QCOMPARE(p.partsPerJob, 4);
        QCOMPARE(p.globalRequestCap, 12);
        QCOMPARE(p.partSizeMiB, 64);
        QCOMPARE(p.bandwidthLimitKiB, 2048);
        QVERIFY(!p.confirmDelete);
        QVERIFY(p.confirmLargeDrop);
        QCOMPARE(p.language, u"pt_BR"_s);

        SettingsDialog shown(&again);
        QCOMPARE(shown.preferencesFromForm(), p);
        QVERIFY(!shown.languageNote()->isVisibleTo(&shown));
    }

    void transferSettings_data()
    {
        QTest::addColumn<int>("partSizeMiB");
        QTest::addColumn<qint64>("bandwidthKiB");
        QTest::addColumn<qint64>("partSize");
        QTest::addColumn<qint64>("bytesPerSecond");
        const transfer::TransferSettings defaults;
        QTest::newRow("automatic, unlimited") << 0 << qint64(0) << defaults.preferredPartSize << qint64(0);
        QTest::newRow("32 MiB, 1 MiB/s") << 32 << qint64(1024) << qint64(32) * 1024 * 1024 << qint64(1024) * 1024;
    }

    void transferSettings()
    {
        QFETCH(int, partSizeMiB);
        QFETCH(qint64, bandwidthKiB);
        QFETCH(qint64, partSize);
        QFETCH(qint64, bytesPerSecond);
        AppSettings settings(settingsFile(u"transfer-%1.ini"_s.arg(QString::fromLatin1(QTest::currentDataTag()))));
        Preferences p;
        p.concurrentJobs = 2;
        p.partsPerJob = 6;
        p.globalRequestCap = 9;
        p.partSizeMiB = partSizeMiB;
        p.bandwidthLimitKiB = bandwidthKiB;
        QSignalSpy changed(&settings, &AppSettings::transferSettingsChanged);
        settings.setPreferences(p);
        QCOMPARE(changed.size(), 1);
        const auto pushed = changed.first().first().value<transfer::TransferSettings>();
        const transfer::TransferSettings got = settings.transferSettings();
        for (const transfer::TransferSettings &s : {pushed, got}) {
            QCOMPARE(s.concurrentJobs, 2);
            QCOMPARE(s.partWindow, 6);
            QCOMPARE(s.globalRequestCap, 9);
            QCOMPARE(s.preferredPartSize, partSize);
            QCOMPARE(s.bandwidthLimit, bytesPerSecond);
        }
        // Saving the same again announces nothing.
        settings.setPreferences(p);
        QCOMPARE(changed.size(), 1);
    }

    void outOfRangeValuesAreClamped()
    {
        auto file = settingsFile(u"clamped.ini"_s);
        file->setValue(u"preferences/concurrentJobs"_s, 999);
        file->setValue(u"preferences/partSizeMiB"_s, 1);
        file->setValue(u"preferences/language"_s, u"xx"_s);
        file->setValue(u"preferences/theme"_s, u"purple"_s);
        file->sync();
        AppSettings settings(std::move(file));
        QCOMPARE(settings.preferences().concurrentJobs, 16);
        QCOMPARE(settings.preferences().partSizeMiB, 5);
        QCOMPARE(settings.preferences().language, QString());
        QCOMPARE(settings.preferences().theme, Theme::System);
    }

    void themeSwitchesLive()
    {
        const QPalette original = QApplication::palette();
        AppSettings settings(settingsFile(u"theme.ini"_s));
        QObject context;
        connect(&settings, &AppSettings::themeChanged, &context, [](Theme theme) { applyTheme(theme); });
        QSignalSpy themes(&settings, &AppSettings::themeChanged);

        SettingsDialog dialog(&settings);
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(int(Theme::Dark)));
        dialog.accept();
        QCOMPARE(themes.size(), 1);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 128);
        // Widgets follow at once, without a restart.
        QWidget probe;
        QVERIFY(probe.palette().color(QPalette::Window).lightness() < 128);

        Preferences light = settings.preferences();
        light.theme = Theme::Light;
        settings.setPreferences(light);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() >= 128);
        QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 128);

        Preferences system = settings.preferences();
        system.theme = Theme::System;
        settings.setPreferences(system);
        QCOMPARE(QApplication::palette().color(QPalette::Window), original.color(QPalette::Window));
        QCOMPARE(themes.size(), 3);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
