#include "s3/json/json_text.h"

#include <QCoreApplication>
#include <QJsonParseError>

#include <algorithm>

#include <vector>

using namespace Qt::StringLiterals;

namespace coffer::s3::json::detail {

std::pair<qint64, qint64> lineAndColumn(const QByteArray &text, qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, text.size());
    const QByteArrayView before(text.constData(), offset);
    const qint64 line = before.count('\n') + 1;
    const qint64 lineStart = before.lastIndexOf('\n') + 1;
    const qint64 column = QString::fromUtf8(before.sliced(lineStart)).size() + 1;
    return {line, column};
}

JsonResult<QJsonDocument> parseText(const QByteArray &text, const QString &what)
{
    JsonResult<QJsonDocument> result;
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        result.value = std::move(document);
        return result;
    }
    const auto [line, column] = lineAndColumn(text, parseError.offset);
    result.error.line = line;
    result.error.column = column;
    result.error.message = QCoreApplication::translate("coffer::s3::json",
                                                       "%1 is not valid JSON: %2 at line %3, column %4. "
                                                       "Correct the text there and try again.")
                               .arg(what, parseError.errorString())
                               .arg(line)
                               .arg(column);
    return result;
}

qint64 lineOfRule(const QByteArray &text, QLatin1StringView arrayKey, int index)
{
    // The text is known to be valid JSON here, so a light scan suffices: track the
    // container stack, the last string read, and count values in the rule array.
    std::vector<char> stack;
    qsizetype targetDepth = -1;
    bool expectingValue = false;
    int element = -1;
    QByteArrayView lastString;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':')
            continue;
        const bool inTarget = targetDepth >= 0 && qsizetype(stack.size()) == targetDepth;
        if (inTarget && expectingValue && c != ']') {
            expectingValue = false;
            if (++element == index)
                return lineAndColumn(text, i).first;
        }
        if (c == '"') {
            const qsizetype start = i + 1;
            for (++i; i < text.size() && text.at(i) != '"'; ++i) {
                if (text.at(i) == '\\')
                    ++i;
            }
            lastString = QByteArrayView(text.constData() + start, i - start);
        } else if (c == '[') {
            stack.push_back(c);
            const bool isTarget = arrayKey.isEmpty()
                ? stack.size() == 1
                : (stack.size() == 2 && stack.front() == '{' && lastString == QByteArrayView(arrayKey.data(), arrayKey.size()));
            if (isTarget && targetDepth < 0) {
                targetDepth = qsizetype(stack.size());
                expectingValue = true;
            }
        } else if (c == '{') {
            stack.push_back(c);
        } else if (c == ']' || c == '}') {
            if (!stack.empty()) {
                if (qsizetype(stack.size()) == targetDepth)
                    return 0;
                stack.pop_back();
            }
        } else if (c == ',' && inTarget) {
            expectingValue = true;
        }
    }
    return 0;
}

JsonError pointAtRule(JsonError error, const QByteArray &text, QLatin1StringView arrayKey)
{
    if (error.rule < 0)
        return error;
    error.line = lineOfRule(text, arrayKey, error.rule);
    if (error.line > 0) {
        error.message = QCoreApplication::translate("coffer::s3::json", "Line %1: %2")
                            .arg(error.line)
                            .arg(error.message);
    }
    return error;
}

} // namespace coffer::s3::json::detail
