// The live state of one environment: which of its cluster's objects belong to
// it, kept current by watches and published as immutable LiveSnapshots.
// It runs discovery, starts one KubeWatch per kind in Git that the server serves
// (plus the child kinds the resource graph needs), and after each burst of events
// (coalesced for ~100 ms) builds a new snapshot on the thread pool, so the UI
// thread only files events into per-watch tables. Kinds the server does not
// serve and kinds it forbids are reported per kind; the rest still loads.
// Lives on the thread that creates it (the UI thread), one per environment.
#pragma once

#include "core/error.h"
#include "core/resourcekey.h"
#include "kube/apiresources.h"
#include "kube/connectionstate.h"
#include "kube/kubewatch.h"
#include "kube/livesnapshot.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QElapsedTimer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace driftline::kube {

class KubeClient;

class LiveCache : public QObject
{
    Q_OBJECT

public:
    struct GroupKind {
        QString group; // empty for the core group
        QString kind;
        friend bool operator==(const GroupKind&, const GroupKind&) = default;
    };

    // A cache for the cluster `client` talks to. `context` names the connection in the
    // state (the kubeconfig context the environment maps to); empty: the client's name.
    explicit LiveCache(std::shared_ptr<KubeClient> client, QString context = {}, QObject* parent = nullptr);
    // No client could be made (no context mapped, kubeconfig broken): the state stays
    // NotConfigured with `why` as its reason, and start() does nothing.
    LiveCache(const Error& why, QString context, QObject* parent = nullptr);
    ~LiveCache() override;

    // Namespaces the environment deploys to; namespaced objects elsewhere are left
    // out, and each namespaced kind is watched per namespace. Empty: all namespaces.
    void setNamespaces(const QStringList& namespaces);
    // The kinds in Git. While running, new kinds start watching and removed ones stop.
    void setGitKinds(const QList<GroupKind>& kinds);
    // The environment's applications: objects tracked by others are left out. Empty: any.
    void setApplications(const QStringList& applications);
    // The resources in Git: their live counterparts are indexed even when untracked.
    void setDesiredKeys(const QSet<ResourceKey>& keys);
    // The cluster skips TLS verification; shown in the connection state.
    void setInsecure(bool insecure);
    // How long a burst of events is collected into one snapshot (default 100 ms). The
    // first change after a quiet interval is published at once.
    void setPublishDelay(std::chrono::milliseconds delay);

    // Kinds watched besides those in Git, when served, for the resource graph.
    static QList<GroupKind> childKinds();

    void start();
    void stop();
    // Reads discovery again (a CRD installed since is found) and lists every kind anew.
    void refresh();
    bool isRunning() const { return m_running; }

    // Never null; empty until the first lists arrive.
    std::shared_ptr<const LiveSnapshot> snapshot() const { return m_snapshot; }
    ConnectionState connectionState() const { return m_state; }

Q_SIGNALS:
    void snapshotChanged(std::shared_ptr<const driftline::kube::LiveSnapshot> snapshot,
        const QSet<driftline::ResourceKey>& changedKeys);
    void connectionStateChanged(const driftline::kube::ConnectionState& state);

private:
    struct Watch {
        KubeWatch* watch = nullptr;
        QString group;
        QString kind;
        bool listed = false;
        std::optional<Error> error; // the last failure, until it lists or watches again
        KubeWatch::State state = KubeWatch::State::Idle;
    };

    // `recreate`: every watch starts over (after a retry or refresh), else only what changed.
    void discover(bool refresh, bool recreate);
    void onDiscovered(const Result<ApiResources>& result, bool recreate);
    void reconcileWatches(bool recreate);
    void removeWatch(const QString& id);
    void onListed(const QString& id, const QList<QJsonObject>& items, const QString& resourceVersion);
    void onEvents(const QString& id, const QList<WatchEvent>& events);
    void onWatchState(const QString& id, KubeWatch::State state, const Error& error);
    void scheduleRetry();
    void updateConnectionState();
    void setState(const ConnectionState& state);
    // `structural`: more than objects changed (lists, settings, errors): a full build.
    void schedulePublish(bool structural = true);
    void publish();
    QHash<QString, Error> kindErrors() const;
    bool isComplete() const;

    std::shared_ptr<KubeClient> m_client;
    std::optional<Error> m_unavailable;
    QString m_context;
    bool m_insecure = false;

    QStringList m_namespaces;
    QList<GroupKind> m_gitKinds;
    QStringList m_applications;
    QSet<ResourceKey> m_desiredKeys;

    bool m_running = false;
    // Bumped by start, stop and refresh: answers to an older discovery are dropped.
    quint64 m_generation = 0;
    std::optional<ApiResources> m_resources;
    std::optional<Error> m_discoveryError;
    int m_failures = 0; // consecutive, for the retry backoff
    QTimer m_retryTimer;

    QMap<QString, Watch> m_watches; // by watch id ("apps/Deployment@shop")
    // What each watch holds, keyed by LiveSnapshot::keyOf.
    QMap<QString, QHash<ResourceKey, QJsonObject>> m_buckets;
    QHash<QString, Error> m_notServed; // kinds in Git the cluster does not serve, by groupKind
    QHash<QString, QString> m_resourceVersions; // by groupKind

    ConnectionState m_state;
    std::shared_ptr<const LiveSnapshot> m_snapshot;
    QTimer m_publishTimer;
    std::chrono::milliseconds m_publishDelay {100};
    QElapsedTimer m_lastPublish; // when the last snapshot build started
    bool m_building = false;
    bool m_dirty = false; // something changed while a snapshot was being built
    bool m_structuralChange = true; // since the last publication, more than watch events
    QSet<ResourceKey> m_eventKeys;  // objects watch events changed since the last publication
};

} // namespace driftline::kube
