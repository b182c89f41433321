#pragma once
// Importing S3 remotes from rclone.conf: sections with "type = s3", their "provider"
// (Cloudflare, AWS, Minio, Ceph, Wasabi, ...), keys, endpoint, region and
// force_path_style. Remotes of other types (drive, b2, crypt, ...) are skipped with a note.

#include "profiles/importresult.h"

#include <QString>

namespace coffer::profiles {

// Pure: reads the file at path, writes nothing. Remotes without keys (env_auth) are
// skipped with a note.
ImportResult importRcloneConfig(const QString &path);

} // namespace coffer::profiles
