#include "multipart.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

constexpr int kMaxParts = 10000; // S3's limit on parts per upload

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::ChecksumValue", text);
}

bool isBase64Character(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
        || c == '/';
}

// Canonical, padded, standard-alphabet base64 (what S3 sends and expects).
bool isCanonicalBase64(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 != 0)
        return false;
    qsizetype padding = 0;
    while (padding < 2 && text[text.size() - 1 - padding] == '=')
        ++padding;
    for (qsizetype i = 0; i < text.size() - padding; ++i) {
        if (!isBase64Character(text[i]))
            return false;
    }
    // Unused low bits must be zero, or two different strings would decode alike.
    return QByteArray::fromBase64(text.toByteArray()).toBase64() == text;
}

std::optional<ChecksumValue> fail(ChecksumValueError *error, ChecksumValueError::Code code, QString message)
{
    if (error)
        *error = {code, std::move(message)};
    return std::nullopt;
}

} // namespace

QByteArray compositeChecksum(ChecksumAlgorithm algorithm, const QList<QByteArray> &rawPartChecksums)
{
    Checksum checksum(algorithm);
    for (const QByteArray &part : rawPartChecksums)
        checksum.update(part);
    return checksum.base64() + '-' + QByteArray::number(rawPartChecksums.size());
}

QByteArray multipartEtag(const QList<QByteArray> &rawPartMd5s)
{
    Checksum md5(ChecksumAlgorithm::Md5);
    for (const QByteArray &part : rawPartMd5s)
        md5.update(part);
    return '"' + md5.hex() + '-' + QByteArray::number(rawPartMd5s.size()) + '"';
}

std::optional<QByteArray> md5FromEtag(QByteArrayView etag)
{
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
        etag = etag.sliced(1, etag.size() - 2);
    if (etag.size() != 32)
        return std::nullopt;
    for (char c : etag) {
        const bool hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hexDigit)
            return std::nullopt;
    }
    return QByteArray::fromHex(etag.toByteArray());
}

std::optional<QByteArray> fullObjectCrc(ChecksumAlgorithm algorithm, const QList<PartCrc> &parts)
{
    if (!isCrc(algorithm))
        return std::nullopt;
    quint64 crc = 0;
    for (const PartCrc &part : parts)
        crc = crcCombine(algorithm, crc, part.crc, part.size);
    return crcToBytes(algorithm, crc);
}

std::optional<ChecksumValue> parseChecksumValue(ChecksumAlgorithm algorithm, QByteArrayView value,
                                                ChecksumValueError *error)
{
    using Code = ChecksumValueError::Code;
    const QString name = QString::fromLatin1(checksumAlgorithmName(algorithm));
    if (value.isEmpty()) {
        return fail(error, Code::Empty,
                    tr("The %1 checksum is empty. Send the base64 of the %2-byte digest.")
                        .arg(name)
                        .arg(checksumSize(algorithm)));
    }

    // '-' is not in the base64 alphabet, so the first one starts the part count.
    ChecksumValue parsed;
    QByteArrayView encoded = value;
    if (const qsizetype dash = value.indexOf('-'); dash >= 0) {
        encoded = value.first(dash);
        const QByteArrayView count = value.sliced(dash + 1);
        bool digitsOnly = !count.isEmpty() && count.size() <= 5 && count.front() != '0';
        for (char c : count)
            digitsOnly = digitsOnly && c >= '0' && c <= '9';
        const int parts = digitsOnly ? count.toInt() : 0;
        if (parts < 1 || parts > kMaxParts) {
            return fail(error, Code::BadPartCount,
                        tr("The %1 checksum ends in “-%2”, which is not a part count. A multipart "
                           "checksum ends in “-N” with N from 1 to 10,000; remove or correct the suffix.")
                            .arg(name, QString::fromLatin1(count)));
        }
        parsed.partCount = parts;
    }

    if (!isCanonicalBase64(encoded)) {
        return fail(error, Code::NotBase64,
                    tr("The %1 checksum “%2” is not valid base64. Send the standard, padded "
                       "base64 of the %3-byte digest.")
                        .arg(name, QString::fromLatin1(encoded))
                        .arg(checksumSize(algorithm)));
    }
    parsed.raw = QByteArray::fromBase64(encoded.toByteArray());
    if (parsed.raw.size() != checksumSize(algorithm)) {
        return fail(error, Code::WrongLength,
                    tr("The %1 checksum decodes to %2 bytes, but a %1 digest is %3 bytes. Check "
                       "that the header matches the algorithm used.")
                        .arg(name)
                        .arg(parsed.raw.size())
                        .arg(checksumSize(algorithm)));
    }
    return parsed;
}

} // namespace coffer::s3
