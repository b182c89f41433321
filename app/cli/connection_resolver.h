#pragma once
// Finds the connection for a profile name: a Coffer profile (secret read from the OS
// keychain, asynchronously) or else the AWS sources. In a terminal session the keychain
// is often unreachable (no Secret Service on the bus); then the AWS sources are used and
// a note says so, instead of failing.

#include "connection.h"

#include <QObject>

#include <functional>
#include <memory>

#include <QSettings>

namespace coffer::profiles {
class ProfileStore;
class SecretStore;
} // namespace coffer::profiles

namespace coffer::cli {

class ConnectionResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ConnectionResult &)>;

    // settings: where the app keeps its profiles (nullptr: the app's own settings file).
    ConnectionResolver(
        QProcessEnvironment environment, std::unique_ptr<QSettings> settings, QObject *parent = nullptr);
    ~ConnectionResolver() override;

    // name empty: the AWS sources' default. flags apply on top. callback runs later,
    // exactly once, while context lives.
    void resolve(
        const QString &name, const ConnectionOptions &flags, const QObject *context, Callback callback);

private:
    void fromProfile(const profiles::Profile &profile, const ConnectionOptions &flags, const QObject *context,
        Callback callback);
    void fallBack(const QString &name, const ConnectionOptions &flags, const QString &why,
        const QObject *context, const Callback &callback);

    QProcessEnvironment m_environment;
    profiles::ProfileStore *m_profiles = nullptr;
    profiles::SecretStore *m_secrets = nullptr;
};

} // namespace coffer::cli
