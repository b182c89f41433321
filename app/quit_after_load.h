#pragma once
// coffer --quit-after-load: once the first location has loaded, prints what it shows on
// stdout and quits (exit code 0), or prints why it could not load (exit code 1). Lets
// scripts and tests check the real app end to end, e.g. offscreen with --local.

namespace coffer::ui {
class MainWindow;
}

namespace coffer::app {

void quitAfterLoad(ui::MainWindow *window, int timeoutMs);

} // namespace coffer::app
