#pragma once
// What an editor shows next to a field the user got wrong: where, and a sentence that
// says what is wrong and what to do. Shared by every domain type with validate().

#include <QList>
#include <QString>

namespace coffer::s3 {

struct ValidationProblem {
    // An Error makes the value unacceptable to the provider; a Warning is legal but
    // probably not what the user meant, so an editor may still save it.
    enum class Severity { Error, Warning };

    QString field;   // a path into the value, e.g. "rules[2].allowedOrigins[0]"
    QString message; // a full sentence for a person
    Severity severity = Severity::Error;
    bool operator==(const ValidationProblem &) const = default;
};

using ValidationProblems = QList<ValidationProblem>;

inline bool hasErrors(const ValidationProblems &problems)
{
    for (const auto &p : problems) {
        if (p.severity == ValidationProblem::Severity::Error)
            return true;
    }
    return false;
}

} // namespace coffer::s3
