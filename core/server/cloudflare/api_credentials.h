#pragma once
// The API token and account id a server started without --cloudflare-token/--account-id
// uses: created once, kept in the data directory readable by its owner only (0600), and
// read back on every later start, so that a configured client keeps working.

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer::server::cloudflare {

struct ApiCredentials {
    QByteArray apiToken;
    QString accountId;
    bool created = false; // made by this start
};

inline constexpr char kApiCredentialsFileName[] = "cloudflare.json";

// std::nullopt with *error set when the file exists but is damaged or unreadable, or
// cannot be created.
std::optional<ApiCredentials> loadOrCreateApiCredentials(const QString &dataDirectory, QString *error);

} // namespace coffer::server::cloudflare
