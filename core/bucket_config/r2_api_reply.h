#pragma once
// What every R2ApiClient call returns at once: a handle that finishes exactly once with
// a value or an R2ApiError, in the same style as the S3 client's S3Reply. It deletes
// itself after finished() has been delivered.

#include "bucket_config/r2_api_types.h"

#include <QObject>
#include <QPointer>

#include <utility>
#include <variant>

class QNetworkReply;

namespace coffer::bucket_config {

template <typename T>
class R2Result
{
public:
    R2Result(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    R2Result(R2ApiError error) : m_value(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_value); } // only when ok()
    const T *operator->() const { return &value(); }
    const R2ApiError &error() const
    {
        static const R2ApiError none;
        return ok() ? none : std::get<1>(m_value);
    }

private:
    std::variant<T, R2ApiError> m_value;
};

struct R2Done {
    bool operator==(const R2Done &) const = default;
};

class R2Call : public QObject
{
    Q_OBJECT
public:
    ~R2Call() override;

    bool isFinished() const { return m_finished; }
    // Aborts the request; the call finishes with a Canceled error.
    void cancel();
    // For R2ApiClient: the request this call waits for, and its failure.
    void attach(QNetworkReply *reply);
    void finishWithError(const R2ApiError &error) { failWith(error); }

Q_SIGNALS:
    void finished();

protected:
    explicit R2Call(QObject *parent) : QObject(parent) {}
    void complete();
    virtual void failWith(const R2ApiError &error) = 0;

private:
    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
};

template <typename T>
class R2Reply final : public R2Call
{
public:
    explicit R2Reply(QObject *parent) : R2Call(parent), m_result(R2ApiError{}) {}

    const R2Result<T> &result() const { return m_result; }

    // Calls fn(const R2Result<T> &) when the call finishes, as long as context lives.
    template <typename Fn>
    R2Reply *onFinished(const QObject *context, Fn &&fn)
    {
        QObject::connect(this, &R2Call::finished, context,
                         [this, f = std::forward<Fn>(fn)]() mutable { f(m_result); });
        return this;
    }

    void succeed(T value)
    {
        if (isFinished())
            return;
        m_result = R2Result<T>(std::move(value));
        complete();
    }
    void fail(R2ApiError error)
    {
        if (isFinished())
            return;
        m_result = R2Result<T>(std::move(error));
        complete();
    }

private:
    void failWith(const R2ApiError &error) override { fail(error); }
    R2Result<T> m_result;
};

} // namespace coffer::bucket_config
