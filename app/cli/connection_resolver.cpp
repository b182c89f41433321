#include "connection_resolver.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QPointer>
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

// A keychain that neither answers nor fails (a locked wallet waiting for a prompt no
// one sees) must not hang a script.
constexpr int kKeychainPatienceMs = 15000;

struct SecretsRead {
    QByteArray secret;
    QByteArray token;
    int pending = 0;
    bool done = false;
    QString failure;
};

} // namespace

ConnectionResolver::ConnectionResolver(
    QProcessEnvironment environment, std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
{
    if (!settings)
        settings = std::make_unique<QSettings>(
            QSettings::NativeFormat, QSettings::UserScope, u"Coffer"_s, u"Coffer"_s);
    m_profiles = new profiles::ProfileStore(std::move(settings), this);
    m_secrets = new profiles::SecretStore(this);
}

ConnectionResolver::~ConnectionResolver() = default;

void ConnectionResolver::resolve(
    const QString &name, const ConnectionOptions &flags, const QObject *context, Callback callback)
{
    if (!name.isEmpty()) {
        const QList<profiles::Profile> all = m_profiles->profiles();
        for (const profiles::Profile &p : all) {
            if (p.name == name) {
                fromProfile(p, flags, context, std::move(callback));
                return;
            }
        }
    }
    // Answer asynchronously in every case, so callers see one behaviour.
    QTimer::singleShot(0, context, [this, name, flags, callback = std::move(callback)] {
        callback(resolveAwsConnection(flags, name, m_environment));
    });
}

void ConnectionResolver::fromProfile(const profiles::Profile &profile, const ConnectionOptions &flags,
    const QObject *context, Callback callback)
{
    auto state = std::make_shared<SecretsRead>();
    QPointer<const QObject> guard(context);
    auto finish = [this, state, profile, flags, guard, callback = std::move(callback)] {
        if (state->done || !guard)
            return;
        if (state->pending > 0 && state->failure.isEmpty())
            return;
        state->done = true;
        if (!state->failure.isEmpty()) {
            fallBack(profile.name, flags, state->failure, guard, callback);
            return;
        }
        callback(connectionFromProfile(profile, state->secret, state->token, flags));
    };
    auto reader = [state, finish](QByteArray *into) {
        return [state, finish, into](const profiles::SecretReadResult &r) {
            --state->pending;
            if (r.error && state->failure.isEmpty())
                state->failure = r.error->message;
            else
                *into = r.secret;
            finish();
        };
    };
    state->pending = profile.secrets.testFlag(profiles::SecretKind::SessionToken) ? 2 : 1;
    m_secrets->read(profile.id, profiles::SecretKind::SecretAccessKey, this, reader(&state->secret));
    if (state->pending == 2)
        m_secrets->read(profile.id, profiles::SecretKind::SessionToken, this, reader(&state->token));
    QTimer::singleShot(kKeychainPatienceMs, this, [state, finish] {
        if (state->failure.isEmpty())
            state->failure
                = u"The keychain did not answer within %1 seconds."_s.arg(kKeychainPatienceMs / 1000);
        finish();
    });
}

void ConnectionResolver::fallBack(const QString &name, const ConnectionOptions &flags, const QString &why,
    const QObject *context, const Callback &callback)
{
    ConnectionResult result = resolveAwsConnection(flags, name, m_environment);
    if (!result.connection)
        result = resolveAwsConnection(flags, {}, m_environment);
    const QString note = u"The keychain could not give the secret of the Coffer profile “%1” (%2); "
                         "using AWS-style credentials instead."_s.arg(name, why);
    if (result.connection) {
        result.connection->notes.prepend(note);
        result.connection->source += u" (keychain unavailable)"_s;
    } else {
        result.error = note + u" But: "_s + result.error;
    }
    if (context)
        callback(result);
}

} // namespace coffer::cli
