#pragma once
// The address anyone can fetch an object at when its bucket is public (an R2 custom
// domain or r2.dev subdomain, a website endpoint, ...): the base URL and the key, each
// path segment percent-encoded.

#include <QString>
#include <QUrl>

namespace coffer::ui {

// Empty when base is empty or invalid. A base may carry a path ("https://cdn.example/files").
QString publicObjectUrl(const QUrl &base, const QString &key);

} // namespace coffer::ui
