#pragma once
// Shared by the keychain tests: waiting for SecretStore's callbacks, and the check that
// the test runs inside with-secret-service.sh's scratch HOME.

#include "profiles/secretstore.h"

#include <QDir>
#include <QTest>

namespace coffer::profiles::test {

struct Outcome {
    bool done = false;
    QByteArray secret;
    std::optional<SecretError> error;
};

inline bool runsInScratchHome()
{
    const QString home = qEnvironmentVariable("COFFER_TEST_HOME");
    return !home.isEmpty() && QDir(home) == QDir::home();
}

inline void startRead(SecretStore &store, const QUuid &id, SecretKind kind, QObject *context, Outcome &out)
{
    store.read(id, kind, context, [&out](const SecretReadResult &result) {
        out.secret = result.secret;
        out.error = result.error;
        out.done = true;
    });
}

inline void startWrite(SecretStore &store, const QUuid &id, SecretKind kind, const QByteArray &secret,
                       QObject *context, Outcome &out)
{
    store.write(id, kind, secret, context, [&out](const std::optional<SecretError> &error) {
        out.error = error;
        out.done = true;
    });
}

inline void startRemove(SecretStore &store, const QUuid &id, SecretKind kind, QObject *context, Outcome &out)
{
    store.remove(id, kind, context, [&out](const std::optional<SecretError> &error) {
        out.error = error;
        out.done = true;
    });
}

inline constexpr int kKeychainTimeoutMs = 20000;

} // namespace coffer::profiles::test
