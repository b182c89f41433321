#pragma once
// Secrets (secret access keys, session tokens, Cloudflare API tokens) live only in the OS
// keychain: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain on macOS, the
// Credential Manager on Windows, through QtKeychain. Every call is asynchronous and
// answers through a callback bound to a context object, which is dropped if the context
// dies first. When no keychain is reachable the answer is a NoKeychain error: Coffer
// never falls back to storing secrets in plain text, and never logs them.

#include "profiles/profile.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUuid>

#include <functional>
#include <optional>

namespace coffer::profiles {

struct SecretError {
    enum class Code {
        NoKeychain,   // no keychain service reachable (no Secret Service / KWallet running)
        NotFound,     // read of a secret that is not there
        AccessDenied, // the keychain is locked or the person refused access
        Failed,       // anything else the keychain reported
    };
    Code code = Code::Failed;
    QString message; // what happened and what to do; never contains the secret
};

// The keychain entry's name: "<profile id>/<kind id>", under the service "Coffer".
QString secretKey(const QUuid &profileId, SecretKind kind);
inline constexpr QStringView kKeychainService = u"Coffer";

struct SecretReadResult {
    QByteArray secret;               // empty when error is set
    std::optional<SecretError> error;
};

class SecretStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const SecretReadResult &)>;
    using DoneCallback = std::function<void(const std::optional<SecretError> &)>;

    explicit SecretStore(QObject *parent = nullptr);

    // Each starts one keychain job and returns at once; callback runs later on the
    // context's thread, unless context is gone by then.
    void read(const QUuid &profileId, SecretKind kind, const QObject *context, ReadCallback callback);
    // Writing over an existing secret replaces it.
    void write(const QUuid &profileId, SecretKind kind, const QByteArray &secret,
               const QObject *context, DoneCallback callback);
    // Removing a secret that is not there succeeds.
    void remove(const QUuid &profileId, SecretKind kind, const QObject *context, DoneCallback callback);
};

} // namespace coffer::profiles
