#include "bucket_config/r2_api_reply.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::bucket_config::R2Api", text);
}

} // namespace

R2Call::~R2Call()
{
    if (m_reply)
        m_reply->abort();
}

void R2Call::attach(QNetworkReply *reply)
{
    m_reply = reply;
}

void R2Call::cancel()
{
    if (m_finished)
        return;
    if (m_reply) {
        // Disconnect first: the reply's finished() must not report the abort as a failure.
        QObject::disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
    R2ApiError error;
    error.kind = R2ApiError::Kind::Canceled;
    failWith(error);
}

void R2Call::complete()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
}

QString R2ApiError::userMessage() const
{
    QStringList said;
    for (const CloudflareMessage &m : errors)
        said.append(m.code ? u"%1 (code %2)"_s.arg(m.message).arg(m.code) : m.message);
    const QString cloudflare = said.join(u"; "_s);
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Api:
        if (httpStatus == 401 || httpStatus == 403)
            return tr("Cloudflare refused the API token: %1. Check that the token is valid and has R2 "
                      "read and write permission for this account.")
                .arg(cloudflare.isEmpty() ? tr("no details given") : cloudflare);
        return tr("Cloudflare refused the request: %1.").arg(cloudflare.isEmpty() ? tr("no details given") : cloudflare);
    case Kind::Http:
        return tr("The Cloudflare API answered with HTTP status %1 and no explanation. Check the API base "
                  "URL, then try again.")
            .arg(httpStatus);
    case Kind::Network:
        return tr("The Cloudflare API could not be reached: %1. Check the network connection and the API "
                  "base URL.")
            .arg(detail);
    case Kind::Response:
        return tr("The Cloudflare API sent an answer Coffer does not understand: %1.").arg(detail);
    case Kind::InvalidInput:
        return detail;
    case Kind::Canceled:
        return tr("The request to Cloudflare was canceled.");
    }
    return {};
}

} // namespace coffer::bucket_config
