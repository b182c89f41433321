#include "ui/transfers/interrupted_bar.h"

#include "ui/transfers/transfer_center.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace coffer::ui {

InterruptedBar::InterruptedBar(TransferCenter *center, QWidget *parent)
    : QFrame(parent)
    , m_center(center)
    , m_label(new QLabel(this))
    , m_resume(new QPushButton(tr("Resume"), this))
    , m_later(new QPushButton(tr("Later"), this))
{
    setObjectName(u"interruptedBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    m_label->setObjectName(u"interruptedText"_s);
    m_label->setWordWrap(true);
    m_resume->setObjectName(u"resumeInterrupted"_s);
    m_resume->setAccessibleName(tr("Resume the interrupted transfers"));
    m_later->setObjectName(u"laterInterrupted"_s);
    m_later->setAccessibleName(tr("Keep the interrupted transfers paused"));
    connect(m_resume, &QPushButton::clicked, center, &TransferCenter::resumeInterrupted);
    connect(m_later, &QPushButton::clicked, center, &TransferCenter::dismissInterrupted);
    connect(center, &TransferCenter::interruptedChanged, this, &InterruptedBar::refresh);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_resume);
    layout->addWidget(m_later);
    refresh();
}

QString InterruptedBar::text() const
{
    return m_label->text();
}

void InterruptedBar::refresh()
{
    const auto count = int(m_center->interruptedJobs().size());
    m_label->setText(tr("%n transfer(s) were interrupted when Coffer last closed. They wait, paused, "
                        "until you resume them.",
        nullptr, count));
    setVisible(count > 0);
}

} // namespace coffer::ui
