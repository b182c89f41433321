#include "app/version_banner.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QStringList>

#include <ksyntaxhighlighting_version.h>

using namespace Qt::StringLiterals;

namespace coffer::app {

QString versionBanner()
{
    const QString ssl = QSslSocket::supportsSsl() ? QSslSocket::sslLibraryVersionString()
                                                  : u"no TLS backend"_s;
    return QStringList{
        u"%1 %2"_s.arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()),
        u"Qt %1 (built against %2)"_s.arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        ssl,
        u"KSyntaxHighlighting %1"_s.arg(QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING)),
    }.join(u'\n');
}

} // namespace coffer::app
