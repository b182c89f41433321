#include "server/http/listenaddress.h"

using namespace Qt::StringLiterals;

namespace coffer::server::http {

std::optional<ListenAddress> ListenAddress::parse(const QString &text, QString *error)
{
    auto reject = [&](const QString &why) -> std::optional<ListenAddress> {
        if (error)
            *error = u"invalid listen address \"%1\": %2; expected HOST:PORT such as "
                     "127.0.0.1:9000 or [::1]:0"_s.arg(text, why);
        return std::nullopt;
    };
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return reject(u"no port"_s);
    QString host = text.first(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.sliced(1, host.size() - 2);
    else if (host.contains(u':'))
        return reject(u"IPv6 addresses need brackets"_s);
    bool ok = false;
    const uint port = text.sliced(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return reject(u"the port must be a number from 0 to 65535"_s);
    ListenAddress result;
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (!result.address.setAddress(host))
        return reject(u"\"%1\" is not an IP address"_s.arg(host));
    result.port = quint16(port);
    return result;
}

} // namespace coffer::server::http
