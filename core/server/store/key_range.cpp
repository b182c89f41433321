#include "server/store/key_range.h"

namespace coffer::server {

std::optional<QByteArray> prefixSuccessor(const QByteArray &prefix)
{
    QByteArray next = prefix;
    while (!next.isEmpty()) {
        const auto last = static_cast<unsigned char>(next.back());
        if (last != 0xFF) {
            next.back() = static_cast<char>(last + 1);
            return next;
        }
        next.chop(1);
    }
    return std::nullopt;
}

QByteArray commonPrefixOf(const QByteArray &key, const QByteArray &prefix,
                          const QByteArray &delimiter)
{
    if (delimiter.isEmpty())
        return {};
    const qsizetype at = key.indexOf(delimiter, prefix.size());
    if (at < 0)
        return {};
    return key.left(at + delimiter.size());
}

} // namespace coffer::server
