#pragma once
// Importing what the AWS tools would use from the environment: the shared files named by
// AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE (else ~/.aws/credentials and
// ~/.aws/config under $HOME), and the AWS_* variables, applied with the AWS tools'
// precedence: keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY win over any profile and
// become the default; otherwise AWS_PROFILE (else "default") picks the default profile.
// AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL, AWS_REGION over AWS_DEFAULT_REGION, both
// over what the chosen profile's files say.

#include "profiles/importresult.h"

#include <QProcessEnvironment>

namespace coffer::profiles {

// The name of the profile built from AWS_ACCESS_KEY_ID and friends.
inline constexpr QStringView kEnvironmentProfileName = u"Environment (AWS_ACCESS_KEY_ID)";

// Pure apart from reading the two files; missing files at the default locations are
// not errors, files named by the variables are.
ImportResult importAwsEnvironment(const QProcessEnvironment &environment);

} // namespace coffer::profiles
