#include "names.h"

#include "host_name.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <array>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::Names", text);
}

std::optional<NameError> error(NameError::Code code, QString message)
{
    return NameError{code, std::move(message)};
}

// Reserved by AWS for access points, S3 Express, Multi-Region Access Points, tables,
// IDN names and its own documentation.
constexpr std::array kReservedPrefixes{u"xn--", u"sthree-", u"amzn-s3-demo-"};
constexpr std::array kReservedSuffixes{u"-s3alias", u"--ol-s3", u".mrap", u"--x-s3", u"--table-s3"};

std::optional<NameError> badCharacter(const QString &name, QChar c, Provider provider)
{
    using Code = NameError::Code;
    const bool r2 = provider == Provider::CloudflareR2;
    if (c >= u'A' && c <= u'Z') {
        return error(Code::InvalidCharacter,
                     tr("The bucket name “%1” contains the uppercase letter “%2”. Bucket names use "
                        "lowercase only: try “%3”.")
                         .arg(name, c, name.toLower()));
    }
    if (c == u'.' && r2) {
        return error(Code::InvalidCharacter,
                     tr("Cloudflare R2 bucket names cannot contain dots (“%1”). Use hyphens instead: "
                        "try “%2”.")
                         .arg(name, QString(name).replace(u'.', u'-')));
    }
    const QString allowed = r2 ? tr("lowercase letters, digits and hyphens (-)")
                               : tr("lowercase letters, digits, hyphens (-) and dots (.)");
    return error(Code::InvalidCharacter,
                 tr("The bucket name “%1” contains “%2”, which is not allowed. Use only %3.")
                     .arg(name, c, allowed));
}

} // namespace

std::optional<NameError> validateBucketName(const QString &name, Provider provider)
{
    using Code = NameError::Code;
    const bool r2 = provider == Provider::CloudflareR2;
    if (name.isEmpty())
        return error(Code::Empty, tr("The bucket name is empty. Enter a name of 3 to 63 characters."));

    for (QChar c : name) {
        const bool allowed = detail::isAsciiLowerOrDigit(c) || c == u'-' || (c == u'.' && !r2);
        if (!allowed)
            return badCharacter(name, c, provider);
    }
    if (name.size() < kMinBucketNameLength) {
        return error(Code::TooShort,
                     tr("The bucket name “%1” has %L2 characters; bucket names need at least %L3. "
                        "Choose a longer name.")
                         .arg(name)
                         .arg(name.size())
                         .arg(kMinBucketNameLength));
    }
    if (name.size() > kMaxBucketNameLength) {
        return error(Code::TooLong,
                     tr("The bucket name has %L1 characters; bucket names may have at most %L2. "
                        "Choose a shorter name.")
                         .arg(name.size())
                         .arg(kMaxBucketNameLength));
    }
    if (!detail::isAsciiLowerOrDigit(name.front()) || !detail::isAsciiLowerOrDigit(name.back())) {
        return error(Code::BadFirstOrLast,
                     tr("The bucket name “%1” must begin and end with a lowercase letter or a digit. "
                        "Remove the leading or trailing “-” or “.”.")
                         .arg(name));
    }
    if (r2)
        return std::nullopt;

    if (name.contains(u".."))
        return error(Code::ConsecutiveDots,
                     tr("The bucket name “%1” has two dots in a row. Put a letter or digit between "
                        "them, or use a hyphen.")
                         .arg(name));
    if (detail::looksLikeIpv4(name)) {
        return error(Code::IpAddress,
                     tr("The bucket name “%1” looks like an IP address, which S3 does not allow. "
                        "Add a letter or a hyphen.")
                         .arg(name));
    }
    for (const char16_t *prefix : kReservedPrefixes) {
        if (name.startsWith(QStringView(prefix))) {
            return error(Code::ReservedPrefix,
                         tr("Bucket names cannot begin with “%1”, which S3 reserves. Choose another "
                            "beginning.")
                             .arg(QStringView(prefix)));
        }
    }
    for (const char16_t *suffix : kReservedSuffixes) {
        if (name.endsWith(QStringView(suffix))) {
            return error(Code::ReservedSuffix,
                         tr("Bucket names cannot end with “%1”, which S3 reserves. Choose another "
                            "ending.")
                             .arg(QStringView(suffix)));
        }
    }
    return std::nullopt;
}

namespace {

std::optional<NameError> keyTooLong(qsizetype bytes)
{
    return error(NameError::Code::TooLong,
                 tr("The key is %L1 bytes long; S3 allows at most %L2 bytes in UTF-8. Shorten the "
                    "name or its folder path.")
                     .arg(bytes)
                     .arg(kMaxObjectKeyBytes));
}

std::optional<NameError> emptyKey()
{
    return error(NameError::Code::Empty, tr("The key is empty. Give the object a name."));
}

} // namespace

std::optional<NameError> validateObjectKey(const QString &key)
{
    if (key.isEmpty())
        return emptyKey();
    // A lone surrogate has no UTF-8 form: toUtf8() would silently turn it into U+FFFD,
    // storing a different key than the one shown.
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key[i];
        if (c.isHighSurrogate() && i + 1 < key.size() && key[i + 1].isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return error(NameError::Code::InvalidUtf8,
                         tr("The key contains a broken character (an unpaired UTF-16 surrogate at "
                            "position %L1) that cannot be stored. Rename the file or retype the key.")
                             .arg(i + 1));
        }
    }
    const qsizetype bytes = key.toUtf8().size();
    if (bytes > kMaxObjectKeyBytes)
        return keyTooLong(bytes);
    return std::nullopt;
}

std::optional<NameError> validateObjectKey(QByteArrayView utf8Key)
{
    if (utf8Key.isEmpty())
        return emptyKey();
    if (utf8Key.size() > kMaxObjectKeyBytes)
        return keyTooLong(utf8Key.size());
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(utf8Key);
    if (decoder.hasError()) {
        return error(NameError::Code::InvalidUtf8,
                     tr("The key is not valid UTF-8. Object keys must be UTF-8 text; re-encode "
                        "the name."));
    }
    return std::nullopt;
}

} // namespace coffer::s3
