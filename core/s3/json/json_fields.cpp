#include "s3/json/json_fields.h"

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::s3::json::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::json", text);
}

} // namespace

QString FieldReader::join(const QString &path, QLatin1StringView name)
{
    return path.isEmpty() ? QString(name) : path + u'.' + name;
}

void FieldReader::expected(const QString &path, const QString &expectation)
{
    problem(tr("“%1” should be %2.").arg(path, expectation));
}

void FieldReader::problem(const QString &sentence)
{
    if (failed())
        return;
    m_error.rule = m_rule;
    m_error.message = tr("Rule %1: %2").arg(m_rule + 1).arg(sentence);
}

void FieldReader::onlyKnown(const QJsonObject &o, const QString &path, std::initializer_list<QLatin1StringView> known)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool found = false;
        for (QLatin1StringView k : known)
            found = found || it.key() == k;
        if (found)
            continue;
        QStringList names;
        for (QLatin1StringView k : known)
            names.append(QString(k));
        const QString where = path.isEmpty() ? tr("a rule") : u"“%1”"_s.arg(path);
        problem(tr("“%1” is not a field of %2; use one of %3 (names are case-sensitive).")
                    .arg(it.key(), where, names.join(u", "_s)));
        return;
    }
}

QString FieldReader::string(const QJsonObject &o, QLatin1StringView name, const QString &path, bool required)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined()) {
        if (required)
            expected(join(path, name), tr("present (a string)"));
        return {};
    }
    if (!v.isString())
        expected(join(path, name), tr("a string"));
    return v.toString();
}

QStringList FieldReader::strings(const QJsonObject &o, QLatin1StringView name, const QString &path, bool required)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined()) {
        if (required)
            expected(join(path, name), tr("present (a list of strings)"));
        return {};
    }
    QStringList list;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString())
            break;
        list.append(item.toString());
    }
    if (!v.isArray() || list.size() != array.size())
        expected(join(path, name), tr("a list of strings"));
    return list;
}

std::optional<qint64> FieldReader::integer(const QJsonObject &o, QLatin1StringView name, const QString &path,
                                           qint64 minimum, qint64 maximum)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined())
        return std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || d != static_cast<double>(v.toInteger()) || d < static_cast<double>(minimum)
        || d > static_cast<double>(maximum)) {
        expected(join(path, name), tr("a whole number from %1 to %2").arg(minimum).arg(maximum));
        return std::nullopt;
    }
    return v.toInteger();
}

std::optional<bool> FieldReader::boolean(const QJsonObject &o, QLatin1StringView name, const QString &path,
                                         bool required)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined()) {
        if (required)
            expected(join(path, name), tr("present (true or false)"));
        return std::nullopt;
    }
    if (!v.isBool()) {
        expected(join(path, name), tr("true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

QDateTime FieldReader::date(const QJsonObject &o, QLatin1StringView name, const QString &path)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined())
        return {};
    const QString text = v.toString();
    QDateTime d = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!d.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            d = QDateTime(day, QTime(0, 0), QTimeZone::UTC);
    }
    if (!v.isString() || !d.isValid()) {
        expected(join(path, name), tr("a date such as 2027-01-01T00:00:00Z"));
        return {};
    }
    return d.toUTC();
}

std::optional<QJsonObject> FieldReader::object(const QJsonObject &o, QLatin1StringView name, const QString &path)
{
    const QJsonValue v = o.value(name);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject()) {
        expected(join(path, name), tr("an object ({…})"));
        return std::nullopt;
    }
    return v.toObject();
}

QJsonArray FieldReader::array(const QJsonObject &o, QLatin1StringView name, const QString &path)
{
    const QJsonValue v = o.value(name);
    if (!v.isUndefined() && !v.isArray())
        expected(join(path, name), tr("a list ([…])"));
    return v.toArray();
}

JsonError notAnObject(int rule, const QString &what)
{
    JsonError error;
    error.rule = rule;
    error.message = tr("Rule %1: each rule in %2 must be an object ({…}).").arg(rule + 1).arg(what);
    return error;
}

QString dateText(const QDateTime &date)
{
    return date.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

} // namespace coffer::s3::json::detail
