#pragma once
// The S3 error codes a server answers with: HTTP status and the default message, as
// in Amazon's S3 API reference. The embedded server builds its <Error> bodies from it.

#include <QAnyStringView>
#include <QLatin1StringView>
#include <QList>

namespace coffer::s3 {

struct S3ErrorCodeInfo {
    QLatin1StringView code;
    int httpStatus;
    QLatin1StringView defaultMessage;
};

// Every code the table knows, for tests and documentation.
QList<S3ErrorCodeInfo> s3ErrorCodes();
// The HTTP status for a code; 500 for a code the table does not know.
int s3ErrorStatus(QAnyStringView code);
// The default message for a code; "We encountered an internal error. Please try
// again." for a code the table does not know.
QLatin1StringView s3ErrorDefaultMessage(QAnyStringView code);
bool isKnownS3ErrorCode(QAnyStringView code);

} // namespace coffer::s3
