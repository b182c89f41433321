// ls: buckets, or objects and common prefixes under a prefix, in aws-cli's layout.

#include "byte_size.h"
#include "commands.h"
#include "object_listing.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

QString timestamp(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString(19, u' ');
}

class LsCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        if (invocation().paths.isEmpty())
            listBuckets({});
        else
            listObjects(invocation().paths.first());
    }

private:
    void listBuckets(const QString &continuation)
    {
        Location service;
        service.kind = Location::Kind::Remote;
        client(service)
            ->listBuckets({ .continuationToken = continuation })
            ->onFinished(this, [this](const client::Result<s3::ListBucketsPage> &page) {
                if (!page)
                    return fail(page.error());
                for (const s3::BucketInfo &bucket : page->buckets) {
                    console().line(timestamp(bucket.creationDate) + u' ' + bucket.name);
                    console().event(QJsonObject { { u"event"_s, u"bucket"_s }, { u"name"_s, bucket.name },
                        { u"created"_s, bucket.creationDate.toString(Qt::ISODateWithMs) } });
                }
                if (!page->continuationToken.isEmpty())
                    return listBuckets(page->continuationToken);
                finish();
            });
    }

    void listObjects(const Location &where)
    {
        m_where = where;
        client::ListObjectsV2Params params { .bucket = where.bucket, .prefix = where.key };
        if (!invocation().recursive)
            params.delimiter = u"/"_s;
        // aws-cli shows names relative to the prefix's last "/".
        m_shownFrom = invocation().recursive ? 0 : where.key.lastIndexOf(u'/') + 1;
        listAllObjects(
            client(where), params, this, [this](const s3::ListObjectsPage &page) { show(page); },
            [this](const s3::S3Error &error) {
                if (error.isError())
                    return fail(s3::S3Error(error).withBucket(m_where.bucket));
                done();
            });
    }

    void show(const s3::ListObjectsPage &page)
    {
        for (const QString &prefix : page.commonPrefixes) {
            ++m_prefixes;
            console().line(QString(26, u' ') + u" PRE "_s + prefix.mid(m_shownFrom));
            console().event(QJsonObject { { u"event"_s, u"prefix"_s }, { u"prefix"_s, prefix } });
        }
        for (const s3::ObjectEntry &object : page.objects) {
            ++m_objects;
            m_bytes += object.size;
            const QString size
                = invocation().humanReadable ? humanSize(object.size) : QString::number(object.size);
            console().line(timestamp(object.lastModified) + u' ' + size.rightJustified(10) + u' '
                + object.key.mid(m_shownFrom));
            console().event(QJsonObject { { u"event"_s, u"object"_s }, { u"key"_s, object.key },
                { u"size"_s, object.size },
                { u"lastModified"_s, object.lastModified.toString(Qt::ISODateWithMs) },
                { u"etag"_s, object.etag } });
        }
    }

    void done()
    {
        if (invocation().summarize) {
            console().line(QString());
            console().line(u"Total Objects: %1"_s.arg(m_objects));
            console().line(u"   Total Size: %1"_s.arg(
                invocation().humanReadable ? humanSize(m_bytes) : QString::number(m_bytes)));
        }
        console().event(QJsonObject { { u"event"_s, u"result"_s }, { u"objects"_s, m_objects },
            { u"prefixes"_s, m_prefixes }, { u"bytes"_s, m_bytes } });
        // Like aws-cli, a prefix that matches nothing is a failure; an empty bucket is not.
        if (m_objects == 0 && m_prefixes == 0 && !m_where.key.isEmpty())
            return fail(
                ExitCode::NotFound, u"Nothing matches %1; check the prefix."_s.arg(m_where.display()));
        finish();
    }

    Location m_where;
    qsizetype m_shownFrom = 0;
    qint64 m_objects = 0;
    qint64 m_prefixes = 0;
    qint64 m_bytes = 0;
};

} // namespace

Command *makeLsCommand(const Session &session, QObject *parent)
{
    return new LsCommand(session, parent);
}

} // namespace coffer::cli
