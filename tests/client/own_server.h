#pragma once
// Shared by the tests that drive S3Client against Coffer's own embedded server: one
// server per mode (R2 and S3) in-process on a loopback port, a client for each, and
// small helpers that wait for a reply (QSignalSpy::wait, test code only).

#include "test_support.h"

#include "server/api/s3_server.h"

#include "s3/checksum/checksum.h"

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace coffer::client::testing {

inline constexpr qint64 kMiB = 1024 * 1024;

QByteArray randomBytes(qsizetype size, quint32 seed);
// The ETag S3 gives a single-part object: the quoted hex MD5 of its bytes.
QString md5Etag(const QByteArray &data);

class OwnServerTest : public QObject
{
    Q_OBJECT
protected:
    // One running server and a client configured for it.
    struct Target {
        QTemporaryDir data;
        std::unique_ptr<coffer::server::api::S3Server> server;
        std::unique_ptr<S3Client> client;
    };

    template <typename T>
    Result<T> finish(S3Reply<T> *reply)
    {
        auto slot = capture(reply, this);
        QSignalSpy done(reply, &S3Call::finished);
        if (!slot->has_value())
            done.wait(30000);
        return slot->has_value() ? **slot : Result<T>(s3::S3Error::timeout(QStringLiteral("test waited 30 s")));
    }

    // Starts both servers (QVERIFY inside: check QTest::currentTestFailed()).
    void startServers();
    void stopServers();
    S3Client &client(bool r2) { return *(r2 ? m_r2 : m_s3).client; }
    // The "r2" column with a row per mode.
    static void modes();

    Result<PutObjectResult> upload(S3Client &c, const QString &bucket, const QString &key, const QByteArray &data,
                                   PutObjectParams params = {});
    // The body, or std::nullopt with the error in *error.
    std::optional<QByteArray> download(S3Client &c, const GetObjectParams &params, s3::S3Error *error = nullptr,
                                       ObjectHead *head = nullptr);
    // A plain HTTP request (presigned URLs); the status in *status.
    QByteArray fetch(const QByteArray &method, const QUrl &url, int *status, const QByteArray &body = {});
    bool makeBucket(S3Client &c, const QString &bucket);

    QNetworkAccessManager m_network;
    QNetworkAccessManager m_plain;
    int m_refused = 0; // 403s the clients saw

private:
    void start(Target &target, coffer::server::api::ServerMode mode);
    Target m_r2;
    Target m_s3;
};

} // namespace coffer::client::testing
