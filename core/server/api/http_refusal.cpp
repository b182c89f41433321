#include "http_refusal.h"

#include "s3/model/errordocument.h"
#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

// The closest S3 code for each status the HTTP layer answers by itself.
QString codeFor(int status)
{
    switch (status) {
    case 408: return u"RequestTimeout"_s;
    case 411: return u"MissingContentLength"_s;
    case 413: return u"EntityTooLarge"_s;
    case 414: return u"InvalidURI"_s;
    case 431: return u"RequestHeaderSectionTooLarge"_s;
    case 501: return u"NotImplemented"_s;
    case 505: return u"HttpVersionNotSupported"_s;
    default: return u"InvalidRequest"_s;
    }
}

} // namespace

http::RefusalDocument s3Refusal(int status, const QByteArray &reason, const QByteArray &requestId)
{
    coffer::s3::ErrorDocument document;
    document.code = codeFor(status);
    document.message = u"The server could not read this HTTP request (%1). The client sent a malformed "
                       "or oversized request; retry it, and report the client's version if it happens again."_s
                           .arg(QString::fromLatin1(reason));
    document.requestId = QString::fromLatin1(requestId);
    return {coffer::s3::xml::writeError(document), "application/xml"};
}

} // namespace coffer::server::api
