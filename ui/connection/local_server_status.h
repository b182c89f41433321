#pragma once
// The status bar's local server indicator: its state in words (with the endpoint and
// where its key pair is kept in the tooltip) and a button to start or stop it.

#include <QWidget>

class QLabel;
class QToolButton;

namespace coffer::ui {

class LocalSession;

class LocalServerStatus : public QWidget
{
    Q_OBJECT
public:
    explicit LocalServerStatus(LocalSession *session, QWidget *parent = nullptr);

    QString text() const;

private:
    void showState();

    LocalSession *m_session;
    QLabel *m_label;
    QToolButton *m_toggle;
};

} // namespace coffer::ui
