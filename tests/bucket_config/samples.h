#pragma once
// Test support: the bucket configuration samples, written from the structure of the
// AWS documentation's examples and from what R2 accepts.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace coffer::bucket_config::test {

inline QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(COFFER_SOURCE_DIR "/tests/bucket_config/samples/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", qPrintable(name));
    return file.readAll();
}

} // namespace coffer::bucket_config::test
