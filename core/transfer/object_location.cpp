#include "object_location.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

QJsonObject ObjectLocation::toJson() const
{
    return {{u"profile"_s, connection.profile},
            {u"endpoint"_s, connection.endpoint},
            {u"bucket"_s, bucket},
            {u"key"_s, key}};
}

ObjectLocation ObjectLocation::fromJson(const QJsonObject &json)
{
    return {{json.value(u"profile"_s).toString(), json.value(u"endpoint"_s).toString()},
            json.value(u"bucket"_s).toString(),
            json.value(u"key"_s).toString()};
}

QJsonObject UploadOptions::toJson() const
{
    QJsonArray metadata;
    for (const auto &[name, value] : attributes.metadata)
        metadata.append(QJsonArray{name, value});
    return {{u"contentType"_s, attributes.contentType},
            {u"cacheControl"_s, attributes.cacheControl},
            {u"contentDisposition"_s, attributes.contentDisposition},
            {u"contentEncoding"_s, attributes.contentEncoding},
            {u"contentLanguage"_s, attributes.contentLanguage},
            {u"storageClass"_s, attributes.storageClass},
            {u"metadata"_s, metadata},
            {u"maxSinglePut"_s, double(maxSinglePut)}};
}

UploadOptions UploadOptions::fromJson(const QJsonObject &json)
{
    UploadOptions options;
    options.attributes.contentType = json.value(u"contentType"_s).toString();
    options.attributes.cacheControl = json.value(u"cacheControl"_s).toString();
    options.attributes.contentDisposition = json.value(u"contentDisposition"_s).toString();
    options.attributes.contentEncoding = json.value(u"contentEncoding"_s).toString();
    options.attributes.contentLanguage = json.value(u"contentLanguage"_s).toString();
    options.attributes.storageClass = json.value(u"storageClass"_s).toString();
    const QJsonArray metadata = json.value(u"metadata"_s).toArray();
    for (const QJsonValue &pair : metadata) {
        const QJsonArray p = pair.toArray();
        options.attributes.metadata.append({p.at(0).toString(), p.at(1).toString()});
    }
    if (json.contains(u"maxSinglePut"_s))
        options.maxSinglePut = qint64(json.value(u"maxSinglePut"_s).toDouble());
    return options;
}

} // namespace coffer::transfer
