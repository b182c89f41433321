#pragma once

#include <QString>

namespace coffer::app {

// "Coffer 0.1.0" followed by the versions of the libraries that matter when
// reporting a bug: Qt (compiled and running), OpenSSL as Qt loaded it, KSyntaxHighlighting.
QString versionBanner();

} // namespace coffer::app
