// Waiting for an asynchronous Result in a test while this thread's event loop
// keeps running (an in-process sandbox and the receivers of queued signals live
// on it), and the text of a failed Result for QVERIFY2.
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>

namespace driftline::test {

template<typename T>
Result<T> await(QFuture<Result<T>> future, int timeoutMs = 20'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        return fail(Error::Code::Timeout, QStringLiteral("the test gave up waiting"));
    if (future.resultCount() == 0)
        return fail(Error::Code::Cancelled, QStringLiteral("the future has no result"));
    return future.result();
}

// Empty for a good result: safe inside QVERIFY2, which evaluates its message either way.
template<typename T>
QString why(const Result<T>& r)
{
    return r ? QString() : r.error().toString();
}

} // namespace driftline::test
