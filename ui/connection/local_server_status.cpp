#include "ui/connection/local_server_status.h"

#include "ui/connection/local_session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace coffer::ui {

LocalServerStatus::LocalServerStatus(LocalSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_label(new QLabel(this))
    , m_toggle(new QToolButton(this))
{
    setObjectName(u"localServerStatus"_s);
    m_label->setObjectName(u"localServerState"_s);
    m_label->setAccessibleName(tr("Local server state"));
    m_toggle->setObjectName(u"localServerToggle"_s);
    m_toggle->setAutoRaise(true);
    connect(m_toggle, &QToolButton::clicked, this, [this] {
        const LocalServer::State state = m_session->server()->state();
        if (state == LocalServer::State::Running)
            m_session->stop();
        else if (state == LocalServer::State::Stopped || state == LocalServer::State::Failed)
            m_session->start();
    });
    connect(session->server(), &LocalServer::stateChanged, this, &LocalServerStatus::showState);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_toggle);
    showState();
}

QString LocalServerStatus::text() const
{
    return m_label->text();
}

void LocalServerStatus::showState()
{
    const LocalServer *server = m_session->server();
    QString text;
    QString tip;
    bool canToggle = true;
    bool running = false;
    switch (server->state()) {
    case LocalServer::State::Stopped:
        text = tr("Local server: stopped");
        tip = tr("Start the local S3 server to try Coffer offline.");
        break;
    case LocalServer::State::Starting:
        text = tr("Local server: starting…");
        canToggle = false;
        break;
    case LocalServer::State::Running:
        text = tr("Local server: running on %1").arg(server->endpointUrl());
        tip = tr("Endpoint %1, access key %2 (secret key kept in %3). Data in %4.")
                  .arg(server->endpointUrl(), QString::fromUtf8(server->credentials().accessKeyId),
                      server->keyLocation(), server->dataDirectory());
        running = true;
        break;
    case LocalServer::State::Stopping:
        text = tr("Local server: stopping…");
        canToggle = false;
        break;
    case LocalServer::State::Failed:
        text = tr("Local server: failed");
        tip = server->errorMessage();
        break;
    }
    m_label->setText(text);
    m_label->setToolTip(tip);
    m_toggle->setText(running ? tr("Stop") : tr("Start"));
    m_toggle->setAccessibleName(running ? tr("Stop the local server") : tr("Start the local server"));
    m_toggle->setToolTip(m_toggle->accessibleName());
    m_toggle->setEnabled(canToggle);
}

} // namespace coffer::ui
