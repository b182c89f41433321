#pragma once
// The strip above the Transfers list after a restart: "3 transfers were interrupted."
// with Resume and Later. Non-modal: the app stays usable, and nothing restarts until the
// person chooses. Shows itself while the TransferCenter holds interrupted jobs.

#include <QFrame>

class QLabel;
class QPushButton;

namespace coffer::ui {

class TransferCenter;

class InterruptedBar : public QFrame
{
    Q_OBJECT
public:
    explicit InterruptedBar(TransferCenter *center, QWidget *parent = nullptr);

    QString text() const;
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *laterButton() const { return m_later; }

private:
    void refresh();

    TransferCenter *m_center;
    QLabel *m_label;
    QPushButton *m_resume;
    QPushButton *m_later;
};

} // namespace coffer::ui
