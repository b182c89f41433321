#include "signer.h"

#include "digest.h"

#include <QTimeZone>

#include <algorithm>

namespace coffer::s3::sigv4 {

namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_' || c == '~';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The names x-amz-date etc. that signHeaders sets itself.
bool isSignerOwned(const QByteArray &lowerName)
{
    return lowerName == "x-amz-date" || lowerName == "x-amz-content-sha256"
        || lowerName == "x-amz-security-token" || lowerName == "authorization";
}

QByteArray payloadHashOrUnsigned(const QByteArray &payloadHash)
{
    return payloadHash.isEmpty() ? kUnsignedPayload.toByteArray() : payloadHash;
}

QByteArray signFinal(const CanonicalInput &input, const QByteArray &signedNames,
                     const Credentials &credentials, const Scope &scope, const QDateTime &now)
{
    const QByteArray request = canonicalRequest(input, signedNames);
    const QByteArray toSign = stringToSign(now, scope, request);
    return signature(signingKey(credentials.secretAccessKey, scope), toSign);
}

} // namespace

QByteArray Scope::toString() const
{
    return date.toString(u"yyyyMMdd").toLatin1() + '/' + region + '/' + service + "/aws4_request";
}

QByteArray uriEncode(QByteArrayView raw, bool encodeSlash)
{
    QByteArray out;
    out.reserve(raw.size() * 3);
    for (const char c : raw) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
            out.append(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHexUpper[byte >> 4]);
            out.append(kHexUpper[byte & 0xF]);
        }
    }
    return out;
}

QByteArray encodePath(QByteArrayView rawPath)
{
    return uriEncode(rawPath, false);
}

QByteArray canonicalPathOf(QByteArrayView requestTargetPath)
{
    QByteArray out;
    out.reserve(requestTargetPath.size());
    qsizetype start = 0;
    while (true) {
        const qsizetype slash = requestTargetPath.indexOf('/', start);
        const qsizetype end = slash < 0 ? requestTargetPath.size() : slash;
        // Decoding a segment may yield '/', which must stay encoded: it is part of the key.
        out.append(uriEncode(percentDecode(requestTargetPath.sliced(start, end - start)), true));
        if (slash < 0)
            return out;
        out.append('/');
        start = slash + 1;
    }
}

QByteArray amzDate(const QDateTime &utc)
{
    return utc.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'").toLatin1();
}

std::optional<QDateTime> amzDateTime(QByteArrayView text)
{
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return std::nullopt;
    for (qsizetype i = 0; i < 15; ++i) {
        if (i != 8 && (text[i] < '0' || text[i] > '9'))
            return std::nullopt;
    }
    auto number = [&](qsizetype from, qsizetype count) {
        int value = 0;
        for (qsizetype i = from; i < from + count; ++i)
            value = value * 10 + (text[i] - '0');
        return value;
    };
    const QDate date(number(0, 4), number(4, 2), number(6, 2));
    const QTime time(number(9, 2), number(11, 2), number(13, 2));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::UTC);
}

QByteArray percentDecode(QByteArrayView encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '%' && i + 2 < encoded.size() && hexValue(encoded[i + 1]) >= 0
            && hexValue(encoded[i + 2]) >= 0) {
            out.append(char(hexValue(encoded[i + 1]) * 16 + hexValue(encoded[i + 2])));
            i += 2;
        } else {
            out.append(encoded[i]);
        }
    }
    return out;
}

QueryList parseQuery(QByteArrayView encodedQuery)
{
    QueryList query;
    qsizetype start = 0;
    while (start <= encodedQuery.size()) {
        qsizetype end = encodedQuery.indexOf('&', start);
        if (end < 0)
            end = encodedQuery.size();
        const QByteArrayView piece = encodedQuery.sliced(start, end - start);
        if (!piece.isEmpty()) {
            const qsizetype equals = piece.indexOf('=');
            if (equals < 0)
                query.append({percentDecode(piece), QByteArray()});
            else
                query.append({percentDecode(piece.first(equals)), percentDecode(piece.sliced(equals + 1))});
        }
        start = end + 1;
    }
    return query;
}

QByteArray canonicalHeaderValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

QByteArray canonicalQuery(const QueryList &query)
{
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto &[name, value] : query)
        encoded.append({uriEncode(name, true), uriEncode(value, true)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[name, value] : std::as_const(encoded)) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

QByteArray signedHeaderNames(const HeaderList &headers)
{
    QList<QByteArray> names;
    for (const auto &header : headers) {
        const QByteArray name = header.first.toLower();
        if (!names.contains(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    return names.join(';');
}

QByteArray canonicalRequest(const CanonicalInput &input, const QByteArray &signedHeaderNames)
{
    QByteArray out = input.method + '\n' + input.encodedPath + '\n' + canonicalQuery(input.query) + '\n';
    // Names come sorted in signedHeaderNames; each one's values are joined in the order
    // they were sent, as AWS does for repeated headers.
    for (const QByteArray &name : signedHeaderNames.split(';')) {
        if (name.isEmpty())
            continue;
        QByteArray joined;
        bool found = false;
        for (const auto &[headerName, value] : input.headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) != 0)
                continue;
            if (found)
                joined.append(',');
            joined.append(canonicalHeaderValue(value));
            found = true;
        }
        out.append(name).append(':').append(joined).append('\n');
    }
    out.append('\n').append(signedHeaderNames).append('\n').append(input.payloadHash);
    return out;
}

QByteArray stringToSign(const QDateTime &utc, const Scope &scope, const QByteArray &canonicalRequest)
{
    return kAlgorithm.toByteArray() + '\n' + amzDate(utc) + '\n' + scope.toString() + '\n'
        + sha256Hex(canonicalRequest);
}

QByteArray signingKey(QByteArrayView secret, const Scope &scope)
{
    const QByteArray dateKey = hmacSha256(QByteArray("AWS4" + secret.toByteArray()), scope.date.toString(u"yyyyMMdd").toLatin1());
    const QByteArray regionKey = hmacSha256(dateKey, scope.region);
    const QByteArray serviceKey = hmacSha256(regionKey, scope.service);
    return hmacSha256(serviceKey, "aws4_request");
}

QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign)
{
    return hmacSha256(signingKey, stringToSign).toHex();
}

HeaderList signHeaders(const CanonicalInput &input, const Credentials &credentials,
                       const QByteArray &region, const QDateTime &now, const QByteArray &service)
{
    const Scope scope{now.toUTC().date(), region, service};
    const QByteArray payloadHash = payloadHashOrUnsigned(input.payloadHash);

    HeaderList added{{"x-amz-date", amzDate(now)}, {"x-amz-content-sha256", payloadHash}};
    if (!credentials.sessionToken.isEmpty())
        added.append({"x-amz-security-token", credentials.sessionToken});

    CanonicalInput signedInput = input;
    signedInput.payloadHash = payloadHash;
    signedInput.headers.removeIf([](const auto &header) { return isSignerOwned(header.first.toLower()); });
    signedInput.headers.append(added);

    const QByteArray names = signedHeaderNames(signedInput.headers);
    const QByteArray sig = signFinal(signedInput, names, credentials, scope, now);
    added.append({"Authorization", QByteArray(kAlgorithm.toByteArray() + " Credential=" + credentials.accessKeyId
                                              + '/' + scope.toString() + ", SignedHeaders=" + names
                                              + ", Signature=" + sig)});
    return added;
}

std::optional<QByteArray> presignQuery(const CanonicalInput &input, const Credentials &credentials,
                                       const QByteArray &region, const QDateTime &now,
                                       qint64 expiresSeconds, const QByteArray &service)
{
    if (expiresSeconds < 1 || expiresSeconds > kMaxPresignExpiry)
        return std::nullopt;
    const Scope scope{now.toUTC().date(), region, service};

    CanonicalInput signedInput = input;
    signedInput.payloadHash = payloadHashOrUnsigned(input.payloadHash);
    const QByteArray names = signedHeaderNames(input.headers);
    signedInput.query.append({"X-Amz-Algorithm", kAlgorithm.toByteArray()});
    signedInput.query.append({"X-Amz-Credential", credentials.accessKeyId + '/' + scope.toString()});
    signedInput.query.append({"X-Amz-Date", amzDate(now)});
    signedInput.query.append({"X-Amz-Expires", QByteArray::number(expiresSeconds)});
    signedInput.query.append({"X-Amz-SignedHeaders", names});
    if (!credentials.sessionToken.isEmpty())
        signedInput.query.append({"X-Amz-Security-Token", credentials.sessionToken});

    const QByteArray sig = signFinal(signedInput, names, credentials, scope, now);
    return QByteArray(canonicalQuery(signedInput.query) + "&X-Amz-Signature=" + sig);
}

} // namespace coffer::s3::sigv4
