// Feeds arbitrary bytes to the HTTP request parser in slices whose sizes also come from the
// input, driving it as a connection does (body after each head, next message after each
// completion). Checks the parser never crashes, never over-reads, and keeps its promises:
// it never uses more than it was given, stops for good after an error, and reports an
// error status in the 4xx/5xx range.

#include "server/http/requestparser.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace coffer::server::http;

namespace {

class CheckingSink : public RequestSink
{
public:
    bool inMessage = false;
    void onRequestHead(RequestHead head) override
    {
        if (inMessage || head.method.isEmpty())
            std::abort();
        inMessage = true;
        (void)head.path();
        (void)head.query();
    }
    void onRequestBody(QByteArrayView data) override
    {
        if (!inMessage)
            std::abort();
        bodyBytes += data.size();
    }
    void onRequestComplete() override
    {
        if (!inMessage)
            std::abort();
        inMessage = false;
    }
    qint64 bodyBytes = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte seeds the slice sizes; small limits make the limit paths reachable.
    uint32_t seed = data[0];
    const QByteArray wire(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    ParserLimits limits;
    limits.maxHeaderBytes = 512 + (seed % 4) * 256;
    limits.maxTargetBytes = 64 + (seed % 3) * 64;

    CheckingSink sink;
    RequestParser parser(sink, limits);
    qsizetype offset = 0;
    QByteArray pending;
    for (int rounds = 0; rounds < 100'000; ++rounds) {
        seed = seed * 1103515245u + 12345u;
        const qsizetype slice = 1 + qsizetype((seed >> 16) % 97);
        if (offset < wire.size()) {
            const qsizetype take = std::min(slice, wire.size() - offset);
            pending.append(wire.mid(offset, take));
            offset += take;
        }
        const auto before = parser.state();
        const qsizetype used = parser.feed(pending);
        if (used < 0 || used > pending.size())
            std::abort();
        pending.remove(0, used);
        switch (parser.state()) {
        case RequestParser::State::HeadParsed:
            parser.resumeBody();
            break;
        case RequestParser::State::Complete:
            parser.nextMessage();
            break;
        case RequestParser::State::Failed:
            if (parser.error().status < 400 || parser.error().status > 599)
                std::abort();
            if (parser.feed(pending) != 0 || parser.state() != RequestParser::State::Failed)
                std::abort();
            return 0;
        default:
            break;
        }
        if (used == 0 && before == parser.state() && offset >= wire.size())
            break;
    }
    return 0;
}
