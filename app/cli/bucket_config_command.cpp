// cors get|set and lifecycle get|set. set reads the document (a file, or "-" for
// standard input), validates it before sending, and refuses it with the first problem.

#include "bucket_config_json.h"
#include "commands.h"

#include "s3/xml/documents.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

class BucketConfigCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        m_target = invocation().paths.first();
        switch (invocation().command) {
        case CommandKind::CorsGet:
            client(m_target)
                ->getBucketCors(m_target.bucket)
                ->onFinished(this, [this](const client::Result<s3::CorsConfiguration> &r) {
                    if (!r)
                        return failGet(r.error(), u"CORS rules"_s);
                    print(corsToJson(r.value()), s3::xml::writeCorsConfiguration(r.value()));
                });
            return;
        case CommandKind::LifecycleGet:
            client(m_target)
                ->getBucketLifecycleConfiguration(m_target.bucket)
                ->onFinished(this, [this](const client::Result<s3::LifecycleConfiguration> &r) {
                    if (!r)
                        return failGet(r.error(), u"lifecycle rules"_s);
                    print(lifecycleToJson(r.value()), s3::xml::writeLifecycleConfiguration(r.value()));
                });
            return;
        case CommandKind::CorsSet:
        case CommandKind::LifecycleSet:
            return set();
        default:
            return;
        }
    }

private:
    void failGet(const s3::S3Error &error, const QString &what)
    {
        if (error.isNotSupported())
            return fail(ExitCode::Failure,
                u"This store does not support %1 (%2); nothing to show."_s.arg(what, error.code));
        fail(s3::S3Error(error).withBucket(m_target.bucket));
    }

    void print(const QJsonObject &json, const QByteArray &xml)
    {
        if (invocation().xml)
            console().product(QString::fromUtf8(xml));
        else if (console().json())
            console().event(QJsonObject { { u"event"_s, u"configuration"_s },
                { u"bucket"_s, m_target.bucket }, { u"document"_s, json } });
        else
            console().product(
                QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)).trimmed());
        finish();
    }

    void set()
    {
        const QString &path = invocation().file;
        QFile file;
        const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                         : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened)
            return fail(
                ExitCode::NotFound, u"Cannot read %1 (%2). Check the path."_s.arg(path, file.errorString()));
        // A configuration document is small (S3 caps them well under 1 MiB).
        const QByteArray document = file.read(4 * 1024 * 1024);
        QString error;
        const auto done = [this](const client::Result<client::Done> &r) {
            if (!r)
                return fail(s3::S3Error(r.error()).withBucket(m_target.bucket));
            console().line(u"updated: "_s + m_target.display());
            console().event(
                QJsonObject { { u"event"_s, u"configurationSet"_s }, { u"bucket"_s, m_target.bucket } });
            finish();
        };
        if (invocation().command == CommandKind::CorsSet) {
            const auto cors = readCorsDocument(document, &error);
            if (!cors)
                return fail(ExitCode::Usage, error);
            if (const auto problems = cors->validate(); s3::hasErrors(problems))
                return fail(ExitCode::Usage,
                    u"The CORS rules are not valid: %1: %2"_s.arg(
                        problems.first().field, problems.first().message));
            client(m_target)->putBucketCors(m_target.bucket, *cors)->onFinished(this, done);
        } else {
            const auto lifecycle = readLifecycleDocument(document, &error);
            if (!lifecycle)
                return fail(ExitCode::Usage, error);
            if (const auto problems = lifecycle->validate(); s3::hasErrors(problems))
                return fail(ExitCode::Usage,
                    u"The lifecycle rules are not valid: %1: %2"_s.arg(
                        problems.first().field, problems.first().message));
            client(m_target)
                ->putBucketLifecycleConfiguration(m_target.bucket, *lifecycle)
                ->onFinished(this, done);
        }
    }

    Location m_target;
};

} // namespace

Command *makeBucketConfigCommand(const Session &session, QObject *parent)
{
    return new BucketConfigCommand(session, parent);
}

} // namespace coffer::cli
