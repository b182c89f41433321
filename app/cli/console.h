#pragma once
// Everything coffer-cli prints: results on stdout, errors on stderr as one sentence,
// machine-readable events with --json (one JSON object per line on stdout), and a
// progress bar only when stdout is a terminal and neither --quiet nor --json is set.

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace coffer::cli {

class Console
{
public:
    enum class Mode { Human, Quiet, Json };

    Console(Mode mode, bool stdoutIsTerminal, FILE *out = stdout, FILE *err = stderr);

    Mode mode() const { return m_mode; }
    bool json() const { return m_mode == Mode::Json; }

    // A result line for a person (ls rows, "upload: a to s3://b/a"); silent in Quiet
    // and Json modes.
    void line(const QString &text);
    // Output that is the command's product (presign's URL, cors get's document): printed
    // in every mode, since asking for it and then hiding it would make no sense.
    void product(const QString &text);
    // A JSON object on its own line; Json mode only.
    void event(const QJsonObject &object);
    // "coffer-cli: <sentence>" on stderr, in every mode.
    void error(const QString &sentence);
    // "coffer-cli: warning: <sentence>" on stderr unless Quiet; loud ones always.
    void warning(const QString &sentence, bool loud = false);

    // A transfer's progress: a "progress" event in Json mode (at most ~4 per second per
    // job, plus the last), a redrawn bar on a terminal, nothing otherwise.
    void progress(const QString &jobId, const QString &label, qint64 done, qint64 total,
        double bytesPerSecond, const QString &state);
    // Ends a progress bar line before other output.
    void clearProgress();

private:
    void write(FILE *stream, const QString &text);

    Mode m_mode;
    bool m_terminal;
    FILE *m_out;
    FILE *m_err;
    bool m_barShown = false;
    QElapsedTimer m_lastDraw;
    QElapsedTimer m_lastEvent;
};

} // namespace coffer::cli
