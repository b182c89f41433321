// Small request bodies (XML documents) read whole, proven like any other body.

#include "body_reader.h"
#include "handlers.h"
#include "s3_call.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

void readSmallBody(Call &call, qint64 maxBytes, std::function<void(const QByteArray &body)> done)
{
    const auto declared = call.head().contentLength;
    if (declared && *declared > maxBytes)
        return call.fail(apiError("MaxMessageLengthExceeded",
                                  u"The request body is %1 bytes; this call accepts at most %2."_s
                                      .arg(*declared).arg(maxBytes)));
    auto *reader = new BodyReader(call.exchange(), call.auth().payload, &call);
    if (const auto error = reader->validateHeaders())
        return call.fail(*error);
    auto buffer = std::make_shared<QByteArray>();
    Call *c = &call;
    reader->start(
        [buffer, maxBytes](QByteArrayView data) -> std::optional<ApiError> {
            if (buffer->size() + data.size() > maxBytes)
                return apiError("MaxMessageLengthExceeded",
                                u"The request body is larger than the %1 bytes this call accepts."_s.arg(maxBytes));
            buffer->append(data);
            return std::nullopt;
        },
        [c, buffer, done = std::move(done)](const std::optional<ApiError> &error) {
            if (error)
                return c->fail(*error);
            done(*buffer);
        });
}

} // namespace coffer::server::api
