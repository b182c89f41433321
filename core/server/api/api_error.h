#pragma once
// An S3 error as the API layer decides it: the code (which fixes the HTTP status through
// coffer::s3's table) and a sentence saying what is wrong and what to do. Every refusal,
// from the router to the handlers, ends as one of these and then as an <Error> document.

#include <QByteArray>
#include <QString>

namespace coffer::server::api {

struct ApiError {
    QByteArray code;   // S3 error code, e.g. "NoSuchKey"
    QString message;   // for <Message>; empty: the table's default message
    int status = 0;    // 0: the table's status for code

    int httpStatus() const;
    QString messageOrDefault() const;
    bool operator==(const ApiError &) const = default;
};

ApiError apiError(QByteArrayView code, const QString &message = {}, int status = 0);

} // namespace coffer::server::api
