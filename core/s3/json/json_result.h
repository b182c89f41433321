#pragma once
// What a JSON reader of a bucket configuration returns: the whole value, or an error
// that points at the line (malformed JSON) or the rule (a rule the form cannot hold).
// Never a partial value.

#include <QString>

#include <optional>

namespace coffer::s3::json {

struct JsonError {
    QString message; // a sentence pointing at the line and/or rule, saying what to do
    qint64 line = 0; // 1-based; 0 when unknown
    qint64 column = 0; // 1-based, in characters; 0 when unknown
    int rule = -1; // 0-based index of the offending rule; -1 when not about one rule
    bool operator==(const JsonError &) const = default;
};

template <typename T>
struct JsonResult {
    std::optional<T> value;
    JsonError error;
    bool ok() const { return value.has_value(); }
};

} // namespace coffer::s3::json
