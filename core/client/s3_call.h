#pragma once
// What every S3Client call returns at once: a handle that reports progress, can be
// canceled, and finishes exactly once with a typed result. It deletes itself after
// finished() has been delivered, so keep a QPointer if you hold on to it.

#include "s3/error/s3error.h"

#include <QObject>
#include <QPointer>

#include <type_traits>
#include <utility>
#include <variant>

namespace coffer::client {

class Exchange;

// A call's value or its error.
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    Result(s3::S3Error error) : m_value(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_value); } // only when ok()
    const T *operator->() const { return &value(); }
    // The error; a Kind::None error when the call succeeded.
    const s3::S3Error &error() const
    {
        static const s3::S3Error none;
        return ok() ? none : std::get<1>(m_value);
    }

private:
    std::variant<T, s3::S3Error> m_value;
};

// The value of calls that return nothing but success.
struct Done {
    bool operator==(const Done &) const = default;
};

class S3Call : public QObject
{
    Q_OBJECT
public:
    ~S3Call() override;

    bool isFinished() const { return m_finished; }
    // Kind None when the call succeeded (valid once finished).
    const s3::S3Error &error() const { return m_error; }
    // Stops the call: its requests are aborted and it finishes with a Canceled error.
    void cancel();

    // For S3Client: runs an exchange as part of this call (the call owns it, forwards its
    // progress, and aborts it on cancel()). Returns false when the call is already over.
    bool attach(Exchange *exchange, bool forwardProgress = true);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

protected:
    explicit S3Call(QObject *parent);
    // Emits finished() (once) and schedules deletion.
    void complete(const s3::S3Error &error);

    virtual void failWith(const s3::S3Error &error) = 0;

private:
    QList<QPointer<Exchange>> m_exchanges; // the requests in flight, for cancel()
    s3::S3Error m_error;
    bool m_finished = false;
};

template <typename T>
class S3Reply final : public S3Call
{
public:
    explicit S3Reply(QObject *parent) : S3Call(parent), m_result(s3::S3Error{}) {}

    // Valid once finished().
    const Result<T> &result() const { return m_result; }

    // Calls fn(const Result<T> &) when the call finishes, as long as context lives.
    template <typename Fn>
    S3Reply *onFinished(const QObject *context, Fn &&fn)
    {
        QObject::connect(this, &S3Call::finished, context,
                         [this, f = std::forward<Fn>(fn)]() mutable { f(m_result); });
        return this;
    }

    void succeed(T value)
    {
        if (isFinished())
            return;
        m_result = Result<T>(std::move(value));
        complete({});
    }
    void fail(s3::S3Error error)
    {
        if (isFinished())
            return;
        m_result = Result<T>(error);
        complete(error);
    }

private:
    void failWith(const s3::S3Error &error) override { fail(error); }
    Result<T> m_result;
};

} // namespace coffer::client
