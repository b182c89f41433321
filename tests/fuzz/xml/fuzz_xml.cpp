// Feeds bytes to every S3 XML parser: the first byte picks the parser (modulo the
// number of documents), the rest is the body. A parse may fail, but only with a
// message; a parse that succeeds must write back to a document that parses to the
// very same value, or the writer and reader disagree.

#include "s3/xml/documents.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace coffer::s3;
using namespace coffer::s3::xml;

namespace {

template <typename T>
void roundTrip(ParseResult<T> (*parse)(QByteArrayView), QByteArray (*write)(const T &), QByteArrayView body)
{
    const ParseResult<T> first = parse(body);
    if (!first.ok()) {
        if (first.error().message.isEmpty()) {
            std::fprintf(stderr, "parse failed without a message\n");
            std::abort();
        }
        return;
    }
    const QByteArray written = write(first.value());
    const ParseResult<T> second = parse(written);
    if (!second.ok()) {
        std::fprintf(stderr, "written document does not parse: %s\n%s\n",
                     second.error().message.toUtf8().constData(), written.constData());
        std::abort();
    }
    if (!(second.value() == first.value())) {
        std::fprintf(stderr, "round trip changed the value:\n%s\n", written.constData());
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView body(data + 1, static_cast<qsizetype>(size - 1));
    // The corpus files start with '9' + index, so they are readable text.
    switch (data[0] % 19) {
    case 0: roundTrip(parseListAllMyBucketsResult, writeListAllMyBucketsResult, body); break;
    case 1: roundTrip(parseListBucketResult, writeListBucketResult, body); break;
    case 2: roundTrip(parseListVersionsResult, writeListVersionsResult, body); break;
    case 3: roundTrip(parseInitiateMultipartUploadResult, writeInitiateMultipartUploadResult, body); break;
    case 4: roundTrip(parseCompleteMultipartUpload, writeCompleteMultipartUpload, body); break;
    case 5: roundTrip(parseCompleteMultipartUploadResult, writeCompleteMultipartUploadResult, body); break;
    case 6: roundTrip(parseListPartsResult, writeListPartsResult, body); break;
    case 7: roundTrip(parseListMultipartUploadsResult, writeListMultipartUploadsResult, body); break;
    case 8: roundTrip(parseDelete, writeDelete, body); break;
    case 9: roundTrip(parseDeleteResult, writeDeleteResult, body); break;
    case 10: roundTrip(parseCopyObjectResult, writeCopyObjectResult, body); break;
    case 11: roundTrip(parseCopyPartResult, writeCopyPartResult, body); break;
    case 12: roundTrip(parseCorsConfiguration, writeCorsConfiguration, body); break;
    case 13: roundTrip(parseLifecycleConfiguration, writeLifecycleConfiguration, body); break;
    case 14: roundTrip(parsePublicAccessBlockConfiguration, writePublicAccessBlockConfiguration, body); break;
    case 15: roundTrip(parseVersioningConfiguration, writeVersioningConfiguration, body); break;
    case 16: roundTrip(parseLocationConstraint, writeLocationConstraint, body); break;
    case 17: roundTrip(parseCreateBucketConfiguration, writeCreateBucketConfiguration, body); break;
    default: roundTrip(parseError, writeError, body); break;
    }
    return 0;
}
