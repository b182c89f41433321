#pragma once
// Test support: the sample documents (from Amazon's S3 API reference) and a round-trip
// check shared by the document tests.

#include "s3/xml/parseresult.h"

#include <QDateTime>
#include <QFile>
#include <QTest>
#include <QTimeZone>

namespace coffer::s3::xml::test {

inline QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(COFFER_SOURCE_DIR "/tests/s3/xml/samples/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", qPrintable(name));
    return file.readAll();
}

inline QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::UTC);
}

template <typename T>
QString describe(const ParseResult<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

// Serializes value, parses the result again and expects the very same value back.
template <typename T, typename Write, typename Parse>
void verifyRoundTrip(const T &value, Write write, Parse parse)
{
    const QByteArray written = write(value);
    const auto again = parse(written);
    QVERIFY2(again.ok(), qPrintable(describe(again) + QLatin1Char('\n') + QString::fromUtf8(written)));
    QVERIFY2(again.value() == value, written.constData());
}

} // namespace coffer::s3::xml::test
