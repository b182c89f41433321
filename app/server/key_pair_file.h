#pragma once
// The key pair a server started without --access-key/--secret-key uses: created once,
// stored in the data directory readable by its owner only (0600), and read back on
// every later start so that configured clients keep working.

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer::server::app {

struct KeyPair {
    QByteArray accessKey;
    QByteArray secretKey;
    bool created = false; // made by this start
};

inline constexpr char kKeyPairFileName[] = "credentials.json";

// std::nullopt with *error set when the file exists but cannot be read or is damaged, or
// cannot be created.
std::optional<KeyPair> loadOrCreateKeyPair(const QString &dataDirectory, QString *error);

} // namespace coffer::server::app
