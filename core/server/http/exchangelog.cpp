#include "server/http/exchangelog.h"

namespace coffer::server::http {

QByteArray ExchangeLog::toLine() const
{
    QByteArray line = method + ' ' + maskedTarget + ' '
        + (status > 0 ? QByteArray::number(status) : QByteArray("-"))
        + " in=" + QByteArray::number(bytesIn) + " out=" + QByteArray::number(bytesOut) + ' '
        + QByteArray::number(elapsedMs) + "ms id=" + requestId;
    if (aborted)
        line += " aborted";
    return line;
}

} // namespace coffer::server::http
