#include "s3_call.h"

#include "exchange.h"

namespace coffer::client {

S3Call::S3Call(QObject *parent)
    : QObject(parent)
{
}

S3Call::~S3Call() = default;

bool S3Call::attach(Exchange *exchange, bool forwardProgress)
{
    if (m_finished) {
        exchange->deleteLater();
        return false;
    }
    exchange->setParent(this);
    m_exchanges.append(exchange);
    if (forwardProgress)
        connect(exchange, &Exchange::progress, this, &S3Call::progress);
    return true;
}

void S3Call::cancel()
{
    if (m_finished)
        return;
    failWith(s3::S3Error::canceled());
    for (const QPointer<Exchange> &exchange : std::as_const(m_exchanges)) {
        if (exchange)
            exchange->cancel();
    }
}

void S3Call::complete(const s3::S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
    deleteLater();
}

} // namespace coffer::client
