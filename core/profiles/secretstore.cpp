#include "profiles/secretstore.h"

#include "lcProfiles.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

SecretError noKeychain(const QString &detail)
{
    return SecretError{
        SecretError::Code::NoKeychain,
        u"No OS keychain is available (%1), and Coffer does not store secrets in plain text. "
        "Install and unlock GNOME Keyring or KWallet (any Secret Service provider), then try "
        "again, or give the keys through the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
        "environment variables."_s.arg(detail)};
}

SecretError toSecretError(const QKeychain::Job &job)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return {SecretError::Code::NotFound,
                u"The keychain has no such secret for this profile. Enter it again."_s};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretError::Code::AccessDenied,
                u"The keychain refused access (%1). Unlock it and allow Coffer to use it, then "
                "try again."_s.arg(detail)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // With libsecret an unreachable Secret Service arrives as OtherError carrying a
        // D-Bus message; either way there is no keychain to talk to.
        return noKeychain(detail);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoError:
        break;
    }
    return {SecretError::Code::Failed,
            u"The keychain reported an error (%1). Try again; if it persists, check the "
            "keychain service."_s.arg(detail)};
}

// Sets up what every job shares. The insecure fallback (QSettings in plain text) is
// switched off explicitly, whatever QtKeychain's default is.
template<typename JobType>
JobType *makeJob(const QUuid &profileId, SecretKind kind)
{
    // No parent: QtKeychain's backends call back into the job when the keychain answers,
    // so a job must outlive whoever started it; it deletes itself once finished.
    auto *job = new JobType(kKeychainService.toString());
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(secretKey(profileId, kind));
    return job;
}

} // namespace

QString secretKey(const QUuid &profileId, SecretKind kind)
{
    return profileId.toString(QUuid::WithoutBraces) % u'/' % secretKindId(kind);
}

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

void SecretStore::read(const QUuid &profileId, SecretKind kind, const QObject *context,
                       ReadCallback callback)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(profileId, kind);
    connect(job, &QKeychain::Job::finished, context,
            [callback = std::move(callback)](QKeychain::Job *finished) {
                SecretReadResult result;
                if (finished->error() == QKeychain::NoError)
                    result.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
                else
                    result.error = toSecretError(*finished);
                callback(result);
            });
    qCDebug(lcProfiles) << "Reading keychain entry" << job->key();
    job->start();
}

void SecretStore::write(const QUuid &profileId, SecretKind kind, const QByteArray &secret,
                        const QObject *context, DoneCallback callback)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(profileId, kind);
    // Stored as text so that other Secret Service tools show the secret as it is.
    job->setTextData(QString::fromUtf8(secret));
    connect(job, &QKeychain::Job::finished, context,
            [callback = std::move(callback)](QKeychain::Job *finished) {
                if (finished->error() == QKeychain::NoError)
                    callback(std::nullopt);
                else
                    callback(toSecretError(*finished));
            });
    qCDebug(lcProfiles) << "Writing keychain entry" << job->key();
    job->start();
}

void SecretStore::remove(const QUuid &profileId, SecretKind kind, const QObject *context,
                         DoneCallback callback)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(profileId, kind);
    connect(job, &QKeychain::Job::finished, context,
            [callback = std::move(callback)](QKeychain::Job *finished) {
                // Deleting what is not there leaves the keychain as asked.
                if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound)
                    callback(std::nullopt);
                else
                    callback(toSecretError(*finished));
            });
    qCDebug(lcProfiles) << "Removing keychain entry" << job->key();
    job->start();
}

} // namespace coffer::profiles
