#include "ui/welcome/welcome_page.h"

#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_tryLocal(new QPushButton(tr("Try it offline with a local server"), this))
    , m_addConnection(new QPushButton(tr("Add a connection…"), this))
{
    setObjectName(u"welcomePage"_s);
    setAccessibleName(tr("Welcome"));

    auto *title = new QLabel(tr("<h2>Welcome to Coffer</h2>"), this);
    title->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(tr("Coffer browses Cloudflare R2 and other S3-compatible stores. There is no "
                               "connection yet: try everything offline on a local server with a sample "
                               "bucket, or connect to your own store."),
        this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(520);

    m_tryLocal->setObjectName(u"tryLocalServer"_s);
    m_tryLocal->setAccessibleName(m_tryLocal->text());
    m_tryLocal->setDefault(true);
    connect(m_tryLocal, &QPushButton::clicked, this, &WelcomePage::tryLocalRequested);

    m_addConnection->setObjectName(u"addConnection"_s);
    m_addConnection->setAccessibleName(m_addConnection->text());
    // The connection dialog is not there yet; say so rather than hide the way in.
    m_addConnection->setEnabled(false);
    m_addConnection->setToolTip(tr("The connection dialog is not available in this version yet."));
    connect(m_addConnection, &QPushButton::clicked, this, &WelcomePage::addConnectionRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addWidget(m_tryLocal, 0, Qt::AlignHCenter);
    layout->addWidget(m_addConnection, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace coffer::ui
