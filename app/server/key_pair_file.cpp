#include "key_pair_file.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace coffer::server::app {

namespace {

QByteArray randomText(int length, QByteArrayView alphabet)
{
    QByteArray out(length, Qt::Uninitialized);
    for (char &c : out)
        c = alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return out;
}

} // namespace

std::optional<KeyPair> loadOrCreateKeyPair(const QString &dataDirectory, QString *error)
{
    if (!QDir().mkpath(dataDirectory)) {
        *error = u"Cannot create the data directory %1. Check the path and its permissions."_s.arg(dataDirectory);
        return std::nullopt;
    }
    const QString path = QDir(dataDirectory).filePath(QLatin1StringView(kKeyPairFileName));
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"Cannot read %1: %2."_s.arg(path, file.errorString());
            return std::nullopt;
        }
        const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        KeyPair pair{object.value(u"accessKeyId"_s).toString().toUtf8(),
                     object.value(u"secretAccessKey"_s).toString().toUtf8(), false};
        if (pair.accessKey.isEmpty() || pair.secretKey.isEmpty()) {
            *error = u"%1 is damaged (no accessKeyId/secretAccessKey). Delete it to create a new pair, "
                     "or pass --access-key and --secret-key."_s.arg(path);
            return std::nullopt;
        }
        return pair;
    }
    KeyPair pair{"CFR" + randomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                 randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), true};
    // Created with owner-only permissions from the start: the secret is never readable by others.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = u"Cannot create %1: %2."_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonObject object{{u"accessKeyId"_s, QString::fromUtf8(pair.accessKey)},
                             {u"secretAccessKey"_s, QString::fromUtf8(pair.secretKey)}};
    if (file.write(QJsonDocument(object).toJson()) < 0 || !file.flush()) {
        *error = u"Cannot write %1: %2."_s.arg(path, file.errorString());
        file.remove();
        return std::nullopt;
    }
    file.close();
    return pair;
}

} // namespace coffer::server::app
