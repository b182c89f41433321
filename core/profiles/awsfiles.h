#pragma once
// Importing the AWS CLI's shared files: ~/.aws/credentials ([name] sections with keys)
// and ~/.aws/config ([default], [profile name], [services name] sections with region,
// endpoint_url, the nested "s3 =" block's endpoint_url and addressing_style, and the
// "services" reference). Sections of the same profile in both files are merged, the
// credentials file winning for keys, as the AWS tools do.

#include "profiles/importresult.h"

#include <QString>

namespace coffer::profiles {

// Either path may be empty to leave that file out; a path that is given but cannot be
// read is an error. Profiles without an access key id (SSO, assumed roles, credential
// processes) are skipped with a note. Pure: reads the two files, writes nothing.
ImportResult importAwsFiles(const QString &credentialsPath, const QString &configPath);

} // namespace coffer::profiles
