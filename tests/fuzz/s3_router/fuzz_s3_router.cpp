// libFuzzer target for the request router: any method, target, Host and copy-source
// must give an endpoint or a typed error, never a crash; a routed key is at most
// 1,024 bytes of valid UTF-8.
//
// Input layout: four fields separated by '\n': method, target, host, x-amz-copy-source.
// A fifth field, when present, is the virtual-host base.

#include "server/api/router.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <cstdlib>

using namespace coffer::server::api;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QByteArray> fields = input.split('\n');
    while (fields.size() < 5)
        fields.append(QByteArray());

    const RouteResult result = route({fields[0], fields[1], fields[2], fields[3]}, {fields[4]});
    if (result.ok()) {
        const auto key = endpointKey(*result.endpoint);
        if (key && (key->size() > 1024 || !QByteArrayView(*key).isValidUtf8()))
            std::abort();
        (void)describeEndpoint(*result.endpoint);
    } else if (result.error.code.isEmpty() || result.error.message.isEmpty()) {
        std::abort(); // every refusal names its S3 code and says why
    }
    return 0;
}
