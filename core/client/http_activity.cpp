#include "http_activity.h"

#include <QList>

namespace coffer::client {

QByteArray maskUrl(QByteArrayView url)
{
    const qsizetype queryStart = url.indexOf('?');
    if (queryStart < 0)
        return url.toByteArray();
    QByteArray out = url.first(queryStart + 1).toByteArray();
    const QByteArray query = url.sliced(queryStart + 1).toByteArray();
    const QList<QByteArray> pairs = query.split('&');
    static const QByteArrayView secretNames[] = {"x-amz-signature", "x-amz-credential",
                                                 "x-amz-security-token"};
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        if (i > 0)
            out += '&';
        const QByteArray &pair = pairs[i];
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = (eq < 0 ? pair : pair.first(eq)).toLower();
        bool secret = false;
        for (QByteArrayView s : secretNames)
            secret = secret || name == s;
        if (secret && eq >= 0)
            out += pair.first(eq + 1) + "***";
        else
            out += pair;
    }
    return out;
}

} // namespace coffer::client
