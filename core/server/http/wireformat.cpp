#include "server/http/wireformat.h"

#include <QLocale>
#include <QTimeZone>

#include <array>

using namespace Qt::StringLiterals;

namespace coffer::server::http {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

QByteArray httpDate(const QDateTime &when)
{
    // Fixed English names: QLocale::c() keeps the format independent of the user's locale.
    return QLocale::c()
        .toString(when.toTimeZone(QTimeZone::UTC), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
        .toLatin1();
}

QByteArray currentHttpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != cachedSecond) {
        cached = httpDate(QDateTime::fromSecsSinceEpoch(second, QTimeZone::UTC));
        cachedSecond = second;
    }
    return cached;
}

QByteArray chunkFrame(QByteArrayView data)
{
    QByteArray frame = QByteArray::number(data.size(), 16);
    frame.reserve(frame.size() + data.size() + 4);
    frame.append("\r\n").append(data).append("\r\n");
    return frame;
}

QByteArray maskedTarget(QByteArrayView target)
{
    static constexpr std::array<QByteArrayView, 3> secretNames = {
        "x-amz-signature", "x-amz-credential", "x-amz-security-token"};
    const qsizetype mark = target.indexOf('?');
    if (mark < 0)
        return target.toByteArray();
    QByteArray out = target.first(mark + 1).toByteArray();
    const QList<QByteArray> parameters = target.sliced(mark + 1).toByteArray().split('&');
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const QByteArray &parameter = parameters.at(i);
        if (i > 0)
            out.append('&');
        const qsizetype equals = parameter.indexOf('=');
        const QByteArray name = equals < 0 ? parameter : parameter.first(equals);
        bool secret = false;
        for (QByteArrayView candidate : secretNames)
            secret = secret || name.compare(candidate, Qt::CaseInsensitive) == 0;
        out.append(secret && equals >= 0 ? name + "=***" : parameter);
    }
    return out;
}

} // namespace coffer::server::http
