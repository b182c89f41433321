#pragma once
// Host-name checks shared by endpoint addressing and bucket-name validation (internal).

#include <QStringView>

namespace coffer::s3::detail {

// Four dot-separated groups of one to three digits: "formatted as an IP address" in S3's
// bucket rules, and a literal address in an endpoint (where no DNS name can be prefixed).
inline bool looksLikeIpv4(QStringView text)
{
    int groups = 0;
    int digits = 0;
    for (QChar c : text) {
        if (c == u'.') {
            if (digits == 0)
                return false;
            ++groups;
            digits = 0;
        } else if (c.isDigit() && c.unicode() < 128 && digits < 3) {
            ++digits;
        } else {
            return false;
        }
    }
    return digits > 0 && groups == 3;
}

inline bool isAsciiLowerOrDigit(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

} // namespace coffer::s3::detail
