#pragma once
// The worked aws-chunked example of Amazon's S3 documentation (shared/test-vectors/
// aws-sigv4-streaming.md): 66,560 bytes of 'a' PUT as a 65,536-byte chunk, a 1,024-byte
// chunk and the final empty chunk, signed at 20130524T000000Z in us-east-1.

#include "s3/sigv4/chunk_signer.h"
#include "s3/sigv4/signer.h"

#include <QTimeZone>

namespace streaming_example {

using namespace coffer::s3::sigv4;

inline const QDateTime kTime(QDate(2013, 5, 24), QTime(0, 0, 0), QTimeZone::UTC);
inline const Credentials kCredentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", {}};
inline const Scope kScope{QDate(2013, 5, 24), "us-east-1", "s3"};

// The expected signatures, as published.
inline constexpr char kSeedSignature[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
inline constexpr char kChunk1Signature[] = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
inline constexpr char kChunk2Signature[] = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
inline constexpr char kFinalSignature[] = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

inline constexpr qint64 kDecodedLength = 66560;
inline constexpr qint64 kContentLength = 66824;
inline constexpr qint64 kChunkSize = 65536;

inline QByteArray body()
{
    return QByteArray(kDecodedLength, 'a');
}

inline ChunkSigningContext signingContext()
{
    return ChunkSigningContext{signingKey(kCredentials.secretAccessKey, kScope), kTime, kScope, kSeedSignature};
}

// The framed body, written out by hand from the documented layout.
inline QByteArray framedBody()
{
    return "10000;chunk-signature=" + QByteArray(kChunk1Signature) + "\r\n" + QByteArray(65536, 'a') + "\r\n"
        + "400;chunk-signature=" + QByteArray(kChunk2Signature) + "\r\n" + QByteArray(1024, 'a') + "\r\n"
        + "0;chunk-signature=" + QByteArray(kFinalSignature) + "\r\n\r\n";
}

} // namespace streaming_example
