// The environment tree: Environment -> Application -> kind group -> resource.
// It follows a WorkspaceLoader and changes by keyed inserts, removals, moves
// and dataChanged as discovery and each render arrive, so expansion and
// selection survive a reload; only opening another repository resets it.
// Objects an application tracks in the cluster but Git lacks (Extraneous in
// the drift) are resource rows too, inserted and removed by key as each drift
// arrives and kept when a render rebuilds Git's rows.
#pragma once

#include "core/resource.h"
#include "engine/driftstatus.h"
#include "kube/connectionstate.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace driftline::workspace {
class WorkspaceLoader;
}

namespace driftline::gui {

class EnvironmentTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class ItemType { Environment, Application, KindGroup, Resource };
    Q_ENUM(ItemType)

    enum Role {
        ItemTypeRole = Qt::UserRole + 1, // int(ItemType)
        ItemIdRole,                      // stable id, the same across reloads
        ApplicationIdRole,               // the application an item belongs to (empty for environments)
        EnvironmentNameRole,
        ResourceRole,                    // QVariant<Resource>, for resources only; for a resource
                                         // not in Git, its key with an empty object
        SyncRole,       // int(engine::SyncStatus) of resources, applications and environments; none before a drift
        HealthRole,     // int(engine::Health::Status), the same items; resources without a health rule are Healthy
        InGitRole,      // bool: false for a resource the cluster tracks and Git lacks (Extraneous)
        ResourceKeyRole, // QVariant<ResourceKey> of kind groups (group and kind) and resources
    };

    enum Column { NameColumn, StatusColumn, ColumnCount };

    explicit EnvironmentTreeModel(QObject* parent = nullptr);
    ~EnvironmentTreeModel() override;

    // Follows `loader`: its discovered workspace and every render as it arrives.
    void setLoader(workspace::WorkspaceLoader* loader);

    // Another repository resets the model; the same one (a reload) is merged by id.
    void setWorkspace(const workspace::Workspace& workspace);
    void setRenderResult(const QString& applicationId, const workspace::RenderResult& result);
    void clear();

    // How the environment's cluster connection is doing: shown in its status
    // column, icon and tooltip. Kept across reloads of the same repository.
    void setConnectionState(const QString& environment, const kube::ConnectionState& state);
    std::optional<kube::ConnectionState> connectionState(const QString& environment) const;
    // Sync and health of the environment's applications and resources, shown in the
    // status column with an icon and the reason in the tooltip.
    // Adds and removes the rows of extraneous objects as the drift names them.
    void setDrift(const QString& environment, std::shared_ptr<const engine::EnvironmentDrift> drift);
    std::shared_ptr<const engine::EnvironmentDrift> drift(const QString& environment) const;
    // An application rolled back to an earlier revision and not yet synced to its branch
    // again: "pinned to 1a2b3c4" in its status (empty `revision` unpins). `detail` goes in the tooltip.
    void setPin(const QString& applicationId, const QString& revision, const QString& detail = {});
    QString pin(const QString& applicationId) const { return m_pins.value(applicationId).first; }

    const workspace::Workspace& workspace() const { return m_workspace; }
    QModelIndex indexForId(const QString& id, int column = NameColumn) const;

    static QString kindGroupId(const QString& applicationId, const ResourceKey& key);
    static QString resourceId(const QString& applicationId, const ResourceKey& key);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    using NodeList = std::vector<std::unique_ptr<Node>>;

    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Node* node, int column = NameColumn) const;
    void syncChildren(Node* parent, NodeList wanted, int depth);
    void updateNode(Node* target, Node& source);
    void registerTree(Node* node);
    void unregisterTree(Node* node);
    static void renumber(Node* parent, size_t from);

    QVariant displayData(const Node* node, int column) const;
    QVariant toolTipData(const Node* node) const;
    QVariant decorationData(const Node* node, int column) const;
    QVariant driftRoleData(const Node* node, int role) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Node*> m_byId;
    workspace::Workspace m_workspace;
    QPointer<workspace::WorkspaceLoader> m_loader;
    QList<QMetaObject::Connection> m_connections;
    QHash<QString, kube::ConnectionState> m_clusterStates; // by environment name
    QHash<QString, std::shared_ptr<const engine::EnvironmentDrift>> m_drift; // by environment name
    QHash<QString, std::pair<QString, QString>> m_pins; // application id -> (short revision, detail)
    // Every resource's drift by its row id (pointing into m_drift), so a row finds its
    // own in constant time: filters ask every row.
    QHash<QString, const engine::ResourceDrift*> m_resourceDrift;
    const engine::ResourceDrift* resourceDrift(const Node* node) const;
    const engine::ApplicationDrift* applicationDrift(const Node* node) const;
    void emitStatusChanged(Node* node);
    // Rebuilds an application's kind groups from its render and its extraneous objects.
    void syncResources(Node* application);
    QList<ResourceKey> extraneousKeys(const Node* application) const;
};

} // namespace driftline::gui
