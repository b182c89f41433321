// PublicAccessBlockConfiguration and VersioningConfiguration.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

ParseResult<PublicAccessBlockConfiguration> parsePublicAccessBlockConfiguration(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "PublicAccessBlockConfiguration"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    PublicAccessBlockConfiguration configuration;
    // An absent flag means false, as S3 documents.
    configuration.blockPublicAcls = f.boolean(*doc, "BlockPublicAcls"_L1);
    configuration.ignorePublicAcls = f.boolean(*doc, "IgnorePublicAcls"_L1);
    configuration.blockPublicPolicy = f.boolean(*doc, "BlockPublicPolicy"_L1);
    configuration.restrictPublicBuckets = f.boolean(*doc, "RestrictPublicBuckets"_L1);
    return f.finish(std::move(configuration));
}

QByteArray writePublicAccessBlockConfiguration(const PublicAccessBlockConfiguration &configuration)
{
    DocumentWriter w("PublicAccessBlockConfiguration"_L1);
    w.boolean("BlockPublicAcls"_L1, configuration.blockPublicAcls);
    w.boolean("IgnorePublicAcls"_L1, configuration.ignorePublicAcls);
    w.boolean("BlockPublicPolicy"_L1, configuration.blockPublicPolicy);
    w.boolean("RestrictPublicBuckets"_L1, configuration.restrictPublicBuckets);
    return w.finish();
}

ParseResult<VersioningConfiguration> parseVersioningConfiguration(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "VersioningConfiguration"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    VersioningConfiguration configuration;
    if (const Element *s = doc->child("Status"_L1)) {
        const QString v = s->text.trimmed();
        if (v == "Enabled"_L1)
            configuration.status = VersioningStatus::Enabled;
        else if (v == "Suspended"_L1)
            configuration.status = VersioningStatus::Suspended;
        else if (!v.isEmpty())
            f.invalidValue(*s, QCoreApplication::translate("coffer::s3::xml", "“Enabled” or “Suspended”"));
    }
    // GetBucketVersioning spells it MfaDelete; some servers echo the API's MFADelete.
    const Element *m = doc->child("MfaDelete"_L1);
    if (!m)
        m = doc->child("MFADelete"_L1);
    if (m) {
        const QString v = m->text.trimmed();
        if (v == "Enabled"_L1)
            configuration.mfaDelete = MfaDeleteStatus::Enabled;
        else if (v == "Disabled"_L1)
            configuration.mfaDelete = MfaDeleteStatus::Disabled;
        else if (!v.isEmpty())
            f.invalidValue(*m, QCoreApplication::translate("coffer::s3::xml", "“Enabled” or “Disabled”"));
    }
    return f.finish(std::move(configuration));
}

QByteArray writeVersioningConfiguration(const VersioningConfiguration &configuration)
{
    DocumentWriter w("VersioningConfiguration"_L1);
    if (configuration.status != VersioningStatus::Unset)
        w.element("Status"_L1, configuration.status == VersioningStatus::Enabled ? u"Enabled"_s : u"Suspended"_s);
    if (configuration.mfaDelete != MfaDeleteStatus::Unset)
        w.element("MfaDelete"_L1, configuration.mfaDelete == MfaDeleteStatus::Enabled ? u"Enabled"_s : u"Disabled"_s);
    return w.finish();
}

} // namespace coffer::s3::xml
