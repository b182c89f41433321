#pragma once
// Cloudflare R2 API tokens as S3 credentials: the access key id is the token's id and
// the secret access key is the lowercase hex SHA-256 of the token's value.

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer::profiles {

struct R2KeyPair {
    QString accessKeyId;
    QByteArray secretAccessKey; // 64 lowercase hex characters
};

struct R2TokenError {
    enum class Field { TokenId, TokenValue };
    Field field = Field::TokenId;
    QString message;
};

// Surrounding whitespace (from copy and paste) is ignored. Either part empty is an error.
std::optional<R2KeyPair> r2KeyPairFromToken(const QString &tokenId, const QByteArray &tokenValue,
                                            R2TokenError *error = nullptr);

} // namespace coffer::profiles
