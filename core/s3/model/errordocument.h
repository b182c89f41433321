#pragma once
// The <Error> document S3 sends with a failed request (and sometimes with a 200,
// for CompleteMultipartUpload and CopyObject).

#include <QList>
#include <QString>

#include <utility>

namespace coffer::s3 {

struct ErrorDocument {
    QString code; // e.g. NoSuchKey
    QString message;
    QString resource;
    QString requestId;
    QString hostId;
    // Any further elements (BucketName, Key, StringToSign, ...) in document order.
    QList<std::pair<QString, QString>> details;

    QString detail(const QString &name) const
    {
        for (const auto &[n, v] : details) {
            if (n == name)
                return v;
        }
        return {};
    }
    bool operator==(const ErrorDocument &) const = default;
};

} // namespace coffer::s3
