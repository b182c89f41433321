#pragma once
// Reads the members of one rule's JSON object, keeping the first problem as a sentence
// that names the rule and the member path. Unknown members are refused rather than
// dropped: a field the domain cannot hold would otherwise vanish on the next save.

#include "s3/json/json_result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace coffer::s3::json::detail {

class FieldReader
{
public:
    explicit FieldReader(int rule) : m_rule(rule) {}

    bool failed() const { return !m_error.message.isEmpty(); }
    const JsonError &error() const { return m_error; }

    // Refuses members of o not in known; path names o in the sentence ("" for the rule).
    void onlyKnown(const QJsonObject &o, const QString &path, std::initializer_list<QLatin1StringView> known);

    QString string(const QJsonObject &o, QLatin1StringView name, const QString &path, bool required = false);
    QStringList strings(const QJsonObject &o, QLatin1StringView name, const QString &path, bool required = false);
    std::optional<qint64> integer(const QJsonObject &o, QLatin1StringView name, const QString &path,
                                  qint64 minimum, qint64 maximum);
    std::optional<bool> boolean(const QJsonObject &o, QLatin1StringView name, const QString &path,
                                bool required = false);
    // An ISO 8601 date or date-time; a bare date means midnight UTC.
    QDateTime date(const QJsonObject &o, QLatin1StringView name, const QString &path);
    // Absent gives an empty object / array; present but another type is a problem.
    std::optional<QJsonObject> object(const QJsonObject &o, QLatin1StringView name, const QString &path);
    QJsonArray array(const QJsonObject &o, QLatin1StringView name, const QString &path);

    // Records a problem: "Rule N: <path> should be <expected>."
    void expected(const QString &path, const QString &expectation);
    // Records a problem in a sentence of the caller's own.
    void problem(const QString &sentence);

private:
    static QString join(const QString &path, QLatin1StringView name);

    int m_rule;
    JsonError m_error;
};

// A JSON rule array that is not an array of objects, as a problem for that rule.
JsonError notAnObject(int rule, const QString &what);

// How dates travel in the JSON forms: ISO 8601 at UTC with milliseconds, as aws-cli writes them.
QString dateText(const QDateTime &date);

} // namespace coffer::s3::json::detail
