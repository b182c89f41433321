// The published SigV4 test suite, stage by stage (canonical request, string to sign,
// signature) for both the Authorization-header and the presigned-query forms.

#include "s3/sigv4/digest.h"
#include "s3/sigv4/signer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::s3::sigv4;

namespace {

// The shared folder beside the checkout; COFFER_SHARED_DIR in the environment overrides
// the built-in path (for build roots that mount it elsewhere).
QString vectorRoot()
{
    const QString shared = qEnvironmentVariable("COFFER_SHARED_DIR", QStringLiteral(COFFER_SHARED_DIR));
    return shared + u"/test-vectors/aws-sigv4"_s;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

struct VectorRequest {
    QByteArray method;
    QByteArray rawPath;  // decoded, as request.txt writes it
    QByteArray rawQuery; // as request.txt writes it (some names already %-encoded)
    HeaderList headers;
    QByteArray body;
};

// request.txt: "METHOD target HTTP/1.1", "Name:value" lines (a line starting with
// whitespace continues the previous value), an empty line, the body. The target may
// contain spaces ("/example space/"), so the protocol is cut from the end.
VectorRequest parseRequest(const QByteArray &text)
{
    VectorRequest request;
    const qsizetype bodyStart = text.indexOf("\n\n");
    const QByteArray head = bodyStart < 0 ? text : text.first(bodyStart);
    if (bodyStart >= 0)
        request.body = text.sliced(bodyStart + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray &requestLine = lines.value(0);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    request.method = requestLine.first(firstSpace);
    const QByteArray target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    request.rawPath = question < 0 ? target : target.first(question);
    request.rawQuery = question < 0 ? QByteArray() : target.sliced(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue;
        if ((line.front() == ' ' || line.front() == '\t') && !request.headers.isEmpty()) {
            request.headers.last().second.append(' ').append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        request.headers.append({line.first(colon), line.sliced(colon + 1)});
    }
    return request;
}

// True when a normalizing signer would change the path: an empty segment ("//") inside it,
// or a "." / ".." segment. S3 never normalizes, so such normalize:true cases expect a
// canonical URI that S3 would not sign and are left out of the tables.
bool needsNormalization(const QByteArray &rawPath)
{
    const QList<QByteArray> segments = rawPath.split('/');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QByteArray &segment = segments[i];
        const bool inner = i > 0 && i + 1 < segments.size();
        if (segment == "." || segment == ".." || (segment.isEmpty() && inner))
            return true;
    }
    return false;
}

// Fails the running test when dir holds no vector, saying where it looked.
#define REQUIRE_VECTOR(dir)                                                                             \
    QVERIFY2(QFile::exists((dir) + u"/context.json"_s),                                                 \
             qPrintable(u"no SigV4 vector in "_s + (dir)                                                \
                        + u": is shared/ beside the checkout and visible here (COFFER_SHARED_DIR)?"_s))

struct VectorCase {
    QString dir;
    QJsonObject context;
    VectorRequest request;
    Credentials credentials;
    bool omitToken = false;
    QDateTime time;
    Scope scope;
};

VectorCase loadCase(const QString &dir)
{
    VectorCase c;
    c.dir = dir;
    c.context = QJsonDocument::fromJson(readFile(dir + u"/context.json"_s)).object();
    c.request = parseRequest(readFile(dir + u"/request.txt"_s));
    const QJsonObject credentials = c.context.value(u"credentials"_s).toObject();
    c.credentials.accessKeyId = credentials.value(u"access_key_id"_s).toString().toUtf8();
    c.credentials.secretAccessKey = credentials.value(u"secret_access_key"_s).toString().toUtf8();
    c.credentials.sessionToken = credentials.value(u"token"_s).toString().toUtf8();
    c.omitToken = c.context.value(u"omit_session_token"_s).toBool();
    c.time = QDateTime::fromString(c.context.value(u"timestamp"_s).toString(), Qt::ISODate);
    c.scope = Scope{c.time.toUTC().date(), c.context.value(u"region"_s).toString().toUtf8(),
                    c.context.value(u"service"_s).toString().toUtf8()};
    return c;
}

CanonicalInput baseInput(const VectorCase &c)
{
    CanonicalInput input;
    input.method = c.request.method;
    input.encodedPath = encodePath(c.request.rawPath);
    input.query = parseQuery(c.request.rawQuery);
    input.headers = c.request.headers;
    input.payloadHash = sha256Hex(c.request.body);
    return input;
}

bool signsToken(const VectorCase &c)
{
    return !c.credentials.sessionToken.isEmpty() && !c.omitToken;
}

QueryList sortedQuery(QByteArrayView encoded)
{
    QueryList query = parseQuery(encoded);
    std::sort(query.begin(), query.end());
    return query;
}

QByteArray headerLine(const QByteArray &request, QByteArrayView name)
{
    for (const QByteArray &line : request.split('\n')) {
        if (line.startsWith(QByteArray(name.toByteArray() + ':')))
            return line.sliced(name.size() + 1);
    }
    return {};
}

} // namespace

class TestSignerVectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableCoversEveryUnnormalizedCase();
    void headerStages_data();
    void headerStages();
    void queryStages_data() { headerStages_data(); }
    void queryStages();
    void presignQueryMatchesSignedRequest_data() { headerStages_data(); }
    void presignQueryMatchesSignedRequest();
    void signHeadersMatchesSignedRequest_data() { headerStages_data(); }
    void signHeadersMatchesSignedRequest();

private:
    static QStringList includedCases(QStringList *unnormalized = nullptr);
};

QStringList TestSignerVectors::includedCases(QStringList *unnormalized)
{
    QStringList included;
    const QDir root(vectorRoot());
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const VectorCase c = loadCase(root.filePath(name));
        const bool normalize = c.context.value(u"normalize"_s).toBool(true);
        if (!normalize && unnormalized)
            unnormalized->append(name);
        // normalize:true cases are S3-valid only when normalizing would not touch the path.
        if (!normalize || !needsNormalization(c.request.rawPath))
            included.append(name);
    }
    return included;
}

void TestSignerVectors::tableCoversEveryUnnormalizedCase()
{
    QStringList unnormalized;
    const QStringList included = includedCases(&unnormalized);
    QVERIFY2(unnormalized.size() >= 7, qPrintable(vectorRoot()));
    for (const QString &name : std::as_const(unnormalized))
        QVERIFY2(included.contains(name), qPrintable(name));
    // The six normalized cases with "//", "." or ".." are the only ones left out.
    QCOMPARE(QDir(vectorRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() - included.size(), 6);
}

void TestSignerVectors::headerStages_data()
{
    QTest::addColumn<QString>("dir");
    const QDir root(vectorRoot());
    const QStringList cases = includedCases();
    // Without the vectors, one row that fails clearly (an empty table would abort the run).
    if (cases.isEmpty())
        QTest::newRow("vectors-missing") << vectorRoot();
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << root.filePath(name);
}

void TestSignerVectors::headerStages()
{
    QFETCH(QString, dir);
    REQUIRE_VECTOR(dir);
    const VectorCase c = loadCase(dir);
    CanonicalInput input = baseInput(c);
    input.headers.append({"X-Amz-Date", amzDate(c.time)});
    if (signsToken(c))
        input.headers.append({"X-Amz-Security-Token", c.credentials.sessionToken});
    if (c.context.value(u"sign_body"_s).toBool())
        input.headers.append({"x-amz-content-sha256", input.payloadHash});

    const QByteArray request = canonicalRequest(input, signedHeaderNames(input.headers));
    QCOMPARE(request, readFile(dir + u"/header-canonical-request.txt"_s));
    const QByteArray toSign = stringToSign(c.time, c.scope, request);
    QCOMPARE(toSign, readFile(dir + u"/header-string-to-sign.txt"_s));
    QCOMPARE(signature(signingKey(c.credentials.secretAccessKey, c.scope), toSign),
             readFile(dir + u"/header-signature.txt"_s).trimmed());
}

void TestSignerVectors::queryStages()
{
    QFETCH(QString, dir);
    REQUIRE_VECTOR(dir);
    const VectorCase c = loadCase(dir);
    CanonicalInput input = baseInput(c);
    const QByteArray names = signedHeaderNames(input.headers);
    input.query.emplaceBack("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    input.query.append({"X-Amz-Credential", c.credentials.accessKeyId + '/' + c.scope.toString()});
    input.query.append({"X-Amz-Date", amzDate(c.time)});
    input.query.append({"X-Amz-Expires", QByteArray::number(c.context.value(u"expiration_in_seconds"_s).toInt())});
    input.query.append({"X-Amz-SignedHeaders", names});
    if (signsToken(c))
        input.query.append({"X-Amz-Security-Token", c.credentials.sessionToken});

    const QByteArray request = canonicalRequest(input, names);
    QCOMPARE(request, readFile(dir + u"/query-canonical-request.txt"_s));
    const QByteArray toSign = stringToSign(c.time, c.scope, request);
    QCOMPARE(toSign, readFile(dir + u"/query-string-to-sign.txt"_s));
    QCOMPARE(signature(signingKey(c.credentials.secretAccessKey, c.scope), toSign),
             readFile(dir + u"/query-signature.txt"_s).trimmed());
}

void TestSignerVectors::presignQueryMatchesSignedRequest()
{
    QFETCH(QString, dir);
    REQUIRE_VECTOR(dir);
    const VectorCase c = loadCase(dir);
    if (c.omitToken)
        return; // the token is added after signing there; presignQuery always signs it
    const CanonicalInput input = baseInput(c);
    const qint64 expires = c.context.value(u"expiration_in_seconds"_s).toInt();
    const std::optional<QByteArray> query =
        presignQuery(input, c.credentials, c.scope.region, c.time, expires, c.scope.service);
    QVERIFY(query.has_value());
    QVERIFY2(query->endsWith(QByteArray("&X-Amz-Signature=" + readFile(dir + u"/query-signature.txt"_s).trimmed())),
             query->constData());

    // The signed request lists the same parameters, in another order.
    const QByteArray requestLine = readFile(dir + u"/query-signed-request.txt"_s).split('\n').value(0);
    const qsizetype question = requestLine.indexOf('?');
    const QByteArray expectedQuery = requestLine.sliced(question + 1, requestLine.lastIndexOf(' ') - question - 1);
    QCOMPARE(sortedQuery(*query), sortedQuery(expectedQuery));
}

void TestSignerVectors::signHeadersMatchesSignedRequest()
{
    QFETCH(QString, dir);
    REQUIRE_VECTOR(dir);
    const VectorCase c = loadCase(dir);
    // signHeaders always sends x-amz-content-sha256 (S3 requires it); the suite signs it
    // only in its sign_body cases, and those are the ones it can be compared with.
    if (!c.context.value(u"sign_body"_s).toBool() || c.omitToken)
        return;
    const HeaderList added =
        signHeaders(baseInput(c), c.credentials, c.scope.region, c.time, c.scope.service);
    const QByteArray expected = readFile(dir + u"/header-signed-request.txt"_s);
    QCOMPARE(added.value(0).first, QByteArray("x-amz-date"));
    QCOMPARE(added.value(0).second, headerLine(expected, "X-Amz-Date"));
    QCOMPARE(added.value(1).second, headerLine(expected, "x-amz-content-sha256"));
    QCOMPARE(added.last().first, QByteArray("Authorization"));
    QCOMPARE(added.last().second, headerLine(expected, "Authorization"));
}

QTEST_GUILESS_MAIN(TestSignerVectors)
#include "tst_signer_vectors.moc"
