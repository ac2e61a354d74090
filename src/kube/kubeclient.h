// A REST client for one kubeconfig context. Its network work runs on its own
// I/O thread (a QNetworkAccessManager lives there); every public method may be
// called from any thread and returns a QFuture that the I/O thread finishes.
// Cancelling a future aborts its request. Credentials are resolved on the I/O
// thread for every request, so rotated token files and expiring exec
// credentials are picked up; a 401 with exec credentials re-runs the plugin once.
#pragma once

#include "core/error.h"
#include "kube/apiresources.h"
#include "kube/credentialresolver.h"

#include <QCoreApplication>
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QThread>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace driftline::kube {

struct ListResult {
    QList<QJsonObject> items; // each with kind and apiVersion filled in (the server leaves them out)
    QString resourceVersion;  // of the list, for a watch to start from
    int pages = 0;            // how many requests it took
};

class KubeClient
{
    Q_DECLARE_TR_FUNCTIONS(driftline::kube::KubeClient)

public:
    // At most this many retries after a 429, each waiting Retry-After (capped at MaxRetryAfter).
    static constexpr int MaxRetries = 3;
    static constexpr std::chrono::seconds MaxRetryAfter{30};

    // `contextName` empty: the kubeconfig's current context.
    explicit KubeClient(std::shared_ptr<CredentialResolver> resolver, QString contextName = {});
    ~KubeClient();
    KubeClient(const KubeClient&) = delete;
    KubeClient& operator=(const KubeClient&) = delete;

    // How long a request may go without the server sending anything. Thread-safe.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;
    QString contextName() const { return m_contextName; }

    // GET /version.
    QFuture<Result<QJsonObject>> version();
    // The cached resource table, read on first use.
    QFuture<Result<ApiResources>> discovery();
    // Reads discovery again (a CRD created since appears). On failure the old table stays.
    QFuture<Result<ApiResources>> refreshDiscovery();

    // `version` empty: the group's preferred version. `ns` empty on a namespaced
    // kind: the context's namespace. A kind discovery does not know triggers one refresh.
    QFuture<Result<QJsonObject>> get(
        const QString& group, const QString& version, const QString& kind, const QString& ns, const QString& name);
    // Follows `continue` until every page is read. `ns` empty: all namespaces.
    // `limit` > 0 sets the page size.
    QFuture<Result<ListResult>> list(const QString& group, const QString& version, const QString& kind,
        const QString& ns = {}, const QString& labelSelector = {}, int limit = 0);
    // POSTs `object` (apiVersion, kind and metadata.name set); answers the created object.
    QFuture<Result<QJsonObject>> create(const QJsonObject& object);

private:
    class Worker;
    struct Operation;
    template<typename T>
    QFuture<Result<T>> submit(
        std::function<void(Worker&, const std::shared_ptr<Operation>&, std::function<void(Result<T>)>)> start);

    QString m_contextName;
    std::shared_ptr<std::atomic<int>> m_timeoutMs;
    QThread m_thread;
    Worker* m_worker = nullptr;
};

} // namespace driftline::kube
