// The dependency graph of one application: its resources in Git, the objects it
// tracks in the cluster, their live children (through ownerReferences) and what
// they refer to (ConfigMaps a pod template mounts, the Service an Ingress routes
// to, the target an HPA scales…), with sync and health per node. References to
// objects that exist nowhere stay in the graph as "missing" nodes, because they
// explain failures. A value built by a pure function on a worker thread; the
// view and the layout only read it. Large sibling groups (50 Pods of one
// ReplicaSet) fold into one group node with a health breakdown.
#pragma once

#include "core/resource.h"
#include "core/resourcekey.h"
#include "engine/driftstatus.h"
#include "engine/health.h"
#include "kube/livesnapshot.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace driftline::engine {

enum class EdgeType {
    Contains, // the application -> a resource of it that nothing else in the graph owns
    Owns,     // ownerReferences (and a Service -> its Endpoints)
    Uses,     // a pod template -> ConfigMap, Secret, PersistentVolumeClaim, ServiceAccount
    Selects,  // Service, NetworkPolicy, PodDisruptionBudget -> Pods and their workloads
    Routes,   // Ingress, Gateway API routes -> Service
    Scales,   // HorizontalPodAutoscaler -> its scale target
    Binds,    // RoleBinding / ClusterRoleBinding -> Role / ClusterRole and ServiceAccount subjects
};

struct GraphNode {
    enum class Type { Application, Resource, Group };
    QString id; // "apps/Deployment/shop/web", "Namespace//shop", "app:web", "group:<owner id>/Pod"
    Type type = Type::Resource;
    ResourceKey key; // version cleared; empty for the application and groups
    QString kind;    // "Deployment"; "Application" for the root; the members' kind for a group
    QString name;    // the object's name; the application's; "12 Pods" for a group (translated)
    QString namespace_;
    bool inGit = false;    // a resource of the application's render
    bool live = false;     // present in the cluster
    bool missing = false;  // referenced, but neither in Git nor in the cluster (drawn dashed)
    bool external = false; // referenced and present, but not part of the application
    std::optional<SyncStatus> sync;        // from the drift, when known
    std::optional<Health::Status> health;  // when the kind has health (or the object is missing)
    QString reason;                        // why: the drift's reason, else the health message
    // Groups only: who they hold (node ids, sorted) and how those are doing.
    QStringList members;
    QMap<Health::Status, int> healthCounts;
    QMap<SyncStatus, int> syncCounts;
};

struct GraphEdge {
    EdgeType type = EdgeType::Owns;
    QString from; // node ids
    QString to;
    QString detail; // where the reference is written: "volume config", "envFrom", "roleRef", "rule 0"…

    friend bool operator==(const GraphEdge&, const GraphEdge&) = default;
};

struct SimplifiedGraph;

class ResourceGraph
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::ResourceGraph)

public:
    static constexpr int DefaultFoldThreshold = 5;

    struct Input {
        QString application;  // the name tracking ids carry ("web"): LiveSnapshot::applicationKeys
        ResourceList desired; // the application's render
        const kube::LiveSnapshot* live = nullptr;  // nullptr: no cluster (Git only)
        const ApplicationDrift* drift = nullptr;   // sync and health per resource, when known
        // Keys (version cleared) the caller knows exist in the cluster outside the
        // snapshot (system ClusterRoles, a hand-made Secret): referenced, they are
        // external nodes instead of missing ones.
        QSet<ResourceKey> existingKeys;
    };

    // Pure and thread-safe; `input.live` and `input.drift` must stay alive for the call.
    static ResourceGraph build(const Input& input);

    // Every application of one environment beneath an environment root
    // (`env:<environment>`, type Application, kind "Environment"), each application's
    // graph as build() gives it under its own `app:<name>` node. A resource two
    // applications share (a namespace, a ConfigMap) is one node with both edges.
    struct EnvironmentInput {
        struct Application {
            QString name;                             // as in Input::application
            ResourceList desired;                     // its render
            const ApplicationDrift* drift = nullptr;  // when known
        };
        QString environment; // "staging"
        QList<Application> applications;
        const kube::LiveSnapshot* live = nullptr;    // the environment's cluster; nullptr: Git only
        const EnvironmentDrift* drift = nullptr;     // the environment's roll-up, when known
        QSet<ResourceKey> existingKeys;              // as in Input
    };
    static ResourceGraph buildEnvironment(const EnvironmentInput& input);
    static QString environmentNodeId(const QString& environment);

    // The nodes of `resources` (version ignored; a folded or summarised resource
    // stands for its group) and their neighbours one hop away through any edge,
    // with the edges among them. The root is the graph's root when it is one of
    // them, else the first selected node (ids sorted). Keys not in `graph` are skipped.
    static ResourceGraph selection(const ResourceGraph& graph, const QList<ResourceKey>& resources);
    // The same by node ids (groups and the application root may be chosen too).
    static ResourceGraph selectionOfNodes(const ResourceGraph& graph, const QSet<QString>& nodeIds);
    // The node showing `key` in `graph`: its own, else the group or summary that holds it.
    static QString nodeShowing(const ResourceGraph& graph, const ResourceKey& key);
    // `graph` with every set of more than `threshold` siblings of one kind under one
    // owner replaced by a group node, unless the group's id is in `expandedGroups`.
    // Edges of the members move to their group (once each). A group holding a Degraded
    // or OutOfSync member still folds: its breakdown counts it.
    static ResourceGraph fold(const ResourceGraph& graph, int threshold = DefaultFoldThreshold,
        const QSet<QString>& expandedGroups = {});

    // Above `maxNodes` nodes (count a fold()ed graph) the graph simplifies itself
    // further, each step only as far as needed, and stops as soon as it fits:
    //  1. sibling sets of more than 2 (instead of fold()'s threshold) fold into groups;
    //  2. the nodes beneath a top-level resource through ownership collapse into one
    //     summary node ("118 more · healthy", `summary:<owner id>`), largest first;
    //  3. top-level resources collapse by kind into a summary under the root
    //     (`summary:<root id>/<group/Kind>`), largest first.
    // It never hides a node that needs attention (Degraded or Missing health, a
    // missing reference, OutOfSync or Missing sync) nor any node on its path to the
    // root (its owners up to the top level, else the shortest way from the root).
    // Summaries are Group nodes whose `members` list every resource they hide (group
    // members flattened); one whose id is in `expandedGroups` is not made. When the
    // nodes that must stay outnumber `maxNodes`, the result has more. Deterministic.
    using Simplified = SimplifiedGraph; // defined below: it holds a ResourceGraph
    static constexpr int DefaultMaxNodes = 1000;
    static Simplified simplify(const ResourceGraph& graph, int maxNodes = DefaultMaxNodes,
        const QSet<QString>& expandedGroups = {});
    // Whether simplify() must keep `node` on screen by itself.
    static bool needsAttention(const GraphNode& node);

    static QString nodeId(const ResourceKey& key);
    static QString applicationNodeId(const QString& application);
    static QString edgeTypeName(EdgeType type); // "owns", "uses"…: data (DOT attributes), not translated

    QString rootId() const { return m_rootId; }
    const QList<GraphNode>& nodes() const { return m_nodes; }
    const QList<GraphEdge>& edges() const { return m_edges; }
    const GraphNode* node(const QString& id) const;
    QList<GraphEdge> edgesFrom(const QString& id) const;
    QList<GraphEdge> edgesTo(const QString& id) const;

private:
    // fold(), leaving the nodes in `keep` out of every group.
    static ResourceGraph foldSiblings(const ResourceGraph& graph, int threshold, const QSet<QString>& expandedGroups,
        const QSet<QString>& keep);
    // `graph` with the nodes in `into` (node id -> summary id) replaced by the summaries in
    // `summaries` (placed where their first member was), edges moved and merged.
    static ResourceGraph collapse(const ResourceGraph& graph, const QHash<QString, QString>& into,
        const QHash<QString, GraphNode>& summaries);
    GraphNode& addNode(GraphNode node);
    GraphNode* mutableNode(const QString& id);
    // False when an edge of that type between those nodes exists already (its detail grows).
    bool addEdge(EdgeType type, const QString& from, const QString& to, const QString& detail);

    QString m_rootId;
    QList<GraphNode> m_nodes;
    QList<GraphEdge> m_edges;
    QHash<QString, qsizetype> m_nodeIndex;
    QHash<QString, QList<qsizetype>> m_from; // node id -> indexes into m_edges
    QHash<QString, QList<qsizetype>> m_to;
    QHash<QString, qsizetype> m_edgeKeys; // "type|from|to" -> index into m_edges
};

// What ResourceGraph::simplify() made of a graph, with the figures the view shows
// ("simplified: 3,412 nodes shown as 640").
struct SimplifiedGraph {
    ResourceGraph graph;
    int nodesBefore = 0;     // nodes of the graph handed in
    int nodesShown = 0;      // nodes of `graph`
    int resourcesHidden = 0; // resources behind the summaries and groups simplify() made
    bool simplified() const { return nodesShown < nodesBefore; }
};

} // namespace driftline::engine
