#pragma once
// What a first start with no connection shows: try Coffer offline on the local server
// (with a sample bucket), or add a connection to a real store.

#include <QWidget>

class QPushButton;

namespace coffer::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    QPushButton *tryLocalButton() const { return m_tryLocal; }
    QPushButton *addConnectionButton() const { return m_addConnection; }

Q_SIGNALS:
    void tryLocalRequested();
    void addConnectionRequested();

private:
    QPushButton *m_tryLocal;
    QPushButton *m_addConnection;
};

} // namespace coffer::ui
