#include "server/store/list_token.h"

namespace coffer::server {

namespace {
constexpr char kVersion = '\x01';
constexpr auto kOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QString continuationToken(const QByteArray &startAfter)
{
    const QByteArray raw = QByteArray(1, kVersion) + startAfter;
    return QString::fromLatin1(raw.toBase64(kOptions));
}

std::optional<QByteArray> startAfterFromToken(QStringView token)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), kOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty() || decoded.decoded.front() != kVersion
        || decoded.decoded.size() > 1 + 1024) {
        return std::nullopt;
    }
    return decoded.decoded.mid(1);
}

} // namespace coffer::server
