#include "authorization.h"

#include "digest.h"

namespace coffer::s3::sigv4 {

namespace {

bool isDigits(QByteArrayView text)
{
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.isEmpty();
}

bool isHeaderNameChar(char c)
{
    // RFC 9110 token characters, lowercase only.
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QByteArrayView trimmed(QByteArrayView text)
{
    return text.trimmed();
}

} // namespace

CredentialParse parseCredential(QByteArrayView text)
{
    CredentialParse result;
    const QList<QByteArray> parts = text.toByteArray().split('/');
    if (parts.size() != 5 || parts[0].isEmpty()) {
        result.error = AuthError::BadCredential;
        return result;
    }
    const QByteArray &date = parts[1];
    const QDate scopeDate = date.size() == 8 && isDigits(date)
        ? QDate(date.left(4).toInt(), date.mid(4, 2).toInt(), date.mid(6, 2).toInt())
        : QDate();
    // An empty region is well-formed: R2 accepts it as an alias of "auto". Whether a
    // region is acceptable is the verifier's decision, not the parser's.
    if (!scopeDate.isValid() || parts[3].isEmpty() || parts[4] != "aws4_request") {
        result.error = AuthError::BadScope;
        return result;
    }
    result.credential = Credential{parts[0], Scope{scopeDate, parts[2], parts[3]}};
    return result;
}

bool isValidSignedHeaders(QByteArrayView names)
{
    bool hasHost = false;
    for (const QByteArray &name : names.toByteArray().split(';')) {
        if (name.isEmpty())
            return false;
        for (const char c : name) {
            if (!isHeaderNameChar(c))
                return false;
        }
        hasHost = hasHost || name == "host";
    }
    return hasHost;
}

bool isSignatureShaped(QByteArrayView signature)
{
    if (signature.size() != 64)
        return false;
    for (const char c : signature) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex)
            return false;
    }
    return true;
}

AuthorizationParse parseAuthorization(QByteArrayView header)
{
    AuthorizationParse result;
    auto fail = [&](AuthError error) {
        result.error = error;
        result.authorization = {};
        return result;
    };

    header = trimmed(header);
    const qsizetype space = header.indexOf(' ');
    const QByteArrayView algorithm = space < 0 ? header : header.first(space);
    if (algorithm != kAlgorithm)
        return fail(algorithm.isEmpty() ? AuthError::Malformed : AuthError::UnsupportedAlgorithm);
    if (space < 0)
        return fail(AuthError::Malformed);

    // "Credential=..., SignedHeaders=..., Signature=..." in any order, spaces optional.
    std::optional<QByteArray> credential, signedHeaders, signature;
    for (const QByteArray &piece : header.sliced(space + 1).toByteArray().split(',')) {
        const QByteArrayView component = trimmed(piece);
        const qsizetype equals = component.indexOf('=');
        if (equals <= 0)
            return fail(AuthError::Malformed);
        const QByteArrayView key = component.first(equals);
        const QByteArray value = component.sliced(equals + 1).toByteArray();
        std::optional<QByteArray> *slot = key == "Credential" ? &credential
            : key == "SignedHeaders"                          ? &signedHeaders
            : key == "Signature"                              ? &signature
                                                              : nullptr;
        if (!slot || slot->has_value())
            return fail(AuthError::Malformed);
        *slot = value;
    }
    if (!credential || !signedHeaders || !signature)
        return fail(AuthError::Malformed);

    const CredentialParse parsedCredential = parseCredential(*credential);
    if (parsedCredential.error != AuthError::None)
        return fail(parsedCredential.error);
    if (!isValidSignedHeaders(*signedHeaders))
        return fail(AuthError::BadSignedHeaders);
    if (!isSignatureShaped(*signature))
        return fail(AuthError::BadSignature);

    result.authorization = Authorization{parsedCredential.credential, *signedHeaders, signature->toLower()};
    return result;
}

bool signaturesMatch(QByteArrayView expectedHex, QByteArrayView sentHex)
{
    // Lowercasing depends only on each byte, not on where the strings differ.
    return constantTimeEquals(expectedHex.toByteArray().toLower(), sentHex.toByteArray().toLower());
}

} // namespace coffer::s3::sigv4
