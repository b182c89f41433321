#pragma once
// Turning --profile, the AWS_* variables, the ~/.aws files and the connection flags into
// an S3 client configuration, with aws-cli's precedence: flags > environment > files.
// Pure functions: the environment comes in as a QProcessEnvironment, so tests run with
// a temporary HOME and their own variables.

#include "invocation.h"

#include "client/client_config.h"
#include "profiles/profile.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace coffer::cli {

struct ResolvedConnection {
    client::ClientConfig config;
    QString source; // for a person: "the AWS_* environment", "Coffer profile “x”", ...
    QStringList notes; // things worth saying on stderr (never a secret)
};

struct ConnectionResult {
    std::optional<ResolvedConnection> connection;
    QString error; // one sentence: what is wrong and what to do
};

// From the AWS tools' sources. awsProfile empty: AWS_ACCESS_KEY_ID/... win, else
// AWS_PROFILE or "default" from the files. awsProfile set (--profile NAME with no Coffer
// profile of that name): that profile from the files, ignoring key variables as aws-cli
// does for an explicit --profile. flags (endpoint, region, addressing) go on top.
ConnectionResult resolveAwsConnection(
    const ConnectionOptions &flags, const QString &awsProfile, const QProcessEnvironment &environment);

// From a Coffer profile and the secrets read from the keychain; flags go on top.
ConnectionResult connectionFromProfile(const profiles::Profile &profile, const QByteArray &secretAccessKey,
    const QByteArray &sessionToken, const ConnectionOptions &flags);

} // namespace coffer::cli
