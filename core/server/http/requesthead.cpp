#include "server/http/requesthead.h"

namespace coffer::server::http {

QByteArray RequestHead::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QList<QByteArray> RequestHead::headerValues(QByteArrayView lowerName) const
{
    QList<QByteArray> values;
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            values.append(value);
    }
    return values;
}

bool RequestHead::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &header : headers) {
        if (header.first == lowerName)
            return true;
    }
    return false;
}

QByteArrayView RequestHead::path() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? QByteArrayView(target) : QByteArrayView(target).first(mark);
}

QByteArrayView RequestHead::query() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? QByteArrayView() : QByteArrayView(target).sliced(mark + 1);
}

} // namespace coffer::server::http
