#include "ui/dialogs/connection_check.h"

#include "ui/dialogs/network_diagnosis.h"

#include "client/s3_client.h"
#include "s3/endpoint/endpoint.h"

#include <QNetworkAccessManager>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace coffer::ui {

using Outcome = ConnectionCheckResult::Outcome;

ConnectionCheck::ConnectionCheck(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<ConnectionCheckResult>();
}

ConnectionCheck::~ConnectionCheck()
{
    m_client.reset(); // before the network manager it uses
}

void ConnectionCheck::cancel()
{
    ++m_generation;
    m_running = false;
    if (m_diagnosis) {
        m_diagnosis->deleteLater();
        m_diagnosis = nullptr;
    }
    // Replies of the old client finish as Canceled into callbacks whose generation is stale.
    m_client.reset();
}

void ConnectionCheck::start(const profiles::Profile &profile, const QByteArray &secretAccessKey,
                            const QByteArray &sessionToken)
{
    cancel();
    m_running = true;
    m_profile = profile;
    const QStringList problems = profile.validate();
    if (!problems.isEmpty()) {
        finish(Outcome::InvalidProfile, problems.join(u' '));
        return;
    }
    if (secretAccessKey.isEmpty()) {
        finish(Outcome::InvalidProfile, tr("Enter the secret access key (for an R2 API token, the token value) "
                                           "before testing."));
        return;
    }
    const std::optional<s3::Endpoint> endpoint = s3::parseEndpoint(profile.endpointUrl);
    client::ClientConfig config;
    config.endpoint = *endpoint; // validate() has parsed it
    config.addressing = profile.addressing;
    config.provider = profile.provider;
    config.region = s3::normalizeRegion(profile.provider, profile.region).value_or(u"us-east-1"_s).toUtf8();
    config.credentials = {profile.accessKeyId.trimmed().toUtf8(), secretAccessKey, sessionToken};
    // One repeat: enough for the client to correct a skewed clock, short enough that a
    // dead host is reported in seconds rather than after the full backoff.
    config.retry.maxAttempts = 2;
    config.retry.baseDelay = 200ms;
    config.retry.maxBackoff = 1000ms;
    config.transferTimeout = 15s;
    config.clock = m_clock;
    m_client = std::make_unique<client::S3Client>(std::move(config), m_network);

    const quint64 generation = m_generation;
    if (profile.canListBuckets()) {
        m_client->listBuckets()->onFinished(this, [this, generation](const client::Result<s3::ListBucketsPage> &page) {
            if (generation != m_generation)
                return;
            if (!page) {
                failedWith(page.error());
                return;
            }
            succeeded(tr("%n bucket(s) visible.", nullptr, int(page->buckets.size())));
        });
    } else {
        m_client->listObjectsV2({.bucket = profile.defaultBucket, .maxKeys = 1})
            ->onFinished(this, [this, generation](const client::Result<s3::ListObjectsPage> &page) {
                if (generation != m_generation)
                    return;
                if (!page) {
                    failedWith(page.error());
                    return;
                }
                succeeded(tr("Bucket “%1” can be listed.").arg(m_profile.defaultBucket));
            });
    }
}

void ConnectionCheck::succeeded(const QString &what)
{
    const milliseconds offset = m_client->clockOffset();
    if (offset != 0ms) {
        const int minutes = int(std::lround(std::abs(double(offset.count())) / 60000.0));
        finish(Outcome::ConnectedClockCorrected,
               tr("Connected. %1 But this computer’s clock is about %n minute(s) off the server’s: "
                  "Coffer corrects for it, yet other tools will fail. Turn on automatic time.",
                  nullptr, minutes)
                   .arg(what));
        return;
    }
    finish(Outcome::Connected, tr("Connected. %1").arg(what));
}

void ConnectionCheck::failedWith(const s3::S3Error &error)
{
    using Kind = s3::S3Error::Kind;
    const QString bucket = m_profile.defaultBucket;
    if (error.kind == Kind::Network || error.kind == Kind::Timeout) {
        const s3::Endpoint endpoint = *s3::parseEndpoint(m_profile.endpointUrl);
        m_diagnosis = new NetworkDiagnosis(this);
        const quint64 generation = m_generation;
        const QString fallback = error.userMessage();
        connect(m_diagnosis, &NetworkDiagnosis::diagnosed, this,
                [this, generation, endpoint, fallback](NetworkDiagnosis::Finding finding, const QString &detail) {
                    if (generation != m_generation)
                        return;
                    switch (finding) {
                    case NetworkDiagnosis::Finding::HostNotFound:
                        finish(Outcome::HostNotFound,
                               tr("The server “%1” was not found (DNS). Check the endpoint address%2 and "
                                  "this computer’s internet connection.")
                                   .arg(endpoint.host,
                                        m_profile.provider == s3::Provider::CloudflareR2
                                            ? tr(", the account ID and the jurisdiction")
                                            : QString()));
                        return;
                    case NetworkDiagnosis::Finding::Tls:
                        finish(Outcome::Tls, tr("The secure connection to “%1” was refused: %2. Check the "
                                                "endpoint address; a proxy or antivirus that inspects "
                                                "TLS needs its certificate installed on this computer.")
                                                 .arg(endpoint.host, detail));
                        return;
                    case NetworkDiagnosis::Finding::Unreachable:
                        finish(Outcome::Unreachable,
                               tr("“%1” did not accept a connection on port %2: %3 Check the endpoint "
                                  "address and port, and whether a firewall or proxy is in the way.")
                                   .arg(endpoint.host)
                                   .arg(endpoint.effectivePort())
                                   .arg(detail.endsWith(u'.') ? detail : detail + u'.'));
                        return;
                    case NetworkDiagnosis::Finding::Reachable:
                        finish(Outcome::Unreachable, fallback);
                        return;
                    }
                });
        m_diagnosis->start(endpoint.host, endpoint.effectivePort(), endpoint.isHttps());
        return;
    }
    if (error.code == u"RequestTimeTooSkewed") {
        finish(Outcome::ClockSkew, tr("The server refused this computer’s time: the clock differs from the "
                                      "server’s by more than 15 minutes. Set the clock right (turn on "
                                      "automatic time) and test again."));
        return;
    }
    if (error.code == u"InvalidAccessKeyId") {
        finish(Outcome::UnknownAccessKey,
               tr("The server does not know the access key ID “%1”. Check it for typing errors%2; "
                  "the key may also have been deleted or belong to another account.")
                   .arg(m_profile.accessKeyId.trimmed(),
                        m_profile.provider == s3::Provider::CloudflareR2 ? tr(" (for R2: the API token’s id)")
                                                                         : QString()));
        return;
    }
    if (error.code == u"SignatureDoesNotMatch") {
        finish(Outcome::BadSecret, tr("The access key ID is known but the secret access key does not match it. "
                                      "Enter the secret again%1.")
                                       .arg(m_profile.provider == s3::Provider::CloudflareR2
                                                ? tr(" (or derive it from the API token)")
                                                : QString()));
        return;
    }
    if (error.code == u"AccessDenied" || (error.kind == Kind::Http && error.httpStatus == 403)) {
        if (m_profile.canListBuckets()) {
            finish(Outcome::AccessDenied,
                   tr("The keys work but may not list buckets. If they belong to a token limited to one "
                      "bucket, turn on “Single bucket” and enter that bucket’s name."));
        } else {
            finish(Outcome::AccessDenied, tr("The keys may not list bucket “%1”. Check that the token grants "
                                             "access to this bucket, and its name.")
                                              .arg(bucket));
        }
        return;
    }
    if (error.code == u"NoSuchBucket") {
        finish(Outcome::NoSuchBucket, tr("There is no bucket “%1” at this endpoint. Check its name%2.")
                                          .arg(bucket, m_profile.provider == s3::Provider::CloudflareR2
                                                           ? tr(" and the jurisdiction it was created in")
                                                           : QString()));
        return;
    }
    finish(Outcome::Failed, error.userMessage());
}

void ConnectionCheck::finish(Outcome outcome, const QString &message)
{
    m_running = false;
    if (m_diagnosis) {
        m_diagnosis->deleteLater();
        m_diagnosis = nullptr;
    }
    Q_EMIT finished(ConnectionCheckResult{outcome, message});
}

} // namespace coffer::ui
