#pragma once
// JSON text as a person pasted it: parse errors with line and column, and the line a
// rule starts on, so that an error about rule 3 can point into the editor.

#include "s3/json/json_result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QLatin1StringView>

namespace coffer::s3::json::detail {

// The document, or an error at the line and column QJsonParseError's offset falls on.
// what names the document in the sentence, e.g. "The CORS JSON".
JsonResult<QJsonDocument> parseText(const QByteArray &text, const QString &what);

// The 1-based line and column of a byte offset into text (columns count characters).
std::pair<qint64, qint64> lineAndColumn(const QByteArray &text, qint64 offset);

// Where element index of the rule array starts: the top-level array when arrayKey is
// empty, else the array under that key of the top-level object. 0 when not found.
qint64 lineOfRule(const QByteArray &text, QLatin1StringView arrayKey, int index);

// error with the line of its rule filled in and named at the start of the sentence.
JsonError pointAtRule(JsonError error, const QByteArray &text, QLatin1StringView arrayKey);

} // namespace coffer::s3::json::detail
