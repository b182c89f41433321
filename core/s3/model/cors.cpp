#include "s3/model/cors.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::CorsConfiguration", text);
}

// scheme://host[:port] and nothing after it; '*' stands for part of the host name.
bool isOriginShape(const QString &origin)
{
    static const QRegularExpression shape(
        u"^[A-Za-z*][A-Za-z0-9+.*-]*://([A-Za-z0-9*._~-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$"_s);
    return shape.match(origin).hasMatch();
}

} // namespace

ValidationProblems CorsConfiguration::validate() const
{
    ValidationProblems problems;
    auto add = [&problems](QString field, QString message) {
        problems.append({std::move(field), std::move(message)});
    };

    if (rules.isEmpty())
        add(u"rules"_s, tr("Add at least one CORS rule, or delete the CORS configuration instead."));
    if (rules.size() > kMaxRules)
        add(u"rules"_s, tr("A bucket can have at most %1 CORS rules; this configuration has %2. Merge or remove rules.")
                            .arg(kMaxRules)
                            .arg(rules.size()));

    static const QStringList methods = {u"GET"_s, u"PUT"_s, u"POST"_s, u"DELETE"_s, u"HEAD"_s};
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const CorsRule &rule = rules.at(i);
        const QString at = u"rules[%1]"_s.arg(i);
        if (rule.id.size() > 255)
            add(at + u".id"_s, tr("Rule %1: the ID is %2 characters long; use at most 255.").arg(i + 1).arg(rule.id.size()));

        if (rule.allowedOrigins.isEmpty())
            add(at + u".allowedOrigins"_s, tr("Rule %1: add at least one allowed origin, such as https://example.com or *.").arg(i + 1));
        for (qsizetype j = 0; j < rule.allowedOrigins.size(); ++j) {
            const QString &origin = rule.allowedOrigins.at(j);
            const QString field = at + u".allowedOrigins[%1]"_s.arg(j);
            if (origin == "*"_L1)
                continue;
            if (origin.count(u'*') > 1) {
                add(field, tr("Rule %1: the origin “%2” has more than one “*”; an origin may contain at most one wildcard.")
                               .arg(i + 1)
                               .arg(origin));
            } else if (!isOriginShape(origin)) {
                add(field, tr("Rule %1: the origin “%2” is not of the form scheme://host[:port] (for example "
                              "https://example.com:8443) with no path, or “*”.")
                               .arg(i + 1)
                               .arg(origin));
            }
        }

        if (rule.allowedMethods.isEmpty())
            add(at + u".allowedMethods"_s, tr("Rule %1: choose at least one allowed method (GET, PUT, POST, DELETE or HEAD).").arg(i + 1));
        for (qsizetype j = 0; j < rule.allowedMethods.size(); ++j) {
            const QString &method = rule.allowedMethods.at(j);
            if (!methods.contains(method)) {
                add(at + u".allowedMethods[%1]"_s.arg(j),
                    tr("Rule %1: “%2” is not a method CORS rules accept; use GET, PUT, POST, DELETE or HEAD.")
                        .arg(i + 1)
                        .arg(method));
            }
        }

        for (qsizetype j = 0; j < rule.allowedHeaders.size(); ++j) {
            const QString &header = rule.allowedHeaders.at(j);
            if (header.isEmpty() || header.count(u'*') > 1) {
                add(at + u".allowedHeaders[%1]"_s.arg(j),
                    tr("Rule %1: the allowed header “%2” must be a header name, with at most one “*” wildcard.")
                        .arg(i + 1)
                        .arg(header));
            }
        }
        for (qsizetype j = 0; j < rule.exposeHeaders.size(); ++j) {
            const QString &header = rule.exposeHeaders.at(j);
            if (header.trimmed().isEmpty()) {
                add(at + u".exposeHeaders[%1]"_s.arg(j),
                    tr("Rule %1: an exposed header is empty; enter a header name such as ETag.").arg(i + 1));
            }
        }

        if (rule.maxAgeSeconds && *rule.maxAgeSeconds < 0) {
            add(at + u".maxAgeSeconds"_s,
                tr("Rule %1: the max age cannot be negative; use 0 or more seconds.").arg(i + 1));
        }
    }
    return problems;
}

} // namespace coffer::s3
