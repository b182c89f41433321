#include "console.h"

#include "byte_size.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {
constexpr qint64 kEventIntervalMs = 250;
constexpr qint64 kDrawIntervalMs = 100;
} // namespace

Console::Console(Mode mode, bool stdoutIsTerminal, FILE *out, FILE *err)
    : m_mode(mode)
    , m_terminal(stdoutIsTerminal)
    , m_out(out)
    , m_err(err)
{ }

void Console::write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void Console::line(const QString &text)
{
    if (m_mode != Mode::Human)
        return;
    clearProgress();
    write(m_out, text);
}

void Console::product(const QString &text)
{
    clearProgress();
    write(m_out, text);
}

void Console::event(const QJsonObject &object)
{
    if (m_mode != Mode::Json)
        return;
    write(m_out, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void Console::error(const QString &sentence)
{
    clearProgress();
    write(m_err, u"coffer-cli: "_s + sentence);
}

void Console::warning(const QString &sentence, bool loud)
{
    if (m_mode == Mode::Quiet && !loud)
        return;
    clearProgress();
    write(m_err, u"coffer-cli: warning: "_s + sentence);
}

void Console::progress(const QString &jobId, const QString &label, qint64 done, qint64 total,
    double bytesPerSecond, const QString &state)
{
    const bool last = state != u"running";
    if (m_mode == Mode::Json) {
        if (!last && m_lastEvent.isValid() && m_lastEvent.elapsed() < kEventIntervalMs)
            return;
        m_lastEvent.start();
        event(QJsonObject { { u"event"_s, u"progress"_s }, { u"job"_s, jobId }, { u"bytesDone"_s, done },
            { u"bytesTotal"_s, total }, { u"rate"_s, qRound64(bytesPerSecond) }, { u"state"_s, state } });
        return;
    }
    if (m_mode != Mode::Human || !m_terminal)
        return;
    if (!last && m_lastDraw.isValid() && m_lastDraw.elapsed() < kDrawIntervalMs)
        return;
    m_lastDraw.start();
    constexpr int kWidth = 30;
    const int filled
        = total > 0 ? static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total)) : 0;
    const QString bar
        = QString(qBound(0, filled, kWidth), u'#') + QString(kWidth - qBound(0, filled, kWidth), u'-');
    const QString text = u"\r[%1] %2 / %3 (%4/s) %5"_s.arg(
        bar, humanSize(done), humanSize(total), humanSize(qRound64(bytesPerSecond)), label.left(40));
    const QByteArray bytes = text.toUtf8() + "\x1b[K";
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_out);
    std::fflush(m_out);
    m_barShown = true;
}

void Console::clearProgress()
{
    if (!m_barShown)
        return;
    std::fputs("\r\x1b[K", m_out);
    std::fflush(m_out);
    m_barShown = false;
}

} // namespace coffer::cli
