#pragma once
// One thing an editor marks on a rule: how bad, which rule, which field, and a sentence.

#include "s3/model/validation.h"

#include <QList>
#include <QString>

namespace coffer::bucket_config {

using Severity = s3::ValidationProblem::Severity;

struct RuleProblem {
    Severity severity = Severity::Error;
    int rule = -1;  // 0-based; -1 for the configuration as a whole (e.g. too many rules)
    QString field;  // within the rule, e.g. "allowedOrigins[0]"; empty for the whole rule
    QString message; // a full sentence: what is wrong and what to do
    bool operator==(const RuleProblem &) const = default;
};

using RuleProblems = QList<RuleProblem>;

// The domain types' validate() problems, with "rules[N].field" split into rule and field.
RuleProblems fromValidation(const s3::ValidationProblems &problems);

bool hasErrors(const RuleProblems &problems);
// The problems of one rule, in order.
RuleProblems problemsOfRule(const RuleProblems &problems, int rule);

} // namespace coffer::bucket_config
