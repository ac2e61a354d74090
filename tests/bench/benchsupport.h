// Helpers the driftline-bench scenarios share: waiting on futures and
// conditions while this thread's events flow, and a sandbox on a thread of its own.
#pragma once

#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QThread>
#include <QTimer>

#include <expected>
#include <functional>
#include <memory>

namespace driftline::bench {

// Blocks on a future while this thread's events (the watch's signals) keep flowing.
template<typename T>
inline T wait(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.result();
}

// A client of the sandbox as any user's would be: its kubeconfig written to `path`
// and read back. The error says what failed.
inline std::expected<std::shared_ptr<kube::KubeClient>, QString> sandboxClient(
    const QByteArray& kubeconfig, const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(kubeconfig) != kubeconfig.size())
        return std::unexpected(QStringLiteral("cannot write ") + path);
    f.close();
    auto config = kube::Kubeconfig::loadFile(path);
    if (!config)
        return std::unexpected(config.error().toString());
    return std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
}

inline bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QElapsedTimer t;
    t.start();
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(5);
    deadline.start(timeoutMs);
    if (!done())
        loop.exec();
    return done();
}

// The sandbox on a thread of its own, so the client's costs and the server's do
// not share one event loop (as with a real cluster, they would not).
class SandboxThread
{
public:
    SandboxThread()
    {
        m_thread.setObjectName(QStringLiteral("sandbox"));
        m_thread.start();
        m_anchor = new QObject;
        m_anchor->moveToThread(&m_thread);
    }
    ~SandboxThread()
    {
        run([this] {
            delete m_server;
            delete m_anchor;
        });
        m_thread.quit();
        m_thread.wait();
    }
    void run(const std::function<void()>& f)
    {
        QMetaObject::invokeMethod(m_anchor, f, Qt::BlockingQueuedConnection);
    }
    sandbox::SandboxServer*& server() { return m_server; }

private:
    QThread m_thread;
    QObject* m_anchor = nullptr;
    sandbox::SandboxServer* m_server = nullptr;
};

} // namespace driftline::bench
