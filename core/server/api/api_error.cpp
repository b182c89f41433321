#include "api_error.h"

#include "s3/error/errorcodes.h"

namespace coffer::server::api {

int ApiError::httpStatus() const
{
    return status != 0 ? status : coffer::s3::s3ErrorStatus(QLatin1StringView(code));
}

QString ApiError::messageOrDefault() const
{
    if (!message.isEmpty())
        return message;
    return coffer::s3::s3ErrorDefaultMessage(QLatin1StringView(code));
}

ApiError apiError(QByteArrayView code, const QString &message, int status)
{
    return ApiError{code.toByteArray(), message, status};
}

} // namespace coffer::server::api
