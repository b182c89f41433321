#pragma once

#include <QMainWindow>

class QSettings;

namespace coffer::ui {

// The top-level window: connections on the left, the object list in the centre,
// the inspector on the right, transfers and activity docked below.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreWindowState();
};

} // namespace coffer::ui
