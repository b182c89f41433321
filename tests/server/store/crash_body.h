#pragma once
// The bytes the crash writer stores under a key, derived from the key alone, so the test
// can check any object it finds (acknowledged or not) byte for byte.

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace coffer::server::testing {

// Keys look like "w<round>/t<thread>/<n>/<size>".
inline qsizetype crashBodySize(const QByteArray &key)
{
    return key.mid(key.lastIndexOf('/') + 1).toLongLong();
}

inline QByteArray crashBody(const QByteArray &key)
{
    QByteArray body(crashBodySize(key), Qt::Uninitialized);
    // Seeded from the key's MD5: qHash is seeded per process, this must not be.
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Md5);
    const quint32 seed = quint32(quint8(digest[0])) << 24 | quint32(quint8(digest[1])) << 16
        | quint32(quint8(digest[2])) << 8 | quint32(quint8(digest[3]));
    QRandomGenerator generator{seed};
    for (char &c : body)
        c = char(generator.bounded(256));
    return body;
}

inline QByteArray crashBodyHash(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

} // namespace coffer::server::testing
