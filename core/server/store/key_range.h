#pragma once
// Bytewise key arithmetic for listings: where a prefix's keys end, and which common
// prefix a key rolls up into.

#include <QByteArray>

#include <optional>

namespace coffer::server {

// The smallest byte string greater than every string starting with prefix; std::nullopt
// when there is none (the prefix is empty or all 0xFF bytes).
std::optional<QByteArray> prefixSuccessor(const QByteArray &prefix);

// For a key that starts with prefix: prefix up to and including the first delimiter after
// it, or an empty array when the key does not roll up (no delimiter, or none asked for).
QByteArray commonPrefixOf(const QByteArray &key, const QByteArray &prefix,
                          const QByteArray &delimiter);

} // namespace coffer::server
