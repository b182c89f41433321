#include "digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

namespace coffer::s3::sigv4 {

namespace {

const unsigned char *bytes(QByteArrayView data)
{
    // An empty view may carry a null pointer, which some OpenSSL entry points
    // (HMAC's key) reject even with a zero length: hand them a real byte instead.
    static const unsigned char nothing = 0;
    return data.isEmpty() ? &nothing : reinterpret_cast<const unsigned char *>(data.data());
}

[[noreturn]] void cryptoFailure()
{
    // SHA-256 and HMAC can only fail when OpenSSL itself is broken (allocation,
    // missing default provider); there is nothing sensible to continue with.
    std::abort();
}

} // namespace

struct Sha256::Context {
    EVP_MD_CTX *ctx = nullptr;
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    m_context->ctx = EVP_MD_CTX_new();
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1)
        cryptoFailure();
}

Sha256::~Sha256()
{
    if (m_context)
        EVP_MD_CTX_free(m_context->ctx);
}

Sha256::Sha256(Sha256 &&other) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&other) noexcept
{
    if (this != &other) {
        if (m_context)
            EVP_MD_CTX_free(m_context->ctx);
        m_context = std::move(other.m_context);
    }
    return *this;
}

void Sha256::add(QByteArrayView data)
{
    if (data.isEmpty())
        return;
    if (EVP_DigestUpdate(m_context->ctx, data.data(), size_t(data.size())) != 1)
        cryptoFailure();
}

QByteArray Sha256::finishHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context->ctx, digest, &length) != 1
        || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1)
        cryptoFailure();
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toHex();
}

QByteArray sha256(QByteArrayView data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes(data), size_t(data.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        cryptoFailure();
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length));
}

QByteArray sha256Hex(QByteArrayView data)
{
    return sha256(data).toHex();
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), bytes(key), int(key.size()), bytes(data), size_t(data.size()), mac, &length))
        cryptoFailure();
    return QByteArray(reinterpret_cast<const char *>(mac), qsizetype(length));
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace coffer::s3::sigv4
