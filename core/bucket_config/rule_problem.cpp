#include "bucket_config/rule_problem.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

RuleProblems fromValidation(const s3::ValidationProblems &problems)
{
    static const QRegularExpression path(u"^rules\\[(\\d+)\\]\\.?(.*)$"_s);
    RuleProblems out;
    for (const s3::ValidationProblem &p : problems) {
        RuleProblem problem{p.severity, -1, p.field, p.message};
        if (const auto m = path.match(p.field); m.hasMatch()) {
            problem.rule = m.captured(1).toInt();
            problem.field = m.captured(2);
        }
        out.append(problem);
    }
    return out;
}

bool hasErrors(const RuleProblems &problems)
{
    for (const RuleProblem &p : problems) {
        if (p.severity == Severity::Error)
            return true;
    }
    return false;
}

RuleProblems problemsOfRule(const RuleProblems &problems, int rule)
{
    RuleProblems out;
    for (const RuleProblem &p : problems) {
        if (p.rule == rule)
            out.append(p);
    }
    return out;
}

} // namespace coffer::bucket_config
