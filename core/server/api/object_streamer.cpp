#include "object_streamer.h"

#include "lcServer.h"

namespace coffer::server::api {

namespace {

constexpr qint64 kSlice = 256 * 1024;
// A large object goes in larger slices: a quarter of the reads, writes and trips through
// the event loop, for a bounded 1 MiB more in memory.
constexpr qint64 kLargeSlice = 1024 * 1024;
constexpr qint64 kLargeObject = 8 * 1024 * 1024;

} // namespace

ObjectStreamer::ObjectStreamer(http::Response *response, std::unique_ptr<ObjectReader> reader, QObject *parent)
    : QObject(parent)
    , m_response(response)
    , m_reader(std::move(reader))
{
}

ObjectStreamer::~ObjectStreamer() = default;

void ObjectStreamer::start()
{
    connect(m_response, &http::Response::readyForMore, this, &ObjectStreamer::pump);
    // Usually no explicit start(): the first write() sends the head, and with a small
    // object the body in the same buffer. But readyForMore() only comes for a started
    // response, so one that must wait for room (a pipelined request behind a large answer
    // still queued) starts now.
    if (!m_response->canWriteMore())
        m_response->start();
    pump();
}

void ObjectStreamer::pump()
{
    if (m_done || m_response.isNull() || !m_response->isWritable())
        return;
    while (!m_reader->atEnd() && m_response->canWriteMore()) {
        auto slice = m_reader->read(m_reader->length() >= kLargeObject ? kLargeSlice : kSlice);
        if (!slice.ok() || slice.value().isEmpty()) {
            // The bytes went missing under us: end short, so the client sees a broken message.
            qCWarning(lcServer) << "object read failed mid-response:" << slice.error().message();
            m_done = true;
            m_response->finish();
            m_reader.reset();
            return;
        }
        if (!m_response->write(slice.value()))
            return;
    }
    if (m_reader->atEnd()) {
        m_done = true;
        m_response->finish();
        m_reader.reset(); // unpin the blobs now rather than when the exchange goes
    }
}

} // namespace coffer::server::api
