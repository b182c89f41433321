#pragma once
// SHA-256 and HMAC-SHA256 over OpenSSL 3, plus the constant-time comparison a
// verifier must use so that a signature check leaks nothing through its timing.

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace coffer::s3::sigv4 {

QByteArray sha256(QByteArrayView data);     // 32 raw bytes
QByteArray sha256Hex(QByteArrayView data);  // 64 lowercase hex characters
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data); // 32 raw bytes

// True when both hold the same bytes; the time taken depends only on the lengths.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Incremental SHA-256, for chunk data that arrives in slices.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&other) noexcept;
    Sha256 &operator=(Sha256 &&other) noexcept;
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(QByteArrayView data);
    // Returns the hex digest and starts over, ready for the next message.
    QByteArray finishHex();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace coffer::s3::sigv4
