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

// How apply() writes: `force` takes fields other managers own, `dryRun` asks the
// server what it would store without storing it.
struct ApplyOptions {
    bool force = false;
    bool dryRun = false;
    QString fieldManager = QStringLiteral("driftline");
};

struct ApplyResult {
    QJsonObject object;   // as stored (or as it would be, on a dry run)
    bool created = false; // the server answered 201
};

enum class PatchType { Merge, JsonPatch, Strategic };
enum class Propagation { Background, Foreground, Orphan };

class KubeWatch;

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
    // POST; `fieldManager` empty: the server derives one from the agent ("driftline").
    QFuture<Result<QJsonObject>> create(const QJsonObject& object, const QString& fieldManager = {});
    // Server-side apply: PATCH with application/apply-patch+yaml (the JSON body is
    // valid YAML). `object` holds apiVersion, kind, metadata.name and only the fields
    // this manager means to own; the namespace comes from metadata, else the
    // context's. The object is created when absent (ApplyResult::created). A 409
    // conflict keeps the server's causes (field and manager) in Error::detail.
    QFuture<Result<ApplyResult>> apply(const QJsonObject& object, const ApplyOptions& options = {});
    // A merge, JSON (RFC 6902) or strategic merge patch of one object; `fieldManager`
    // empty: the server derives one.
    QFuture<Result<QJsonObject>> patch(const QString& group, const QString& version, const QString& kind,
        const QString& ns, const QString& name, PatchType type, const QByteArray& body,
        const QString& fieldManager = {});
    // DELETE with propagationPolicy. A missing object is Error::Code::NotFound.
    QFuture<Result<void>> remove(const QString& group, const QString& version, const QString& kind,
        const QString& ns, const QString& name, Propagation propagation = Propagation::Background,
        bool dryRun = false);
    // PUT of a whole object; a metadata.resourceVersion in it makes the write conditional (409 when stale).
    QFuture<Result<QJsonObject>> update(const QJsonObject& object);

private:
    friend class KubeWatch;

    // One running watch request, for KubeWatch. The callbacks run on the I/O
    // thread: `opened` once the server accepted the watch (HTTP 200), `events`
    // with the events parsed from one network read (kind and apiVersion filled
    // in, ERROR and BOOKMARK events included, in order), `ended` once with an
    // empty result when the server closed the stream cleanly, else why it failed.
    // There is no transfer timeout; a stream silent for `idleTimeout` is aborted.
    struct WatchCallbacks {
        std::function<void()> opened;
        std::function<void(QList<QJsonObject>)> events;
        std::function<void(Result<void>)> ended;
    };
    class WatchStream;
    std::shared_ptr<WatchStream> watchStream(const QString& group, const QString& version, const QString& kind,
        const QString& ns, const QString& labelSelector, const QString& resourceVersion, int timeoutSeconds,
        std::chrono::milliseconds idleTimeout, WatchCallbacks callbacks);
    // Aborts a stream; its `ended` then never runs. Call while this client lives.
    void cancelWatch(const std::shared_ptr<WatchStream>& stream);

    class Worker;
    struct Operation;
    template<typename T>
    QFuture<Result<T>> submit(
        std::function<void(Worker&, const std::shared_ptr<Operation>&, std::function<void(Result<T>)>)> start);
    // apiVersion and kind of `object` resolved, then `then` runs on the I/O thread.
    template<typename T>
    QFuture<Result<T>> submitForObject(const QJsonObject& object, const QString& what,
        std::function<void(Worker&, const std::shared_ptr<Operation>&, const ApiResource&, std::function<void(Result<T>)>)> then);

    QString m_contextName;
    std::shared_ptr<std::atomic<int>> m_timeoutMs;
    QThread m_thread;
    Worker* m_worker = nullptr;
};

} // namespace driftline::kube
