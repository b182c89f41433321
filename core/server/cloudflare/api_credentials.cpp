#include "api_credentials.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

QByteArray randomText(int length, QByteArrayView alphabet)
{
    QByteArray out(length, Qt::Uninitialized);
    for (char &c : out)
        c = alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return out;
}

} // namespace

std::optional<ApiCredentials> loadOrCreateApiCredentials(const QString &dataDirectory, QString *error)
{
    if (!QDir().mkpath(dataDirectory)) {
        *error = u"Cannot create the data directory %1. Check the path and its permissions."_s.arg(
            dataDirectory);
        return std::nullopt;
    }
    const QString path = QDir(dataDirectory).filePath(QLatin1StringView(kApiCredentialsFileName));
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"Cannot read %1: %2."_s.arg(path, file.errorString());
            return std::nullopt;
        }
        const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        ApiCredentials credentials { object.value(u"apiToken"_s).toString().toUtf8(),
            object.value(u"accountId"_s).toString(), false };
        if (credentials.apiToken.isEmpty() || credentials.accountId.isEmpty()) {
            *error = u"%1 is damaged (no apiToken/accountId). Delete it to create new ones, or pass "
                     "--cloudflare-token and --account-id."_s.arg(path);
            return std::nullopt;
        }
        return credentials;
    }
    // Shaped like Cloudflare's: a 40-character token and a 32-hex account id.
    ApiCredentials credentials { randomText(
                                     40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
        QString::fromLatin1(randomText(32, "0123456789abcdef")), true };
    // Owner-only from the start: the token is never readable by others.
    if (!file.open(
            QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = u"Cannot create %1: %2."_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonObject object { { u"apiToken"_s, QString::fromUtf8(credentials.apiToken) },
        { u"accountId"_s, credentials.accountId } };
    if (file.write(QJsonDocument(object).toJson()) < 0 || !file.flush()) {
        *error = u"Cannot write %1: %2."_s.arg(path, file.errorString());
        file.remove();
        return std::nullopt;
    }
    file.close();
    return credentials;
}

} // namespace coffer::server::cloudflare
