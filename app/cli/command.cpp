#include "command.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

Command::Command(const Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

void Command::fail(const s3::S3Error &error)
{
    fail(exitCodeFor(error), errorSentence(error));
}

void Command::fail(ExitCode code, const QString &sentence)
{
    if (m_finished)
        return;
    console().error(sentence);
    console().event(QJsonObject {
        { u"event"_s, u"error"_s }, { u"message"_s, sentence }, { u"exitCode"_s, static_cast<int>(code) } });
    finish(code);
}

void Command::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    console().clearProgress();
    // Delivered from the event loop, so a command finishing inside start() behaves like
    // one finishing later.
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(static_cast<int>(code)); });
}

QString errorSentence(const s3::S3Error &error)
{
    QString message = error.userMessage();
    if (!error.code.isEmpty() && !message.contains(error.code))
        message += u" ("_s + error.code + u')';
    return message;
}

} // namespace coffer::cli
