#include "ui/dialogs/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleHints>

#include <optional>

namespace coffer::ui {

namespace {

// The palette the application had before we replaced it, to give back on "System".
std::optional<QPalette> &originalPalette()
{
    static std::optional<QPalette> palette;
    return palette;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

QPalette lightPalette()
{
    QPalette p(QColor(0xef, 0xef, 0xef), QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf3, 0xf3));
    p.setColor(QPalette::Text, QColor(0x1d, 0x1d, 0x1d));
    p.setColor(QPalette::WindowText, QColor(0x1d, 0x1d, 0x1d));
    p.setColor(QPalette::ButtonText, QColor(0x1d, 0x1d, 0x1d));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x6f, 0xb2));
    return p;
}

QPalette darkPalette()
{
    QPalette p(QColor(0x3a, 0x3a, 0x3c), QColor(0x2a, 0x2a, 0x2c));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x28));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x80, 0x80));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3c));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x7f, 0xc1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

void applyTheme(Theme theme)
{
    std::optional<QPalette> &original = originalPalette();
    if (original) {
        QApplication::setPalette(*original);
        original.reset();
    }
    const Qt::ColorScheme wanted = theme == Theme::Dark ? Qt::ColorScheme::Dark
        : theme == Theme::Light                         ? Qt::ColorScheme::Light
                                                        : Qt::ColorScheme::Unknown;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QGuiApplication::styleHints()->setColorScheme(wanted);
#endif
    if (theme == Theme::System)
        return;
    // The platform switched if the palette now has the brightness asked for.
    const bool switched = QGuiApplication::styleHints()->colorScheme() == wanted
        && isDark(QApplication::palette()) == (theme == Theme::Dark);
    if (switched)
        return;
    original = QApplication::palette();
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : lightPalette());
}

} // namespace coffer::ui
