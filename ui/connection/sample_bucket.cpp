#include "ui/connection/sample_bucket.h"

#include "client/s3_client.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

constexpr QLatin1StringView kMarkerFile("sample-bucket-created");

struct SampleObject {
    QString key;
    QString contentType;
    QByteArray body;
};

QByteArray resourceBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<SampleObject> sampleObjects()
{
    return {
        { u"README.txt"_s, u"text/plain; charset=utf-8"_s,
            QByteArrayLiteral("Welcome to Coffer's local server.\n\n"
                              "This bucket lives on your computer only. Browse it, preview the files,\n"
                              "upload and download, and delete whatever you like: nothing leaves this\n"
                              "machine. Point any S3 client at the endpoint shown in the status bar.\n") },
        { u"catalog.json"_s, u"application/json"_s,
            QByteArrayLiteral(
                "{\n  \"name\": \"sample\",\n  \"objects\": 4,\n  \"nested\": [\"docs/guides/\"],\n"
                "  \"tags\": [\"offline\", \"demo\"],\n  \"public\": false\n}\n") },
        { u"images/coffer.svg"_s, u"image/svg+xml"_s, resourceBytes(u":/icons/coffer.svg"_s) },
        { u"docs/guides/getting-started.md"_s, u"text/markdown; charset=utf-8"_s,
            QByteArrayLiteral("# Getting started\n\n"
                              "Prefixes such as `docs/guides/` show as folders: open them with Enter,\n"
                              "go back up with Backspace, and type a path with Ctrl+L.\n") },
    };
}

// One run of ensure(): bucket first, then the objects one after the other.
class SampleWriter : public QObject
{
public:
    SampleWriter(client::S3Client *client, QString dataDirectory, const QObject *context,
        std::function<void(const QString &)> done)
        : m_client(client)
        , m_dataDirectory(std::move(dataDirectory))
        , m_context(context)
        , m_done(std::move(done))
        , m_objects(sampleObjects())
    { }

    void run()
    {
        m_client->createBucket(kSampleBucket.toString())
            ->onFinished(this, [this](const client::Result<client::Done> &r) {
                // Already there (a marker lost with a reinstall): fill it in all the same.
                if (!r.ok() && r.error().code != u"BucketAlreadyOwnedByYou"_s) {
                    finish(r.error().userMessage());
                    return;
                }
                putNext();
            });
    }

private:
    void putNext()
    {
        if (m_next == m_objects.size()) {
            QFile marker(QDir(m_dataDirectory).filePath(kMarkerFile));
            if (!marker.open(QIODevice::WriteOnly))
                qWarning("coffer: cannot write the sample bucket's marker in the local server folder");
            finish({});
            return;
        }
        const SampleObject &object = m_objects.at(m_next++);
        auto *body = new QBuffer(this);
        body->setData(object.body);
        body->open(QIODevice::ReadOnly);
        client::PutObjectParams params;
        params.bucket = kSampleBucket.toString();
        params.key = object.key;
        params.body = body;
        params.size = object.body.size();
        params.attributes.contentType = object.contentType;
        m_client->putObject(params)->onFinished(
            this, [this, body](const client::Result<client::PutObjectResult> &r) {
                body->deleteLater();
                if (!r.ok()) {
                    finish(r.error().userMessage());
                    return;
                }
                putNext();
            });
    }

    void finish(const QString &error)
    {
        if (m_context)
            m_done(error);
        deleteLater();
    }

    client::S3Client *m_client;
    QString m_dataDirectory;
    QPointer<const QObject> m_context;
    std::function<void(const QString &)> m_done;
    QList<SampleObject> m_objects;
    qsizetype m_next = 0;
};

} // namespace

void SampleBucket::ensure(client::S3Client *client, const QString &dataDirectory, QObject *context,
    std::function<void(const QString &)> done)
{
    if (QFile::exists(QDir(dataDirectory).filePath(kMarkerFile))) {
        QMetaObject::invokeMethod(context, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    // Parented to the client: it cannot outlive the client its calls run on.
    auto *writer = new SampleWriter(client, dataDirectory, context, std::move(done));
    writer->setParent(client);
    writer->run();
}

QStringList SampleBucket::sampleKeys()
{
    QStringList keys;
    for (const SampleObject &object : sampleObjects())
        keys.append(object.key);
    return keys;
}

} // namespace coffer::ui
