#pragma once
// Objects picked in the browser, as they travel in an in-app drag or on the clipboard:
// one connection, one bucket, full keys (prefixes end in '/'). A private MIME type keeps
// other applications from reading it as something it is not; the same data also goes
// out as plain text (s3:// URIs), which is what a text editor should receive.

#include <QString>
#include <QStringList>

#include <optional>

class QMimeData;

namespace coffer::ui {

inline constexpr char kObjectSelectionMime[] = "application/x-coffer-object-selection";

struct ObjectSelection {
    QString connectionId;
    QString bucket;
    QStringList keys;

    bool isEmpty() const { return keys.isEmpty(); }
    // Writes the private format and the s3:// URIs as text into data.
    void writeTo(QMimeData *data) const;
    // std::nullopt when data holds no (valid) selection.
    static std::optional<ObjectSelection> readFrom(const QMimeData *data);
    friend bool operator==(const ObjectSelection &, const ObjectSelection &) = default;
};

} // namespace coffer::ui
