// Checksums: check values, incremental hashing, CRC combination, S3 multipart helpers and
// the x-amz-checksum-* value parser. Expected values come from published vectors or are
// computed here independently (a bitwise reference CRC, QCryptographicHash), never from
// the code under test.

#include "s3/checksum/checksum.h"
#include "s3/checksum/multipart.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace coffer::s3;

namespace {

// Bitwise reflected CRC with init = xorout = all ones: slow, obviously right.
quint64 referenceCrc(ChecksumAlgorithm algorithm, QByteArrayView data)
{
    quint64 poly = 0;
    quint64 mask = 0xFFFFFFFFull;
    switch (algorithm) {
    case ChecksumAlgorithm::Crc32:
        poly = 0xEDB88320ull;
        break;
    case ChecksumAlgorithm::Crc32c:
        poly = 0x82F63B78ull;
        break;
    case ChecksumAlgorithm::Crc64Nvme:
        poly = 0x9A6C9329AC4BC9B5ull;
        mask = ~quint64(0);
        break;
    default:
        return 0;
    }
    quint64 reg = mask;
    for (char c : data) {
        reg ^= static_cast<quint8>(c);
        for (int bit = 0; bit < 8; ++bit)
            reg = (reg & 1) ? (reg >> 1) ^ poly : reg >> 1;
    }
    return reg ^ mask;
}

QByteArray referenceBytes(ChecksumAlgorithm algorithm, QByteArrayView data)
{
    switch (algorithm) {
    case ChecksumAlgorithm::Sha1:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha1);
    case ChecksumAlgorithm::Sha256:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    case ChecksumAlgorithm::Md5:
        return QCryptographicHash::hash(data, QCryptographicHash::Md5);
    default: {
        const quint64 crc = referenceCrc(algorithm, data);
        const int size = algorithm == ChecksumAlgorithm::Crc64Nvme ? 8 : 4;
        QByteArray raw;
        for (int i = size - 1; i >= 0; --i)
            raw.append(static_cast<char>((crc >> (8 * i)) & 0xFF));
        return raw;
    }
    }
}

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (char &c : data)
        c = static_cast<char>(random.bounded(256));
    return data;
}

} // namespace

class TestChecksum : public QObject
{
    Q_OBJECT

private slots:
    void checkValues_data();
    void checkValues();
    void names_data();
    void names();
    void unknownNames();
    void matchesReference_data();
    void matchesReference();
    void incrementalEqualsOneShot_data();
    void incrementalEqualsOneShot();
    void resultDoesNotDisturbState();
    void copyAndReset();
    void combine_data();
    void combine();
    void combineLargeLengths_data();
    void combineLargeLengths();
    void fullObjectCrc();
    void compositeChecksum_data();
    void compositeChecksum();
    void multipartEtag_data();
    void multipartEtag();
    void md5FromEtag_data();
    void md5FromEtag();
    void parseValue_data();
    void parseValue();
    void parseErrors_data();
    void parseErrors();
};

void TestChecksum::checkValues_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex");

    const QByteArray check = "123456789";
    const QByteArray abc = "abc";
    const QByteArray fox = "The quick brown fox jumps over the lazy dog";
    QTest::newRow("crc32 check") << ChecksumAlgorithm::Crc32 << check << QByteArray("cbf43926");
    QTest::newRow("crc32c check") << ChecksumAlgorithm::Crc32c << check << QByteArray("e3069283");
    QTest::newRow("crc64nvme check")
        << ChecksumAlgorithm::Crc64Nvme << check << QByteArray("ae8b14860a799888");
    QTest::newRow("crc32 fox") << ChecksumAlgorithm::Crc32 << fox << QByteArray("414fa339");
    QTest::newRow("crc32 empty") << ChecksumAlgorithm::Crc32 << QByteArray() << QByteArray("00000000");
    QTest::newRow("crc64nvme empty")
        << ChecksumAlgorithm::Crc64Nvme << QByteArray() << QByteArray("0000000000000000");
    // FIPS 180 / RFC 1321 vectors.
    QTest::newRow("md5 empty") << ChecksumAlgorithm::Md5 << QByteArray()
                               << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("md5 abc") << ChecksumAlgorithm::Md5 << abc << QByteArray("900150983cd24fb0d6963f7d28e17f72");
    QTest::newRow("md5 fox") << ChecksumAlgorithm::Md5 << fox << QByteArray("9e107d9d372bb6826bd81d3542a419d6");
    QTest::newRow("sha1 empty") << ChecksumAlgorithm::Sha1 << QByteArray()
                                << QByteArray("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    QTest::newRow("sha1 abc") << ChecksumAlgorithm::Sha1 << abc
                              << QByteArray("a9993e364706816aba3e25717850c26c9cd0d89d");
    QTest::newRow("sha1 fox") << ChecksumAlgorithm::Sha1 << fox
                              << QByteArray("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
    QTest::newRow("sha256 empty")
        << ChecksumAlgorithm::Sha256 << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("sha256 abc")
        << ChecksumAlgorithm::Sha256 << abc
        << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("sha256 fox")
        << ChecksumAlgorithm::Sha256 << fox
        << QByteArray("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
}

void TestChecksum::checkValues()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);

    Checksum checksum(algorithm);
    checksum.update(input);
    QCOMPARE(checksum.hex(), expectedHex);
    QCOMPARE(checksum.result(), QByteArray::fromHex(expectedHex));
    QCOMPARE(checksum.base64(), QByteArray::fromHex(expectedHex).toBase64());
    QCOMPARE(checksum.result().size(), checksumSize(algorithm));
    QCOMPARE(checksum.bytesHashed(), input.size());
    QCOMPARE(Checksum::hash(algorithm, input), QByteArray::fromHex(expectedHex));
    if (isCrc(algorithm)) {
        QCOMPARE(checksum.crcValue(), expectedHex.toULongLong(nullptr, 16));
        QCOMPARE(crcFromBytes(algorithm, checksum.result()), std::optional<quint64>(checksum.crcValue()));
    }
}

void TestChecksum::names_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("crc");

    QTest::newRow("crc32") << ChecksumAlgorithm::Crc32 << QByteArray("CRC32")
                           << QByteArray("x-amz-checksum-crc32") << true;
    QTest::newRow("crc32c") << ChecksumAlgorithm::Crc32c << QByteArray("CRC32C")
                            << QByteArray("x-amz-checksum-crc32c") << true;
    QTest::newRow("crc64nvme") << ChecksumAlgorithm::Crc64Nvme << QByteArray("CRC64NVME")
                               << QByteArray("x-amz-checksum-crc64nvme") << true;
    QTest::newRow("sha1") << ChecksumAlgorithm::Sha1 << QByteArray("SHA1")
                          << QByteArray("x-amz-checksum-sha1") << false;
    QTest::newRow("sha256") << ChecksumAlgorithm::Sha256 << QByteArray("SHA256")
                            << QByteArray("x-amz-checksum-sha256") << false;
    QTest::newRow("md5") << ChecksumAlgorithm::Md5 << QByteArray("MD5") << QByteArray("content-md5") << false;
}

void TestChecksum::names()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, header);
    QFETCH(bool, crc);

    QCOMPARE(checksumAlgorithmName(algorithm), name);
    QCOMPARE(checksumHeaderName(algorithm), header);
    QCOMPARE(checksumAlgorithmFromName(name), std::optional(algorithm));
    QCOMPARE(checksumAlgorithmFromName(name.toLower()), std::optional(algorithm));
    QCOMPARE(checksumAlgorithmFromHeader(header), std::optional(algorithm));
    QCOMPARE(checksumAlgorithmFromHeader(header.toUpper()), std::optional(algorithm));
    QCOMPARE(isCrc(algorithm), crc);
    QVERIFY(allChecksumAlgorithms().contains(algorithm));
}

void TestChecksum::unknownNames()
{
    QCOMPARE(checksumAlgorithmFromName("CRC64"), std::nullopt);
    QCOMPARE(checksumAlgorithmFromName(""), std::nullopt);
    QCOMPARE(checksumAlgorithmFromName("SHA-256"), std::nullopt);
    QCOMPARE(checksumAlgorithmFromHeader("x-amz-checksum-type"), std::nullopt);
    QCOMPARE(checksumAlgorithmFromHeader("x-amz-checksum-algorithm"), std::nullopt);
    QCOMPARE(checksumAlgorithmFromHeader("x-amz-checksum-"), std::nullopt);
}

void TestChecksum::matchesReference_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<int>("size");

    // Sizes around ISA-L's and OpenSSL's block boundaries.
    for (ChecksumAlgorithm algorithm : allChecksumAlgorithms()) {
        for (int size : {1, 7, 15, 16, 17, 63, 64, 65, 255, 256, 257, 4096, 100003}) {
            QTest::addRow("%s/%d", checksumAlgorithmName(algorithm).constData(), size) << algorithm << size;
        }
    }
}

void TestChecksum::matchesReference()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(int, size);

    QRandomGenerator random(quint32(size) * 7919u + quint32(algorithm));
    const QByteArray data = randomBytes(random, size);
    QCOMPARE(Checksum::hash(algorithm, data), referenceBytes(algorithm, data));
}

void TestChecksum::incrementalEqualsOneShot_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<quint32>("seed");

    for (ChecksumAlgorithm algorithm : allChecksumAlgorithms()) {
        for (quint32 seed : {1u, 2u, 3u, 4u, 5u})
            QTest::addRow("%s/seed %u", checksumAlgorithmName(algorithm).constData(), seed) << algorithm << seed;
    }
}

void TestChecksum::incrementalEqualsOneShot()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(quint32, seed);

    QRandomGenerator random(seed);
    const QByteArray data = randomBytes(random, random.bounded(1, 20000));
    const QByteArray oneShot = Checksum::hash(algorithm, data);

    Checksum incremental(algorithm);
    qsizetype offset = 0;
    while (offset < data.size()) {
        // Random split points, including empty updates.
        const qsizetype length = std::min<qsizetype>(random.bounded(0, 3000), data.size() - offset);
        incremental.update(QByteArrayView(data).sliced(offset, length));
        offset += length;
    }
    QCOMPARE(incremental.result(), oneShot);
    QCOMPARE(incremental.bytesHashed(), data.size());
}

void TestChecksum::resultDoesNotDisturbState()
{
    for (ChecksumAlgorithm algorithm : allChecksumAlgorithms()) {
        Checksum checksum(algorithm);
        checksum.update("12345");
        QCOMPARE(checksum.result(), Checksum::hash(algorithm, "12345"));
        checksum.update("6789");
        QCOMPARE(checksum.result(), Checksum::hash(algorithm, "123456789"));
    }
}

void TestChecksum::copyAndReset()
{
    for (ChecksumAlgorithm algorithm : allChecksumAlgorithms()) {
        Checksum original(algorithm);
        original.update("1234");
        Checksum copy = original; // copies the running state
        copy.update("56789");
        original.update("abcd");
        QCOMPARE(copy.result(), Checksum::hash(algorithm, "123456789"));
        QCOMPARE(original.result(), Checksum::hash(algorithm, "1234abcd"));

        Checksum assigned(ChecksumAlgorithm::Crc32);
        assigned = copy;
        QCOMPARE(assigned.algorithm(), algorithm);
        QCOMPARE(assigned.result(), copy.result());

        Checksum moved = std::move(assigned);
        QCOMPARE(moved.result(), copy.result());

        copy.reset();
        QCOMPARE(copy.bytesHashed(), 0);
        QCOMPARE(copy.result(), Checksum::hash(algorithm, {}));
        copy.update("abc");
        QCOMPARE(copy.result(), Checksum::hash(algorithm, "abc"));
    }
}

void TestChecksum::combine_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<int>("sizeA");
    QTest::addColumn<int>("sizeB");

    const QList<std::pair<int, int>> sizes{{0, 0},  {0, 10},   {10, 0},     {1, 1},
                                           {9, 7},  {100, 1},  {1, 100},    {4096, 5000},
                                           {3, 65537}, {70000, 123457}};
    for (ChecksumAlgorithm algorithm :
         {ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Crc64Nvme}) {
        for (const auto &[a, b] : sizes)
            QTest::addRow("%s/%d+%d", checksumAlgorithmName(algorithm).constData(), a, b) << algorithm << a << b;
    }
}

void TestChecksum::combine()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(int, sizeA);
    QFETCH(int, sizeB);

    QRandomGenerator random(quint32(sizeA) * 31u + quint32(sizeB));
    const QByteArray a = randomBytes(random, sizeA);
    const QByteArray b = randomBytes(random, sizeB);
    const quint64 crcA = referenceCrc(algorithm, a);
    const quint64 crcB = referenceCrc(algorithm, b);
    const quint64 whole = referenceCrc(algorithm, QByteArray(a + b));

    QCOMPARE(crcCombine(algorithm, crcA, crcB, b.size()), whole);
    switch (algorithm) {
    case ChecksumAlgorithm::Crc32:
        QCOMPARE(crc32Combine(quint32(crcA), quint32(crcB), b.size()), quint32(whole));
        break;
    case ChecksumAlgorithm::Crc32c:
        QCOMPARE(crc32cCombine(quint32(crcA), quint32(crcB), b.size()), quint32(whole));
        break;
    default:
        QCOMPARE(crc64NvmeCombine(crcA, crcB, b.size()), whole);
        break;
    }
}

void TestChecksum::combineLargeLengths_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<qint64>("lengthB");
    QTest::addColumn<qint64>("lengthC");

    // Multipart objects reach terabytes; these lengths are far beyond what the test can
    // hash, so the check is algebraic: (A‖B)‖C == A‖(B‖C) for any CRCs of B and C.
    for (ChecksumAlgorithm algorithm :
         {ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Crc64Nvme}) {
        const QByteArray nameBytes = checksumAlgorithmName(algorithm);
        const char *name = nameBytes.constData();
        QTest::addRow("%s/5 GiB + 5 MiB", name) << algorithm << (qint64(5) << 30) << (qint64(5) << 20);
        QTest::addRow("%s/5 TiB + 1", name) << algorithm << (qint64(5) << 40) << qint64(1);
        QTest::addRow("%s/odd lengths", name) << algorithm << qint64(4294967311) << qint64(2147483659);
    }
}

void TestChecksum::combineLargeLengths()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(qint64, lengthB);
    QFETCH(qint64, lengthC);

    QRandomGenerator random(quint32(lengthB ^ lengthC));
    const quint64 mask = algorithm == ChecksumAlgorithm::Crc64Nvme ? ~quint64(0) : 0xFFFFFFFFull;
    const quint64 a = random.generate64() & mask;
    const quint64 b = random.generate64() & mask;
    const quint64 c = random.generate64() & mask;

    const quint64 left = crcCombine(algorithm, crcCombine(algorithm, a, b, lengthB), c, lengthC);
    const quint64 right = crcCombine(algorithm, a, crcCombine(algorithm, b, c, lengthC), lengthB + lengthC);
    QCOMPARE(left, right);
    QVERIFY(left <= mask);
    // Appending nothing changes nothing.
    QCOMPARE(crcCombine(algorithm, a, 0, 0), a);
}

void TestChecksum::fullObjectCrc()
{
    QRandomGenerator random(42);
    for (ChecksumAlgorithm algorithm :
         {ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Crc64Nvme}) {
        QByteArray whole;
        QList<PartCrc> parts;
        for (int i = 0; i < 5; ++i) {
            const QByteArray part = randomBytes(random, random.bounded(1, 5000));
            whole += part;
            parts.append({referenceCrc(algorithm, part), part.size()});
        }
        QCOMPARE(coffer::s3::fullObjectCrc(algorithm, parts), std::optional(referenceBytes(algorithm, whole)));
    }
    QCOMPARE(coffer::s3::fullObjectCrc(ChecksumAlgorithm::Sha256, {}), std::nullopt);
}

void TestChecksum::compositeChecksum_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<int>("partCount");

    for (ChecksumAlgorithm algorithm : {ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c,
                                        ChecksumAlgorithm::Sha1, ChecksumAlgorithm::Sha256}) {
        for (int parts : {1, 2, 3, 17})
            QTest::addRow("%s/%d", checksumAlgorithmName(algorithm).constData(), parts) << algorithm << parts;
    }
}

void TestChecksum::compositeChecksum()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(int, partCount);

    QRandomGenerator random{quint32(partCount)};
    QList<QByteArray> rawParts;
    QByteArray concatenated;
    for (int i = 0; i < partCount; ++i) {
        const QByteArray raw = referenceBytes(algorithm, randomBytes(random, 1000 + i));
        rawParts.append(raw);
        concatenated += raw;
    }
    const QByteArray expected =
        referenceBytes(algorithm, concatenated).toBase64() + "-" + QByteArray::number(partCount);
    QCOMPARE(coffer::s3::compositeChecksum(algorithm, rawParts), expected);

    // What it produces, the parser reads back.
    const auto parsed = parseChecksumValue(algorithm, expected);
    QVERIFY(parsed);
    QCOMPARE(parsed->partCount, partCount);
    QCOMPARE(parsed->raw, referenceBytes(algorithm, concatenated));
}

void TestChecksum::multipartEtag_data()
{
    QTest::addColumn<int>("partCount");
    QTest::newRow("1 part") << 1;
    QTest::newRow("2 parts") << 2;
    QTest::newRow("10 parts") << 10;
}

void TestChecksum::multipartEtag()
{
    QFETCH(int, partCount);

    QRandomGenerator random(quint32(partCount) + 100);
    QList<QByteArray> md5s;
    QByteArray concatenated;
    for (int i = 0; i < partCount; ++i) {
        const QByteArray md5 = QCryptographicHash::hash(randomBytes(random, 777), QCryptographicHash::Md5);
        md5s.append(md5);
        concatenated += md5;
    }
    const QByteArray expected = "\"" + QCryptographicHash::hash(concatenated, QCryptographicHash::Md5).toHex()
        + "-" + QByteArray::number(partCount) + "\"";
    QCOMPARE(coffer::s3::multipartEtag(md5s), expected);
}

void TestChecksum::md5FromEtag_data()
{
    QTest::addColumn<QByteArray>("etag");
    QTest::addColumn<QByteArray>("expectedHex"); // empty: not a single-part MD5 ETag

    QTest::newRow("quoted") << QByteArray("\"d41d8cd98f00b204e9800998ecf8427e\"")
                            << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("bare upper") << QByteArray("D41D8CD98F00B204E9800998ECF8427E")
                                << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("multipart") << QByteArray("\"d41d8cd98f00b204e9800998ecf8427e-2\"") << QByteArray();
    QTest::newRow("short") << QByteArray("\"abc\"") << QByteArray();
    QTest::newRow("not hex") << QByteArray("\"z41d8cd98f00b204e9800998ecf8427e\"") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestChecksum::md5FromEtag()
{
    QFETCH(QByteArray, etag);
    QFETCH(QByteArray, expectedHex);

    const auto md5 = coffer::s3::md5FromEtag(etag);
    if (expectedHex.isEmpty()) {
        QCOMPARE(md5, std::nullopt);
    } else {
        QVERIFY(md5);
        QCOMPARE(*md5, QByteArray::fromHex(expectedHex));
    }
}

void TestChecksum::parseValue_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expectedHex");
    QTest::addColumn<int>("partCount");

    QTest::newRow("crc32") << ChecksumAlgorithm::Crc32 << QByteArray::fromHex("cbf43926").toBase64()
                           << QByteArray("cbf43926") << 0;
    QTest::newRow("crc64nvme") << ChecksumAlgorithm::Crc64Nvme
                               << QByteArray::fromHex("ae8b14860a799888").toBase64()
                               << QByteArray("ae8b14860a799888") << 0;
    QTest::newRow("crc32c composite")
        << ChecksumAlgorithm::Crc32c << QByteArray::fromHex("e3069283").toBase64() + "-3"
        << QByteArray("e3069283") << 3;
    QTest::newRow("sha256 10000 parts")
        << ChecksumAlgorithm::Sha256 << QByteArray(32, '\x5a').toBase64() + "-10000"
        << QByteArray(32, '\x5a').toHex() << 10000;
    QTest::newRow("md5") << ChecksumAlgorithm::Md5
                         << QByteArray::fromHex("d41d8cd98f00b204e9800998ecf8427e").toBase64()
                         << QByteArray("d41d8cd98f00b204e9800998ecf8427e") << 0;
}

void TestChecksum::parseValue()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expectedHex);
    QFETCH(int, partCount);

    ChecksumValueError error;
    const auto parsed = parseChecksumValue(algorithm, value, &error);
    QVERIFY2(parsed, qPrintable(error.message));
    QCOMPARE(parsed->raw.toHex(), expectedHex);
    QCOMPARE(parsed->partCount, partCount);
    QCOMPARE(parsed->isComposite(), partCount > 0);
}

void TestChecksum::parseErrors_data()
{
    QTest::addColumn<ChecksumAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<ChecksumValueError::Code>("code");

    using Code = ChecksumValueError::Code;
    const QByteArray crc32 = QByteArray::fromHex("cbf43926").toBase64(); // "y/Q5Jg=="
    QTest::newRow("empty") << ChecksumAlgorithm::Crc32 << QByteArray() << Code::Empty;
    QTest::newRow("unpadded") << ChecksumAlgorithm::Crc32 << crc32.left(6) << Code::NotBase64;
    QTest::newRow("url alphabet") << ChecksumAlgorithm::Crc32 << QByteArray("y_Q5Jg==") << Code::NotBase64;
    QTest::newRow("space") << ChecksumAlgorithm::Crc32 << QByteArray("y/Q5 g==") << Code::NotBase64;
    QTest::newRow("padding inside") << ChecksumAlgorithm::Crc32 << QByteArray("y/=5Jg==") << Code::NotBase64;
    QTest::newRow("non-canonical bits") << ChecksumAlgorithm::Crc32 << QByteArray("y/Q5Jh==") << Code::NotBase64;
    QTest::newRow("hex not base64") << ChecksumAlgorithm::Crc32 << QByteArray("cbf43926") << Code::WrongLength;
    QTest::newRow("crc64 given crc32") << ChecksumAlgorithm::Crc64Nvme << crc32 << Code::WrongLength;
    QTest::newRow("sha256 given crc32") << ChecksumAlgorithm::Sha256 << crc32 << Code::WrongLength;
    QTest::newRow("dash only") << ChecksumAlgorithm::Crc32 << crc32 + "-" << Code::BadPartCount;
    QTest::newRow("zero parts") << ChecksumAlgorithm::Crc32 << crc32 + "-0" << Code::BadPartCount;
    QTest::newRow("leading zero") << ChecksumAlgorithm::Crc32 << crc32 + "-03" << Code::BadPartCount;
    QTest::newRow("10001 parts") << ChecksumAlgorithm::Crc32 << crc32 + "-10001" << Code::BadPartCount;
    QTest::newRow("negative") << ChecksumAlgorithm::Crc32 << crc32 + "--2" << Code::BadPartCount;
    QTest::newRow("letters") << ChecksumAlgorithm::Crc32 << crc32 + "-x" << Code::BadPartCount;
    QTest::newRow("two dashes") << ChecksumAlgorithm::Crc32 << crc32 + "-2-3" << Code::BadPartCount;
    QTest::newRow("huge count") << ChecksumAlgorithm::Crc32 << crc32 + "-99999999999999999999"
                                << Code::BadPartCount;
}

void TestChecksum::parseErrors()
{
    QFETCH(ChecksumAlgorithm, algorithm);
    QFETCH(QByteArray, value);
    QFETCH(ChecksumValueError::Code, code);

    ChecksumValueError error;
    QCOMPARE(parseChecksumValue(algorithm, value, &error).has_value(), false);
    QCOMPARE(error.code, code);
    QVERIFY(!error.message.isEmpty());
    // The sentence names the algorithm, so the user knows which header is wrong.
    QVERIFY2(error.message.contains(QString::fromLatin1(checksumAlgorithmName(algorithm))),
             qPrintable(error.message));
    // Without an error pointer it still fails cleanly.
    QCOMPARE(parseChecksumValue(algorithm, value).has_value(), false);
}

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
