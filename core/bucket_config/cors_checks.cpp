#include "bucket_config/cors_checks.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::bucket_config::CorsChecks", text);
}

bool containsNoCase(const QStringList &list, QStringView value)
{
    for (const QString &item : list) {
        if (item.compare(value, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool headerCovered(const QStringList &patterns, const QString &header)
{
    for (const QString &p : patterns) {
        if (originMatches(p.toLower(), header.toLower()))
            return true;
    }
    return false;
}

// Rule `later` adds nothing when `earlier` already matches every request it would:
// S3 and R2 answer with the first rule whose origin, method and requested headers match.
bool covers(const s3::CorsRule &earlier, const s3::CorsRule &later)
{
    if (later.allowedOrigins.isEmpty() || later.allowedMethods.isEmpty())
        return false;
    for (const QString &origin : later.allowedOrigins) {
        bool matched = false;
        for (const QString &pattern : earlier.allowedOrigins)
            matched = matched || pattern == origin || originMatches(pattern, origin);
        if (!matched)
            return false;
    }
    for (const QString &method : later.allowedMethods) {
        if (!earlier.allowedMethods.contains(method))
            return false;
    }
    for (const QString &header : later.allowedHeaders) {
        if (!headerCovered(earlier.allowedHeaders, header))
            return false;
    }
    return true;
}

} // namespace

bool originMatches(const QString &pattern, const QString &origin)
{
    const qsizetype star = pattern.indexOf(u'*');
    if (star < 0)
        return pattern == origin;
    if (pattern.indexOf(u'*', star + 1) >= 0)
        return false; // more than one wildcard is invalid and matches nothing
    const QStringView before = QStringView(pattern).first(star);
    const QStringView after = QStringView(pattern).sliced(star + 1);
    return origin.size() >= before.size() + after.size() && origin.startsWith(before)
        && origin.endsWith(after);
}

RuleProblems checkCors(const s3::CorsConfiguration &configuration)
{
    RuleProblems problems = fromValidation(configuration.validate());
    const auto warn = [&problems](int rule, const QString &field, const QString &message) {
        problems.append({Severity::Warning, rule, field, message});
    };

    for (qsizetype i = 0; i < configuration.rules.size(); ++i) {
        const s3::CorsRule &rule = configuration.rules.at(i);
        const int index = static_cast<int>(i);
        const qsizetype number = i + 1;

        // A CORS document has no credentials flag. S3 and R2 answer a rule whose origin
        // is "*" with "Access-Control-Allow-Origin: *" and no Allow-Credentials, and
        // browsers refuse to send cookies or HTTP authentication on such requests. A
        // rule that lets every site send Authorization or Cookie therefore either does
        // not work as meant (cookies) or lets any web page that holds a signature or
        // token use the bucket from its own origin: name the sites instead.
        if (rule.allowedOrigins.contains(u"*"_s)) {
            for (const QString &header : {u"Authorization"_s, u"Cookie"_s}) {
                if (!containsNoCase(rule.allowedHeaders, header))
                    continue;
                warn(index, u"allowedHeaders"_s,
                     tr("Rule %1 lets any origin (*) send the credential header %2. Browsers never send "
                        "cookies or HTTP authentication to a “*” origin, and any website could send "
                        "signed requests: list your own sites’ origins instead.")
                         .arg(number)
                         .arg(header));
            }
        }

        for (qsizetype j = 0; j < i; ++j) {
            if (covers(configuration.rules.at(j), rule)) {
                warn(index, QString(),
                     tr("Rule %1 can never match: rule %2 comes first and already allows all of its "
                        "origins, methods and headers. Remove it or move it up.")
                         .arg(number)
                         .arg(j + 1));
                break;
            }
        }

        // Browser multipart uploads read each part's ETag from the UploadPart response
        // to complete the upload; without it exposed, the page sees no ETag at all.
        if (rule.allowedMethods.contains(u"PUT"_s) && !containsNoCase(rule.exposeHeaders, u"ETag")) {
            warn(index, u"exposeHeaders"_s,
                 tr("Rule %1 allows PUT but does not expose ETag: browser multipart uploads cannot "
                    "complete without it. Add ETag to the exposed headers.")
                     .arg(number));
        }
    }
    return problems;
}

} // namespace coffer::bucket_config
