#pragma once
// Sizes and rates as people type and read them: "8MiB", "16MB", "10MB/s", "1.5 GiB".
// As in aws-cli, KB/MB/GB/TB are binary (1024-based), like KiB/MiB/GiB/TiB.

#include <QString>

#include <optional>

namespace coffer::cli {

// "8MiB", "8MB", "8 mb", "8388608", "0.5GiB" -> bytes; std::nullopt when not a size.
std::optional<qint64> parseByteSize(const QString &text);
// "10MB/s", "10MiB/s", "500KB/s", "1048576" (bytes per second) -> bytes per second.
std::optional<qint64> parseByteRate(const QString &text);
// aws-cli's --human-readable: "3 Bytes", "1.0 KiB", "12.3 MiB".
QString humanSize(qint64 bytes);

} // namespace coffer::cli
