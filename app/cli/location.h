#pragma once
// Where a command reads or writes: an object or prefix in a bucket ("s3://bucket/key",
// or "PROFILE:bucket/key" when profile paths are allowed), a local path, or "-" for
// standard input/output.

#include <QString>

#include <optional>

namespace coffer::cli {

struct Location {
    enum class Kind { Local, Remote, Stream };
    Kind kind = Kind::Local;
    QString connection; // Remote: the profile named by "PROFILE:", empty for the default
    QString bucket; // Remote
    QString key; // Remote: the key or prefix, possibly empty or ending in '/'
    QString localPath; // Local

    bool isRemote() const { return kind == Kind::Remote; }
    bool isLocal() const { return kind == Kind::Local; }
    bool isStream() const { return kind == Kind::Stream; }
    // As the user would type it back: s3://bucket/key, PROFILE:bucket/key, a path, "-".
    QString display() const;
    // The same store location with another key.
    Location withKey(const QString &newKey) const;

    bool operator==(const Location &) const = default;
};

// profilePaths: "NAME:bucket/key" names a remote location on the profile NAME (allowed
// when --profile is in use, as the issue asks). A one-letter NAME is never a profile,
// so "C:/..." stays a path. On failure returns std::nullopt and sets *error to a
// sentence saying what is wrong and what to type instead.
std::optional<Location> parseLocation(const QString &text, bool profilePaths, QString *error = nullptr);

} // namespace coffer::cli
