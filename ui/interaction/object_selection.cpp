#include "ui/interaction/object_selection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace coffer::ui {

void ObjectSelection::writeTo(QMimeData *data) const
{
    const QJsonObject json {
        { u"connection"_s, connectionId },
        { u"bucket"_s, bucket },
        { u"keys"_s, QJsonArray::fromStringList(keys) },
    };
    data->setData(
        QString::fromLatin1(kObjectSelectionMime), QJsonDocument(json).toJson(QJsonDocument::Compact));
    QStringList uris;
    uris.reserve(keys.size());
    for (const QString &key : keys)
        uris.append(u"s3://"_s + bucket + u'/' + key);
    data->setText(uris.join(u'\n'));
}

std::optional<ObjectSelection> ObjectSelection::readFrom(const QMimeData *data)
{
    if (!data || !data->hasFormat(QString::fromLatin1(kObjectSelectionMime)))
        return std::nullopt;
    const QJsonObject json
        = QJsonDocument::fromJson(data->data(QString::fromLatin1(kObjectSelectionMime))).object();
    ObjectSelection selection;
    selection.connectionId = json.value(u"connection"_s).toString();
    selection.bucket = json.value(u"bucket"_s).toString();
    for (const QJsonValue &key : json.value(u"keys"_s).toArray())
        if (!key.toString().isEmpty())
            selection.keys.append(key.toString());
    if (selection.connectionId.isEmpty() || selection.bucket.isEmpty() || selection.keys.isEmpty())
        return std::nullopt;
    return selection;
}

} // namespace coffer::ui
