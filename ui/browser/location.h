#pragma once
// A place to browse on one connection: its bucket list, or a prefix in a bucket. What
// the path bar shows and reads back, what back/up navigation steps through, and what is
// saved as "the last location".

#include "s3/endpoint/provider.h"

#include <QString>

#include <optional>

namespace coffer::ui {

struct Location {
    QString connectionId; // Connection::id()
    QString bucket; // empty: the connection's bucket list
    QString prefix; // "" or ending in '/'

    bool isBucketList() const { return bucket.isEmpty(); }
    // "bucket/prefix/" as the path bar shows it; "" for the bucket list.
    QString path() const;
    // One level up: prefix "a/b/" → "a/", "a/" → the bucket's root, a root → the bucket list.
    Location parent() const;
    friend bool operator==(const Location &, const Location &) = default;
};

// Reads what was typed in the path bar: "bucket", "bucket/prefix/", "/bucket/prefix",
// "s3://bucket/prefix". A prefix without a trailing '/' gets one (the path bar names
// folders). On failure std::nullopt and *error says what is wrong and what to do.
std::optional<Location> parsePath(
    const QString &text, const QString &connectionId, s3::Provider provider, QString *error);

} // namespace coffer::ui
