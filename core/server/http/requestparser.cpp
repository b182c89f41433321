#include "server/http/requestparser.h"

#include <llhttp.h>

#include <algorithm>
#include <limits>

namespace coffer::server::http {

namespace {

QByteArray trimmedOws(const QByteArray &value)
{
    qsizetype end = value.size();
    while (end > 0 && (value.at(end - 1) == ' ' || value.at(end - 1) == '\t'))
        --end;
    return end == value.size() ? value : value.first(end);
}

// A coding other than chunked is one this server does not implement (501), unlike a
// malformed Transfer-Encoding (400).
QByteArray unsupportedCoding(const RequestHead &head)
{
    for (const QByteArray &te : head.headerValues("transfer-encoding")) {
        for (const QByteArray &coding : te.split(',')) {
            const QByteArray name = coding.trimmed().toLower();
            if (!name.isEmpty() && name != "chunked")
                return name.left(64);
        }
    }
    return {};
}

} // namespace

struct RequestParser::Impl {
    llhttp_t parser{};
    llhttp_settings_t settings{};
    RequestParser *owner = nullptr;
    RequestHead head;
    QByteArray field;
    QByteArray value;
    QByteArray version; // "1.1" as sent, kept to tell 505 from 400 when llhttp rejects it
    bool inValue = false;
    qsizetype trailerBytes = 0;

    static RequestParser &self(llhttp_t *p) { return *static_cast<Impl *>(p->data)->owner; }
    static Impl &impl(llhttp_t *p) { return *static_cast<Impl *>(p->data); }

    void commitHeader()
    {
        if (!field.isEmpty())
            head.headers.append({field.toLower(), trimmedOws(value)});
        field.clear();
        value.clear();
        inValue = false;
    }

    static int onMessageBegin(llhttp_t *p)
    {
        Impl &d = impl(p);
        d.head = RequestHead{};
        d.field.clear();
        d.value.clear();
        d.version.clear();
        d.inValue = false;
        d.trailerBytes = 0;
        return HPE_OK;
    }

    static int onMethod(llhttp_t *p, const char *at, size_t length)
    {
        impl(p).head.method.append(at, qsizetype(length));
        return HPE_OK;
    }

    static int onVersion(llhttp_t *p, const char *at, size_t length)
    {
        Impl &d = impl(p);
        if (d.version.size() < 16)
            d.version.append(at, qsizetype(std::min<size_t>(length, 16)));
        return HPE_OK;
    }

    // llhttp's own error for a request it cannot read, as the status RFC 9112 asks for.
    ParseError errorFor(const char *reason)
    {
        const QByteArray text = reason ? QByteArray(reason) : QByteArray("malformed request");
        if (inValue)
            commitHeader();
        if (const QByteArray coding = unsupportedCoding(head); !coding.isEmpty())
            return {501, "unsupported Transfer-Encoding: " + coding};
        if (head.method == "CONNECT")
            return {501, "CONNECT is not supported"};
        if (!version.isEmpty() && version != "1.0" && version != "1.1" && version.at(0) >= '0'
            && version.at(0) <= '9')
            return {505, "only HTTP/1.0 and HTTP/1.1 are supported"};
        return {400, "malformed request: " + text};
    }

    static int onUrl(llhttp_t *p, const char *at, size_t length)
    {
        Impl &d = impl(p);
        d.head.target.append(at, qsizetype(length));
        if (d.head.target.size() > d.owner->m_limits.maxTargetBytes) {
            d.owner->fail(414, "request target longer than "
                                   + QByteArray::number(d.owner->m_limits.maxTargetBytes)
                                   + " bytes");
            return HPE_USER;
        }
        return HPE_OK;
    }

    // After the body, header callbacks carry chunked trailers: bounded, then dropped.
    static int countTrailer(Impl &d, size_t length)
    {
        d.trailerBytes += qsizetype(length);
        if (d.trailerBytes > d.owner->m_limits.maxHeaderBytes) {
            d.owner->fail(431, "chunked trailers too large");
            return HPE_USER;
        }
        return HPE_OK;
    }

    static int onHeaderField(llhttp_t *p, const char *at, size_t length)
    {
        Impl &d = impl(p);
        if (d.owner->m_state == State::InBody)
            return countTrailer(d, length);
        if (d.inValue)
            d.commitHeader();
        d.field.append(at, qsizetype(length));
        return HPE_OK;
    }

    static int onHeaderValue(llhttp_t *p, const char *at, size_t length)
    {
        Impl &d = impl(p);
        if (d.owner->m_state == State::InBody)
            return countTrailer(d, length);
        d.value.append(at, qsizetype(length));
        d.inValue = true;
        return HPE_OK;
    }

    static int onHeadersComplete(llhttp_t *p)
    {
        Impl &d = impl(p);
        RequestParser &owner = *d.owner;
        if (d.inValue || !d.field.isEmpty())
            d.commitHeader();
        RequestHead &head = d.head;
        head.versionMajor = p->http_major;
        head.versionMinor = p->http_minor;
        if (head.versionMajor != 1) {
            owner.fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
            return HPE_USER;
        }
        if (p->method == HTTP_CONNECT) {
            owner.fail(501, "CONNECT is not supported");
            return HPE_USER;
        }
        // Upgrades (websocket, h2c) are not offered: the request is served as plain HTTP.
        p->upgrade = 0;
        if (const QByteArray coding = unsupportedCoding(head); !coding.isEmpty()) {
            owner.fail(501, "unsupported Transfer-Encoding: " + coding);
            return HPE_USER;
        }
        head.chunked = (p->flags & F_CHUNKED) != 0;
        if ((p->flags & F_CONTENT_LENGTH) && !head.chunked) {
            if (p->content_length > quint64(std::numeric_limits<qint64>::max())) {
                owner.fail(400, "Content-Length out of range");
                return HPE_USER;
            }
            head.contentLength = qint64(p->content_length);
        }
        head.keepAlive = llhttp_should_keep_alive(p) != 0;
        head.expectsContinue = head.versionMinor >= 1
            && head.header("expect").trimmed().toLower() == "100-continue";
        owner.m_state = State::HeadParsed;
        owner.m_sink.onRequestHead(std::move(head));
        d.head = RequestHead{};
        return HPE_PAUSED;
    }

    static int onBody(llhttp_t *p, const char *at, size_t length)
    {
        impl(p).owner->m_sink.onRequestBody(QByteArrayView(at, qsizetype(length)));
        return HPE_OK;
    }

    static int onMessageComplete(llhttp_t *p)
    {
        RequestParser &owner = self(p);
        owner.m_state = State::Complete;
        owner.m_sink.onRequestComplete();
        return HPE_PAUSED;
    }
};

RequestParser::RequestParser(RequestSink &sink, ParserLimits limits)
    : m_sink(sink)
    , m_limits(limits)
    , m_impl(std::make_unique<Impl>())
{
    m_impl->owner = this;
    llhttp_settings_t &s = m_impl->settings;
    llhttp_settings_init(&s);
    s.on_message_begin = &Impl::onMessageBegin;
    s.on_method = &Impl::onMethod;
    s.on_url = &Impl::onUrl;
    s.on_version = &Impl::onVersion;
    s.on_header_field = &Impl::onHeaderField;
    s.on_header_value = &Impl::onHeaderValue;
    s.on_headers_complete = &Impl::onHeadersComplete;
    s.on_body = &Impl::onBody;
    s.on_message_complete = &Impl::onMessageComplete;
    llhttp_init(&m_impl->parser, HTTP_REQUEST, &s);
    m_impl->parser.data = m_impl.get();
}

RequestParser::~RequestParser() = default;

void RequestParser::fail(int status, QByteArray reason)
{
    m_state = State::Failed;
    m_error = {status, std::move(reason)};
}

qsizetype RequestParser::feed(QByteArrayView data)
{
    if (m_state == State::HeadParsed || m_state == State::Complete || m_state == State::Failed)
        return 0;
    static const char empty = 0;
    const char *begin = data.isEmpty() ? &empty : data.data();
    qsizetype length = data.size();
    const bool inHead = m_state == State::AwaitingHead;
    if (inHead) // one byte past the budget is enough to know the head is too large
        length = std::min(length, m_limits.maxHeaderBytes - m_headBytes + 1);

    const llhttp_errno_t code = llhttp_execute(&m_impl->parser, begin, size_t(length));
    qsizetype used = length;
    if (code != HPE_OK) {
        const char *pos = llhttp_get_error_pos(&m_impl->parser);
        if (pos && pos >= begin && pos <= begin + length)
            used = qsizetype(pos - begin);
    }
    if (inHead)
        m_headBytes += used;

    if (code == HPE_PAUSED) {
        // HeadParsed or Complete, set by the callback that paused.
    } else if (code == HPE_USER) {
        m_state = State::Failed; // m_error was set by the callback
    } else if (code != HPE_OK) {
        m_error = m_impl->errorFor(llhttp_get_error_reason(&m_impl->parser));
        m_state = State::Failed;
    }
    if (inHead && m_state != State::Failed && m_headBytes > m_limits.maxHeaderBytes) {
        fail(431, "request header section larger than "
                      + QByteArray::number(m_limits.maxHeaderBytes) + " bytes");
    }
    return used;
}

void RequestParser::resumeBody()
{
    if (m_state != State::HeadParsed)
        return;
    llhttp_resume(&m_impl->parser);
    m_state = State::InBody;
}

void RequestParser::nextMessage()
{
    if (m_state != State::Complete)
        return;
    llhttp_resume(&m_impl->parser);
    m_state = State::AwaitingHead;
    m_headBytes = 0;
}

} // namespace coffer::server::http
