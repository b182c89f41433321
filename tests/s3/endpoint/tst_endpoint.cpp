// Endpoint parsing (good and bad input, with errors in words) and request addressing:
// Host header and wire path for path-style and virtual-hosted requests, including the
// keys that break clients which normalize or double-encode.

#include "s3/endpoint/endpoint.h"

#include <QTest>

using namespace coffer::s3;
using namespace Qt::StringLiterals;

class TestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void roundTrip_data();
    void roundTrip();
    void virtualHostCompatible_data();
    void virtualHostCompatible();
    void addressing_data();
    void addressing();
};

void TestEndpoint::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QByteArray>("hostHeader");

    QTest::newRow("r2") << u"https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s
                        << u"https"_s << u"0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s
                        << -1 << QString()
                        << QByteArray("0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com");
    QTest::newRow("trailing slash and spaces") << u"  https://s3.example.com/  "_s << u"https"_s
                                               << u"s3.example.com"_s << -1 << QString()
                                               << QByteArray("s3.example.com");
    QTest::newRow("uppercase scheme and host") << u"HTTPS://S3.Example.COM"_s << u"https"_s
                                               << u"s3.example.com"_s << -1 << QString()
                                               << QByteArray("s3.example.com");
    QTest::newRow("local minio") << u"http://127.0.0.1:9000"_s << u"http"_s << u"127.0.0.1"_s << 9000
                                 << QString() << QByteArray("127.0.0.1:9000");
    QTest::newRow("default port dropped") << u"https://s3.example.com:443"_s << u"https"_s
                                          << u"s3.example.com"_s << -1 << QString()
                                          << QByteArray("s3.example.com");
    QTest::newRow("https on 80 kept") << u"https://s3.example.com:80"_s << u"https"_s
                                      << u"s3.example.com"_s << 80 << QString()
                                      << QByteArray("s3.example.com:80");
    QTest::newRow("ipv6") << u"http://[::1]:8080"_s << u"http"_s << u"::1"_s << 8080 << QString()
                          << QByteArray("[::1]:8080");
    QTest::newRow("base path") << u"https://gw.example.com/storage/s3/"_s << u"https"_s
                               << u"gw.example.com"_s << -1 << u"/storage/s3"_s
                               << QByteArray("gw.example.com");
    QTest::newRow("localhost") << u"http://localhost:3900"_s << u"http"_s << u"localhost"_s << 3900
                               << QString() << QByteArray("localhost:3900");
    QTest::newRow("idn to punycode") << u"https://bücher.example"_s << u"https"_s
                                     << u"xn--bcher-kva.example"_s << -1 << QString()
                                     << QByteArray("xn--bcher-kva.example");
}

void TestEndpoint::parseGood()
{
    QFETCH(QString, text);
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, basePath);
    QFETCH(QByteArray, hostHeader);

    EndpointError error;
    const std::optional<Endpoint> endpoint = parseEndpoint(text, &error);
    QVERIFY2(endpoint, qPrintable(error.message));
    QCOMPARE(endpoint->scheme, scheme);
    QCOMPARE(endpoint->host, host);
    QCOMPARE(endpoint->port, port);
    QCOMPARE(endpoint->basePath, basePath);
    QCOMPARE(endpoint->hostHeader(), hostHeader);
    QCOMPARE(endpoint->effectivePort(), port >= 0 ? port : (scheme == u"https" ? 443 : 80));
}

void TestEndpoint::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<EndpointError::Code>("code");
    QTest::addColumn<QString>("mentions"); // a word the message must contain

    using Code = EndpointError::Code;
    QTest::newRow("empty") << QString() << Code::Empty << u"endpoint"_s;
    QTest::newRow("blank") << u"   "_s << Code::Empty << u"endpoint"_s;
    QTest::newRow("no scheme") << u"s3.example.com"_s << Code::NoScheme << u"https://"_s;
    QTest::newRow("host:port no scheme") << u"localhost:9000"_s << Code::NoScheme << u"http://"_s;
    QTest::newRow("ftp") << u"ftp://s3.example.com"_s << Code::UnsupportedScheme << u"ftp"_s;
    QTest::newRow("s3 scheme") << u"s3://bucket"_s << Code::UnsupportedScheme << u"https://"_s;
    QTest::newRow("empty host") << u"https://"_s << Code::EmptyHost << u"host"_s;
    QTest::newRow("empty host with path") << u"https:///bucket"_s << Code::EmptyHost << u"host"_s;
    QTest::newRow("port only") << u"http://:9000"_s << Code::EmptyHost << u"host"_s;
    QTest::newRow("user info") << u"https://key:secret@s3.example.com"_s << Code::UserInfo << u"@"_s;
    QTest::newRow("user only") << u"https://me@s3.example.com"_s << Code::UserInfo << u"@"_s;
    QTest::newRow("query") << u"https://s3.example.com/?region=x"_s << Code::QueryOrFragment << u"?"_s;
    QTest::newRow("fragment") << u"https://s3.example.com#top"_s << Code::QueryOrFragment << u"#"_s;
    QTest::newRow("port zero") << u"http://127.0.0.1:0"_s << Code::BadPort << u"65535"_s;
    QTest::newRow("port too big") << u"http://127.0.0.1:70000"_s << Code::BadPort << u"70000"_s;
    QTest::newRow("port letters") << u"http://127.0.0.1:90a0"_s << Code::BadPort << u"90a0"_s;
    QTest::newRow("space in host") << u"https://s3 example.com"_s << Code::Malformed << u"s3 example.com"_s;
    QTest::newRow("bad ipv6") << u"http://[::zz]:9000"_s << Code::Malformed << u"[::zz]"_s;
}

void TestEndpoint::parseBad()
{
    QFETCH(QString, text);
    QFETCH(EndpointError::Code, code);
    QFETCH(QString, mentions);

    EndpointError error;
    QCOMPARE(parseEndpoint(text, &error).has_value(), false);
    QCOMPARE(error.code, code);
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
    QVERIFY2(error.message.endsWith(u'.'), qPrintable(error.message)); // a sentence
    QCOMPARE(parseEndpoint(text).has_value(), false);
}

void TestEndpoint::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"https://s3.example.com"_s;
    QTest::newRow("port") << u"http://127.0.0.1:9000"_s;
    QTest::newRow("ipv6") << u"http://[fe80::1]:9000"_s;
    QTest::newRow("path with space") << u"https://gw.example.com/my%20store"_s;
}

void TestEndpoint::roundTrip()
{
    QFETCH(QString, text);
    const std::optional<Endpoint> endpoint = parseEndpoint(text);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->toString(), text);
    QCOMPARE(parseEndpoint(endpoint->toString()), endpoint);
    QVERIFY(endpoint->toUrl().isValid());
    QCOMPARE(endpoint->toUrl().host(QUrl::FullyEncoded), endpoint->host);
}

void TestEndpoint::virtualHostCompatible_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<bool>("compatible");

    const QString aws = u"https://s3.us-east-1.amazonaws.com"_s;
    QTest::newRow("plain") << aws << u"my-bucket"_s << true;
    QTest::newRow("dots over https") << aws << u"my.bucket"_s << false;
    QTest::newRow("dots over http") << u"http://s3.example.com"_s << u"my.bucket"_s << true;
    QTest::newRow("uppercase") << aws << u"MyBucket"_s << false;
    QTest::newRow("underscore") << aws << u"my_bucket"_s << false;
    QTest::newRow("leading hyphen") << aws << u"-bucket"_s << false;
    QTest::newRow("label ends with hyphen") << u"http://s3.example.com"_s << u"a-.b"_s << false;
    QTest::newRow("empty label") << u"http://s3.example.com"_s << u"a..b"_s << false;
    QTest::newRow("too short") << aws << u"ab"_s << false;
    QTest::newRow("too long") << aws << QString(64, u'a') << false;
    QTest::newRow("ip bucket") << u"http://s3.example.com"_s << u"10.0.0.1"_s << false;
    QTest::newRow("ip endpoint") << u"http://127.0.0.1:9000"_s << u"bucket"_s << false;
    QTest::newRow("ipv6 endpoint") << u"http://[::1]:9000"_s << u"bucket"_s << false;
    QTest::newRow("localhost endpoint") << u"http://localhost:9000"_s << u"bucket"_s << false;
    QTest::newRow("single-label endpoint") << u"http://minio:9000"_s << u"bucket"_s << false;
}

void TestEndpoint::virtualHostCompatible()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, bucket);
    QFETCH(bool, compatible);

    const std::optional<Endpoint> parsed = parseEndpoint(endpoint);
    QVERIFY(parsed);
    QCOMPARE(isVirtualHostCompatible(*parsed, bucket), compatible);
}

void TestEndpoint::addressing_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<AddressingStyle>("style");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<AddressingStyle>("usedStyle");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");

    const QString r2 = u"https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s;
    const QByteArray r2Host = "0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com";
    const auto path = AddressingStyle::PathStyle;
    const auto virt = AddressingStyle::VirtualHosted;

    // Path-style: every key encoded once, never normalized.
    const QList<std::tuple<const char *, QString, QByteArray>> keys{
        {"space", u"a b"_s, "a%20b"},
        {"plus", u"a+b"_s, "a%2Bb"},
        {"double slash", u"a//b"_s, "a//b"},
        {"dot dot", u".."_s, ".."},
        {"percent 2F", u"%2F"_s, "%252F"},
        {"emoji", u"😀.txt"_s, "%F0%9F%98%80.txt"},
        {"folder marker", u"key/"_s, "key/"},
        {"unreserved", u"A-Z_a.z~0"_s, "A-Z_a.z~0"},
        {"accents and quotes", u"&+-é\"/x"_s, "%26%2B-%C3%A9%22/x"},
    };
    for (const auto &[name, key, encoded] : keys) {
        QTest::addRow("path/%s", name) << r2 << path << u"photos"_s << key << path << r2Host
                                       << "/photos/" + encoded;
        QTest::addRow("virtual/%s", name) << r2 << virt << u"photos"_s << key << virt
                                          << "photos." + r2Host << "/" + encoded;
    }

    QTest::newRow("service") << r2 << virt << QString() << QString() << virt << r2Host << QByteArray("/");
    QTest::newRow("bucket path") << r2 << path << u"photos"_s << QString() << path << r2Host
                                 << QByteArray("/photos");
    QTest::newRow("bucket virtual") << r2 << virt << u"photos"_s << QString() << virt
                                    << "photos." + r2Host << QByteArray("/");
    QTest::newRow("fallback dots https") << u"https://s3.us-west-2.amazonaws.com"_s << virt
                                         << u"my.photos"_s << u"a b"_s << path
                                         << QByteArray("s3.us-west-2.amazonaws.com")
                                         << QByteArray("/my.photos/a%20b");
    QTest::newRow("fallback uppercase") << u"https://s3.example.com"_s << virt << u"Photos"_s
                                        << u"k"_s << path << QByteArray("s3.example.com")
                                        << QByteArray("/Photos/k");
    QTest::newRow("fallback ip") << u"http://127.0.0.1:9000"_s << virt << u"photos"_s << u"k"_s << path
                                 << QByteArray("127.0.0.1:9000") << QByteArray("/photos/k");
    QTest::newRow("dots over http stay virtual") << u"http://s3.example.com:8080"_s << virt
                                                 << u"my.photos"_s << u"k"_s << virt
                                                 << QByteArray("my.photos.s3.example.com:8080")
                                                 << QByteArray("/k");
    QTest::newRow("base path, path-style") << u"https://gw.example.com/store%20one"_s << path
                                           << u"b1"_s << u"a b"_s << path
                                           << QByteArray("gw.example.com")
                                           << QByteArray("/store%20one/b1/a%20b");
    QTest::newRow("base path, virtual") << u"https://gw.example.com/s3"_s << virt << u"b01"_s
                                        << u"x/y"_s << virt << QByteArray("b01.gw.example.com")
                                        << QByteArray("/s3/x/y");
    QTest::newRow("base path, service") << u"https://gw.example.com/s3"_s << path << QString()
                                        << QString() << path << QByteArray("gw.example.com")
                                        << QByteArray("/s3/");
    QTest::newRow("ipv6 host header") << u"http://[::1]:9000"_s << path << u"b1"_s << u"k"_s << path
                                      << QByteArray("[::1]:9000") << QByteArray("/b1/k");
}

void TestEndpoint::addressing()
{
    QFETCH(QString, endpoint);
    QFETCH(AddressingStyle, style);
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(AddressingStyle, usedStyle);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);

    const std::optional<Endpoint> parsed = parseEndpoint(endpoint);
    QVERIFY(parsed);
    const RequestTarget target = requestTarget(*parsed, style, bucket, key);
    QCOMPARE(target.style, usedStyle);
    QCOMPARE(target.host, host);
    QCOMPARE(target.encodedPath, path);

    // The URL carries the same bytes, and QUrl in strict mode neither re-encodes nor
    // normalizes them (what the client hands to QNetworkRequest).
    const QByteArray url = target.url(*parsed);
    QCOMPARE(url, parsed->scheme.toLatin1() + "://" + host + path);
    const QUrl asUrl = QUrl::fromEncoded(url, QUrl::StrictMode);
    QVERIFY(asUrl.isValid());
    QCOMPARE(asUrl.path(QUrl::FullyEncoded).toLatin1(), path);
    // Decoding the wire path gives back exactly what was addressed.
    if (!key.isEmpty())
        QVERIFY(QUrl::fromPercentEncoding(path).endsWith(key));
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
