// The open workspace's live side: one connection per environment. It reads
// each environment's kubeconfig and context (ClusterSettings) off the UI
// thread, makes a KubeClient and a LiveCache for it, feeds the cache what Git
// holds, and forwards the caches' connection states and snapshots, named by
// environment, to the window.
#pragma once

#include "core/resource.h"
#include "kube/connectionstate.h"
#include "kube/livesnapshot.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

namespace driftline::kube {
class KubeClient;
class LiveCache;
}

namespace driftline::gui {

class ClusterConnections : public QObject
{
    Q_OBJECT
public:
    // What the kubeconfig says about an environment's cluster, read off the UI thread.
    struct ClusterInfo {
        bool known = false;   // false until the kubeconfig has been read
        QString context;      // the context used; empty: none chosen
        QString contextNote;  // how it was chosen ("the current context", "chosen instead of …")
        QString server;
        QString contextNamespace;
        bool insecure = false;
        std::optional<Error> problem; // the kubeconfig or the context is unusable
    };

    explicit ClusterConnections(QObject* parent = nullptr);
    ~ClusterConnections() override;

    // Connects every environment of `workspace`; a reload of the same repository
    // keeps the running connections, another repository replaces them.
    void setWorkspace(const workspace::Workspace& workspace);
    // What Git holds for `environment` (every rendered application's resources so far).
    void setDesired(const QString& environment, const ResourceList& resources);
    // Reads the kubeconfig and contexts again (the user changed them) and reconnects.
    void reconnect();
    // Reads discovery and lists again on every connection.
    void refresh();
    void clear();

    kube::ConnectionState state(const QString& environment) const;
    ClusterInfo info(const QString& environment) const;
    // Never null: an empty snapshot for environments without a connection.
    std::shared_ptr<const kube::LiveSnapshot> snapshot(const QString& environment) const;
    QStringList environments() const;
    // The environment's API client, shared with its live cache, for operations (a sync);
    // null while connecting or when the environment has no usable cluster.
    std::shared_ptr<kube::KubeClient> client(const QString& environment) const;

Q_SIGNALS:
    void connectionStateChanged(const QString& environment, const driftline::kube::ConnectionState& state);
    void snapshotChanged(const QString& environment, std::shared_ptr<const driftline::kube::LiveSnapshot> snapshot,
        const QSet<driftline::ResourceKey>& changedKeys);

private:
    struct Connection;
    // Off the UI thread: reads and checks the kubeconfig files.
    static std::shared_ptr<Connection> prepare(const QString& repositoryPath, const workspace::Environment& env);
    void connectAll();
    void install(const QString& environment, quint64 generation, std::shared_ptr<Connection> prepared);
    void applyDesired(Connection& connection);

    workspace::Workspace m_workspace;
    QHash<QString, std::shared_ptr<Connection>> m_connections; // by environment
    QHash<QString, ResourceList> m_desired;
    quint64 m_generation = 0; // bumped by every (re)connect: older preparations are dropped
};

} // namespace driftline::gui
