#pragma once
// Internal to coffer_client: the shared steps of every S3Client call. Validate names,
// address the request, run it as an Exchange attached to an S3Reply, and turn the
// response into the call's typed result.

#include "exchange.h"
#include "s3_call.h"
#include "s3_client.h"

#include "s3/xml/documents.h"

#include <QMetaObject>
#include <QTimer>

#include <optional>

namespace coffer::client {

class CallRunner
{
public:
    explicit CallRunner(S3Client *client) : m_client(client) {}

    std::optional<s3::S3Error> checkBucket(const QString &bucket) const;
    // A key that will travel in the request path (see s3_client.cpp for why "." and ".."
    // segments are refused there).
    std::optional<s3::S3Error> checkKey(const QString &bucket, const QString &key) const;
    // A key that travels in a body or header (DeleteObjects, a copy source): only the
    // general rules apply.
    std::optional<s3::S3Error> checkKeyName(const QString &bucket, const QString &key) const;
    // Both, for calls on an object.
    std::optional<s3::S3Error> checkObject(const QString &bucket, const QString &key) const
    {
        if (auto e = checkBucket(bucket))
            return e;
        return checkKey(bucket, key);
    }
    std::optional<s3::S3Error> checkSource(const QString &bucket, const QString &key) const
    {
        if (auto e = checkBucket(bucket))
            return e;
        return checkKeyName(bucket, key);
    }

    // Addressed (host + encoded path) but unsigned.
    WireRequest request(const QByteArray &method, const QString &bucket, const QString &key = {}) const;
    // Ready to start; reports its activity through the client.
    Exchange *exchange(WireRequest request) const;

    template <typename T>
    S3Reply<T> *reply() const
    {
        return new S3Reply<T>(m_client);
    }

    // A reply that fails on the next event-loop turn, after the caller has connected.
    template <typename T>
    S3Reply<T> *rejected(s3::S3Error error) const
    {
        auto *r = reply<T>();
        QTimer::singleShot(0, r, [r, error] { r->fail(error); });
        return r;
    }

    // Runs one request; parse(const HttpResponse &) -> Result<T> on a 2xx answer.
    template <typename T, typename Parse>
    S3Reply<T> *run(WireRequest wire, Parse parse, QIODevice *sink = nullptr) const
    {
        auto *r = reply<T>();
        start(r, std::move(wire), std::move(parse), sink);
        return r;
    }

    template <typename T, typename Parse>
    void start(S3Reply<T> *r, WireRequest wire, Parse parse, QIODevice *sink = nullptr) const
    {
        Exchange *ex = exchange(std::move(wire));
        ex->setDownloadSink(sink);
        if (!r->attach(ex))
            return;
        QObject::connect(ex, &Exchange::finished, r, [r, ex, parse = std::move(parse)] {
            if (ex->error().isError()) {
                r->fail(ex->error());
                return;
            }
            Result<T> result = parse(ex->response());
            if (result.ok())
                r->succeed(result.value());
            else
                r->fail(result.error());
        });
        QMetaObject::invokeMethod(ex, &Exchange::start, Qt::QueuedConnection);
    }

    const ClientConfig &config() const { return m_client->m_config; }

private:
    S3Client *m_client;
};

// A parsed document, or the typed XML error (with the call's bucket/key).
template <typename T>
Result<T> fromXml(const s3::xml::ParseResult<T> &parsed, const HttpResponse &response)
{
    if (parsed.ok())
        return parsed.value();
    // CompleteMultipartUpload and CopyObject may answer 200 with an <Error> document.
    if (s3::xml::isErrorDocument(response.body)) {
        s3::S3Error error = s3::S3Error::fromResponse(response.status, response.body, false);
        if (!error.isError())
            error.kind = s3::S3Error::Kind::Http;
        return error;
    }
    return s3::S3Error::xml(parsed.error());
}

// For calls whose answer carries nothing but success.
inline Result<Done> acceptAny(const HttpResponse &) { return Done{}; }

} // namespace coffer::client
