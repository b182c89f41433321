// The llhttp-based request parser on its own: no sockets, bytes fed in slices of any size.

#include "server/http/requestparser.h"

#include <QTest>

using namespace coffer::server::http;

namespace {

struct Message {
    RequestHead head;
    QByteArray body;
    bool complete = false;
};

// Records what the parser reports and drives it the way a connection does: the body is let
// through right after each head and the next message right after each completion.
class RecordingSink : public RequestSink
{
public:
    QList<Message> messages;
    void onRequestHead(RequestHead head) override { messages.append({std::move(head), {}, false}); }
    void onRequestBody(QByteArrayView data) override { messages.last().body.append(data); }
    void onRequestComplete() override { messages.last().complete = true; }
};

struct Outcome {
    QList<Message> messages;
    ParseError error;
};

Outcome parseInSlices(const QByteArray &wire, qsizetype slice, ParserLimits limits = {})
{
    RecordingSink sink;
    RequestParser parser(sink, limits);
    QByteArray pending;
    qsizetype offset = 0;
    for (int guard = 0; guard < 1'000'000; ++guard) {
        if (pending.size() < slice && offset < wire.size()) {
            const qsizetype take = std::min(slice - pending.size(), wire.size() - offset);
            pending.append(wire.mid(offset, take));
            offset += take;
        }
        const auto before = parser.state();
        const qsizetype used = parser.feed(pending);
        pending.remove(0, used);
        switch (parser.state()) {
        case RequestParser::State::HeadParsed: parser.resumeBody(); break;
        case RequestParser::State::Complete: parser.nextMessage(); break;
        case RequestParser::State::Failed: return {sink.messages, parser.error()};
        default: break;
        }
        // No progress and nothing new to give: the input is used up (or stuck).
        if (used == 0 && before == parser.state()
            && (offset >= wire.size() || pending.size() >= slice))
            break;
    }
    return {sink.messages, {}};
}

} // namespace

class TestRequestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesOneRequest_data();
    void parsesOneRequest();
    void keepsHeadersInOrderAndLowercased();
    void decodesChunkedBody();
    void parsesPipelinedRequests_data();
    void parsesPipelinedRequests();
    void readsFlags_data();
    void readsFlags();
    void rejects_data();
    void rejects();
    void acceptsHeadAtTheLimit();
    void waitsForResumeBetweenMessages();
};

void TestRequestParser::parsesOneRequest_data()
{
    QTest::addColumn<qsizetype>("slice");
    for (qsizetype slice : {1, 2, 3, 7, 64, 4096})
        QTest::addRow("slice %lld", qlonglong(slice)) << slice;
}

void TestRequestParser::parsesOneRequest()
{
    QFETCH(qsizetype, slice);
    const QByteArray wire = "PUT /bucket/a%20b//c/../d?X-Amz-Signature=ab&uploads HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\nContent-Length: 11\r\n\r\nhello world";
    const Outcome outcome = parseInSlices(wire, slice);
    QCOMPARE(outcome.error.status, 0);
    QCOMPARE(outcome.messages.size(), 1);
    const Message &message = outcome.messages.first();
    QCOMPARE(message.head.method, "PUT");
    QCOMPARE(message.head.target, "/bucket/a%20b//c/../d?X-Amz-Signature=ab&uploads");
    QCOMPARE(message.head.path(), "/bucket/a%20b//c/../d");
    QCOMPARE(message.head.query(), "X-Amz-Signature=ab&uploads");
    QCOMPARE(message.head.contentLength, std::optional<qint64>(11));
    QCOMPARE(message.body, "hello world");
    QVERIFY(message.complete);
}

void TestRequestParser::keepsHeadersInOrderAndLowercased()
{
    const QByteArray wire = "GET / HTTP/1.1\r\nHost: h\r\nX-Amz-Meta-A: one \r\n"
                            "x-amz-meta-a:two\r\nX-AMZ-DATE: 20150830T123600Z\r\n\r\n";
    const Outcome outcome = parseInSlices(wire, 5);
    QCOMPARE(outcome.messages.size(), 1);
    const RequestHead &head = outcome.messages.first().head;
    QCOMPARE(head.headers.size(), 4);
    QCOMPARE(head.headers.at(0).first, "host");
    QCOMPARE(head.headerValues("x-amz-meta-a"), (QList<QByteArray>{"one", "two"}));
    QCOMPARE(head.header("x-amz-date"), "20150830T123600Z");
    QVERIFY(!head.hasHeader("content-length"));
    QVERIFY(head.header("missing").isNull());
}

void TestRequestParser::decodesChunkedBody()
{
    const QByteArray wire = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "5\r\nhello\r\n1;ext=1\r\n \r\nb\r\nchunked!!!!\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (qsizetype slice : {1, 4, 1000}) {
        const Outcome outcome = parseInSlices(wire, slice);
        QCOMPARE(outcome.error.status, 0);
        QCOMPARE(outcome.messages.size(), 1);
        QVERIFY(outcome.messages.first().head.chunked);
        QVERIFY(!outcome.messages.first().head.contentLength);
        QCOMPARE(outcome.messages.first().body, "hello chunked!!!!");
        QVERIFY(outcome.messages.first().complete);
    }
}

void TestRequestParser::parsesPipelinedRequests_data()
{
    QTest::addColumn<qsizetype>("slice");
    QTest::newRow("byte by byte") << qsizetype(1);
    QTest::newRow("all at once") << qsizetype(1 << 20);
}

void TestRequestParser::parsesPipelinedRequests()
{
    QFETCH(qsizetype, slice);
    const QByteArray wire = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                            "PUT /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                            "DELETE /3 HTTP/1.1\r\nHost: h\r\n\r\n";
    const Outcome outcome = parseInSlices(wire, slice);
    QCOMPARE(outcome.error.status, 0);
    QCOMPARE(outcome.messages.size(), 3);
    QCOMPARE(outcome.messages.at(0).head.target, "/1");
    QCOMPARE(outcome.messages.at(1).head.method, "PUT");
    QCOMPARE(outcome.messages.at(1).body, "abc");
    QCOMPARE(outcome.messages.at(2).head.method, "DELETE");
    for (const Message &message : outcome.messages)
        QVERIFY(message.complete);
}

void TestRequestParser::readsFlags_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("expectsContinue");
    QTest::addColumn<int>("minor");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n") << true << false << 1;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << false << false << 1;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false << false << 0;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true << false << 0;
    QTest::newRow("expect") << QByteArray("PUT / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 0\r\n\r\n") << true << true << 1;
    QTest::newRow("expect on 1.0 ignored") << QByteArray("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n") << false << false << 0;
}

void TestRequestParser::readsFlags()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, keepAlive);
    QFETCH(bool, expectsContinue);
    QFETCH(int, minor);
    const Outcome outcome = parseInSlices(wire, 3);
    QCOMPARE(outcome.messages.size(), 1);
    QCOMPARE(outcome.messages.first().head.keepAlive, keepAlive);
    QCOMPARE(outcome.messages.first().head.expectsContinue, expectsContinue);
    QCOMPARE(outcome.messages.first().head.versionMinor, minor);
}

void TestRequestParser::rejects_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    ParserLimits defaults;
    QTest::newRow("garbage") << QByteArray("\x01\x02garbage\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("bad header name") << QByteArray("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n") << 400;
    QTest::newRow("two lengths") << QByteArray("PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    QTest::newRow("length and chunked") << QByteArray("PUT / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("bad chunk size") << QByteArray("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("gzip") << QByteArray("PUT / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("gzip, chunked") << QByteArray("PUT / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501;
    QTest::newRow("CONNECT") << QByteArray("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n") << 501;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("long target") << "GET /" + QByteArray(defaults.maxTargetBytes, 'a') + " HTTP/1.1\r\n\r\n" << 414;
    QTest::newRow("huge header") << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(defaults.maxHeaderBytes, 'a') + "\r\n\r\n" << 431;
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 8000; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("many headers") << many + "\r\n" << 431;
}

void TestRequestParser::rejects()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    for (qsizetype slice : {1, 17, 1 << 20}) {
        const Outcome outcome = parseInSlices(wire, slice);
        QCOMPARE(outcome.error.status, status);
        QVERIFY(!outcome.error.reason.isEmpty());
    }
}

void TestRequestParser::acceptsHeadAtTheLimit()
{
    ParserLimits limits;
    limits.maxHeaderBytes = 200;
    QByteArray head = "GET / HTTP/1.1\r\nX-Fill: ";
    head += QByteArray(limits.maxHeaderBytes - head.size() - 4, 'f') + "\r\n\r\n";
    QCOMPARE(head.size(), limits.maxHeaderBytes);
    QCOMPARE(parseInSlices(head, 7, limits).error.status, 0);
    QCOMPARE(parseInSlices(head, 7, limits).messages.size(), 1);
    const QByteArray over = head.first(head.size() - 4) + "g\r\n\r\n";
    QCOMPARE(parseInSlices(over, 7, limits).error.status, 431);
}

void TestRequestParser::waitsForResumeBetweenMessages()
{
    RecordingSink sink;
    RequestParser parser(sink);
    const QByteArray wire = "PUT /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nxyGET /b HTTP/1.1\r\n\r\n";
    qsizetype used = parser.feed(wire);
    QCOMPARE(parser.state(), RequestParser::State::HeadParsed);
    QCOMPARE(wire.left(used).right(4), "\r\n\r\n");
    QCOMPARE(parser.feed(wire.mid(used)), 0); // nothing until the body is allowed
    parser.resumeBody();
    const qsizetype bodyUsed = parser.feed(wire.mid(used));
    QCOMPARE(bodyUsed, 2);
    QCOMPARE(parser.state(), RequestParser::State::Complete);
    QCOMPARE(parser.feed(wire.mid(used + bodyUsed)), 0);
    parser.nextMessage();
    parser.feed(wire.mid(used + bodyUsed));
    QCOMPARE(sink.messages.size(), 2);
    QCOMPARE(sink.messages.at(1).head.target, "/b");
}

QTEST_GUILESS_MAIN(TestRequestParser)
#include "tst_requestparser.moc"
