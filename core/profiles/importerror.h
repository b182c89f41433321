#pragma once
// What an importer reports about a file it could not fully read. Importers never stop
// at the first problem: they return every profile they could parse plus these.

#include <QList>
#include <QString>

namespace coffer::profiles {

struct ImportError {
    QString file;    // as shown to a person: the home folder written as "~"
    int line = 0;    // 1-based; 0 when the problem is the file as a whole
    QString message; // what happened and what to do, in sentences

    // "~/.aws/config, line 7: a key outside any [section]. ..."
    QString sentence() const;
    friend bool operator==(const ImportError &, const ImportError &) = default;
};

// The path as a person would type it: "/home/ann/.aws/config" -> "~/.aws/config".
QString displayPath(const QString &path);

} // namespace coffer::profiles
