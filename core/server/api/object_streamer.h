#pragma once
// Writes an object's bytes to a response as fast as the client takes them: reads the next
// slice only while the response can take more, and waits for readyForMore() otherwise,
// so a slow client never makes the server hold more than a slice and the write window.

#include "server/store/object_reader.h"

#include "server/http/response.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace coffer::server::api {

class ObjectStreamer : public QObject
{
    Q_OBJECT
public:
    ObjectStreamer(http::Response *response, std::unique_ptr<ObjectReader> reader, QObject *parent);
    ~ObjectStreamer() override;

    void start();

private:
    void pump();

    QPointer<http::Response> m_response;
    std::unique_ptr<ObjectReader> m_reader;
    bool m_done = false;
};

} // namespace coffer::server::api
