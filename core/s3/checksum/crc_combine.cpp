// CRC combination over GF(2), without the data.
//
// For a CRC of width w with generator P, initial value I and final xor X, write
// L(M) = M(x)·x^w mod P for the purely linear part. Then
//     crc(M)   = I·x^|M| ⊕ L(M) ⊕ X            (|M| in bits)
//     crc(A‖B) = I·x^(|A|+|B|) ⊕ L(A)·x^|B| ⊕ L(B) ⊕ X
//              = crc(A)·x^|B| ⊕ crc(B) ⊕ (I ⊕ X)·x^|B|     (all mod P)
// CRC32, CRC32C and CRC64NVME all have I = X = all ones, so the last term vanishes and
//     crc(A‖B) = crc(A)·x^(8·lenB) mod P  ⊕  crc(B).
// x^(8·lenB) mod P is found by square-and-multiply in O(log lenB) multiplications.
//
// All three CRCs are reflected: the coefficient of x^0 is the register's top bit and that
// of x^(w-1) its bit 0, so multiplying by x is a right shift (folding P back in when a bit
// falls off the bottom), and the polynomial "1" is the top bit alone.

#include "checksum.h"

namespace coffer::s3 {

namespace {

struct ReflectedCrc {
    int width;            // 32 or 64
    quint64 reflectedPoly; // the generator without x^w, bit-reversed
};

constexpr ReflectedCrc kCrc32{32, 0xEDB88320u};
constexpr ReflectedCrc kCrc32c{32, 0x82F63B78u};
constexpr ReflectedCrc kCrc64Nvme{64, 0x9A6C9329AC4BC9B5ull};

constexpr quint64 one(const ReflectedCrc &crc) // the polynomial 1 (x^0)
{
    return quint64(1) << (crc.width - 1);
}

// a·b mod P: walk a's coefficients from x^0 upward while b is multiplied by x each step.
quint64 multiplyModP(const ReflectedCrc &crc, quint64 a, quint64 b)
{
    quint64 product = 0;
    for (quint64 bit = one(crc); bit != 0; bit >>= 1) {
        if (a & bit)
            product ^= b;
        b = (b & 1) ? (b >> 1) ^ crc.reflectedPoly : b >> 1;
    }
    return product;
}

// x^(8·bytes) mod P.
quint64 shiftByBytes(const ReflectedCrc &crc, quint64 bytes)
{
    quint64 result = one(crc);
    quint64 power = one(crc) >> 8; // x^8
    while (bytes != 0) {
        if (bytes & 1)
            result = multiplyModP(crc, result, power);
        power = multiplyModP(crc, power, power);
        bytes >>= 1;
    }
    return result;
}

quint64 combine(const ReflectedCrc &crc, quint64 crcA, quint64 crcB, qint64 lengthB)
{
    if (lengthB <= 0)
        return crcA; // crc(A‖"") == crc(A); crcB is then the CRC of nothing (0)
    return multiplyModP(crc, crcA, shiftByBytes(crc, static_cast<quint64>(lengthB))) ^ crcB;
}

} // namespace

quint32 crc32Combine(quint32 crcA, quint32 crcB, qint64 lengthB)
{
    return static_cast<quint32>(combine(kCrc32, crcA, crcB, lengthB));
}

quint32 crc32cCombine(quint32 crcA, quint32 crcB, qint64 lengthB)
{
    return static_cast<quint32>(combine(kCrc32c, crcA, crcB, lengthB));
}

quint64 crc64NvmeCombine(quint64 crcA, quint64 crcB, qint64 lengthB)
{
    return combine(kCrc64Nvme, crcA, crcB, lengthB);
}

quint64 crcCombine(ChecksumAlgorithm algorithm, quint64 crcA, quint64 crcB, qint64 lengthB)
{
    switch (algorithm) {
    case ChecksumAlgorithm::Crc32:
        return crc32Combine(static_cast<quint32>(crcA), static_cast<quint32>(crcB), lengthB);
    case ChecksumAlgorithm::Crc32c:
        return crc32cCombine(static_cast<quint32>(crcA), static_cast<quint32>(crcB), lengthB);
    case ChecksumAlgorithm::Crc64Nvme:
        return crc64NvmeCombine(crcA, crcB, lengthB);
    default:
        return crcA;
    }
}

} // namespace coffer::s3
