#include "s3/model/bucketsettings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

ValidationProblems PublicAccessBlockConfiguration::validate() const
{
    ValidationProblems problems;
    const auto warning = ValidationProblem::Severity::Warning;
    if (ignorePublicAcls && !blockPublicAcls) {
        problems.append({u"blockPublicAcls"_s,
                         QCoreApplication::translate("coffer::s3::PublicAccessBlockConfiguration",
                                                     "Public ACLs are ignored but new ones can still be set. "
                                                     "Also turn on “Block public ACLs” unless you mean to allow that."),
                         warning});
    }
    if (restrictPublicBuckets && !blockPublicPolicy) {
        problems.append({u"blockPublicPolicy"_s,
                         QCoreApplication::translate("coffer::s3::PublicAccessBlockConfiguration",
                                                     "Access through a public bucket policy is restricted, but a public "
                                                     "policy can still be set. Also turn on “Block public policy” unless "
                                                     "you mean to allow that."),
                         warning});
    }
    return problems;
}

} // namespace coffer::s3
