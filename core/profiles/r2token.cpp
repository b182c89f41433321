#include "profiles/r2token.h"

#include "s3/sigv4/digest.h"

using namespace Qt::StringLiterals;

namespace coffer::profiles {

std::optional<R2KeyPair> r2KeyPairFromToken(const QString &tokenId, const QByteArray &tokenValue,
                                            R2TokenError *error)
{
    const QString id = tokenId.trimmed();
    const QByteArray value = tokenValue.trimmed();
    auto fail = [error](R2TokenError::Field field, const QString &message) {
        if (error)
            *error = R2TokenError{field, message};
        return std::nullopt;
    };
    if (id.isEmpty())
        return fail(R2TokenError::Field::TokenId,
                    u"The token id is empty. Copy the Access Key ID shown when the R2 API token "
                    "was created."_s);
    if (value.isEmpty())
        return fail(R2TokenError::Field::TokenValue,
                    u"The token value is empty. Paste the token value shown once when the R2 "
                    "API token was created; if it is lost, roll the token."_s);
    return R2KeyPair{id, s3::sigv4::sha256Hex(value)};
}

} // namespace coffer::profiles
