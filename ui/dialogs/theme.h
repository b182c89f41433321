#pragma once
// Applying the theme preference live: Qt 6.8's QStyleHints::setColorScheme() where the
// platform can switch, and otherwise (older Qt, offscreen, desktops whose theme plugin
// cannot) a light or dark palette of our own. "System" undoes both.

#include "ui/dialogs/app_settings.h"

#include <QPalette>

namespace coffer::ui {

void applyTheme(Theme theme);

// The palettes used where the platform cannot switch its colour scheme.
QPalette lightPalette();
QPalette darkPalette();

} // namespace coffer::ui
