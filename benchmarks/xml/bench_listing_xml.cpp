// Times one ListObjectsV2 page of 1,000 keys through the XML layer: writing it (the
// server's share) and parsing it (the client's share). Prints "RESULT" lines; asserts
// nothing. Used to find where a listing walk spends its time.
//
//   bench_listing_xml [PAGES]   (default 200)
#include "s3/xml/documents.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>

#include <cstdio>

using namespace Qt::StringLiterals;
namespace s3 = coffer::s3;

namespace {

s3::ListObjectsPage samplePage()
{
    s3::ListObjectsPage page;
    page.api = s3::ListObjectsApi::V2;
    page.name = u"bench"_s;
    page.prefix = u"many/"_s;
    page.maxKeys = 1000;
    page.isTruncated = true;
    page.continuationToken = u"bWFueS80NTY3OA"_s;
    page.nextContinuationToken = u"bWFueS80NjY3OA"_s;
    const qint64 base = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 1000; ++i) {
        s3::ObjectEntry e;
        e.key = u"many/"_s + QString::number(45678 + i);
        e.lastModified = QDateTime::fromMSecsSinceEpoch(base + i, QTimeZone::UTC);
        e.etag = u"\"d41d8cd98f00b204e9800998ecf8427e\""_s;
        e.size = 4096 + i;
        e.storageClass = u"STANDARD"_s;
        page.objects.append(e);
    }
    page.keyCount = 1000;
    return page;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int pages = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    const s3::ListObjectsPage page = samplePage();

    QElapsedTimer timer;
    timer.start();
    QByteArray body;
    for (int i = 0; i < pages; ++i)
        body = s3::xml::writeListBucketResult(page);
    const double writeMs = double(timer.nsecsElapsed()) / 1e6 / pages;

    timer.restart();
    qsizetype seen = 0;
    for (int i = 0; i < pages; ++i) {
        const auto parsed = s3::xml::parseListBucketResult(body);
        if (!parsed.ok()) {
            std::fprintf(stderr, "parse failed: %s\n", qPrintable(parsed.error().message));
            return 1;
        }
        seen += parsed->objects.size();
    }
    const double parseMs = double(timer.nsecsElapsed()) / 1e6 / pages;
    std::printf("RESULT write %.3f ms/page (%lld bytes)\n", writeMs, static_cast<long long>(body.size()));
    std::printf("RESULT parse %.3f ms/page (%lld entries)\n", parseMs, static_cast<long long>(seen / pages));
    return 0;
}
