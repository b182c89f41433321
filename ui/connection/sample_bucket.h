#pragma once
// The sample bucket a newcomer finds on the local server: a README, a JSON document, an
// image and a nested prefix, so that browsing, previews and transfers can be tried
// without an account anywhere. Made on the server's first start only; a marker file in
// the server's data directory remembers it, so a bucket the user deleted stays deleted.

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace coffer::client {
class S3Client;
}

namespace coffer::ui {

inline constexpr QStringView kSampleBucket = u"sample";

class SampleBucket : public QObject
{
    Q_OBJECT
public:
    // Creates the bucket and its objects through client unless the marker exists, then
    // calls done with an empty string, or with what went wrong.
    static void ensure(client::S3Client *client, const QString &dataDirectory, QObject *context,
        std::function<void(const QString &error)> done);

    // The keys ensure() writes, in the order it writes them.
    static QStringList sampleKeys();
};

} // namespace coffer::ui
