#include "gui/environmenttreemodel.h"

#include "gui/icons.h"
#include "kube/livesnapshot.h"
#include "workspace/workspaceloader.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using workspace::Application;
using workspace::Environment;
using workspace::RenderResult;
using workspace::Workspace;

struct EnvironmentTreeModel::Node {
    ItemType type = ItemType::Environment;
    QString id;
    Node* parent = nullptr;
    NodeList children;
    int row = 0;

    Environment environment;   // environments
    Application application;   // applications
    int applicationCount = 0;  // environments
    // Applications: render state. Kind groups and resources: their kind.
    bool rendered = false;
    int resourceCount = 0;
    QList<Error> errors;
    ResourceKey key;           // kind groups (group + kind) and resources
    Resource resource;         // resources
    bool inGit = true;         // resources: false for an extraneous object, known from the drift only
    QString applicationId;     // everything below an environment
    ResourceList gitResources;      // applications: the last render's resources
    QList<ResourceKey> extraneous;  // applications: the extraneous objects shown as rows
};

namespace {

Icons::Status connectionIconStatus(const kube::ConnectionState& state)
{
    using S = kube::ConnectionState::Status;
    switch (state.status) {
    case S::Connected:
        return state.insecure ? Icons::Status::Warning : Icons::Status::Ok;
    case S::Connecting:
    case S::NotConfigured:
        return Icons::Status::Pending;
    case S::Forbidden:
        return Icons::Status::Warning;
    case S::Unreachable:
    case S::Unauthorized:
        return Icons::Status::Error;
    }
    return Icons::Status::Pending;
}

// "OutOfSync (2) · Degraded": the sync first, the health when it is not fine.
QString driftText(engine::SyncStatus sync, engine::Health::Status health, int count)
{
    QString text = engine::DriftStatus::syncName(sync);
    if (count > 0 && sync != engine::SyncStatus::Synced && sync != engine::SyncStatus::Unknown)
        text += u" (%1)"_s.arg(count);
    // A missing object's health says the same thing again.
    const bool redundant = health == engine::Health::Status::Missing && sync == engine::SyncStatus::Missing;
    if (health != engine::Health::Status::Healthy && !redundant)
        text += u" · "_s + engine::HealthAssessor::statusName(health);
    return text;
}

Icons::Status driftIconStatus(engine::SyncStatus sync, engine::Health::Status health)
{
    using H = engine::Health::Status;
    if (health == H::Degraded || health == H::Missing || sync == engine::SyncStatus::Missing)
        return Icons::Status::Error;
    if (sync == engine::SyncStatus::Unknown || health == H::Progressing || health == H::Unknown)
        return Icons::Status::Pending;
    if (sync != engine::SyncStatus::Synced)
        return Icons::Status::Warning;
    return Icons::Status::Ok;
}

QString firstLine(const QString& text)
{
    const qsizetype nl = text.indexOf(u'\n');
    return nl < 0 ? text : text.left(nl);
}

} // namespace

EnvironmentTreeModel::EnvironmentTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

EnvironmentTreeModel::~EnvironmentTreeModel() = default;

void EnvironmentTreeModel::setLoader(workspace::WorkspaceLoader* loader)
{
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_loader = loader;
    if (!loader)
        return;
    m_connections << connect(loader, &workspace::WorkspaceLoader::workspaceDiscovered, this,
                             &EnvironmentTreeModel::setWorkspace);
    m_connections << connect(loader, &workspace::WorkspaceLoader::applicationRendered, this,
                             [this](const QString& applicationId) {
                                 if (!m_loader)
                                     return;
                                 if (const RenderResult* result = m_loader->result(applicationId))
                                     setRenderResult(applicationId, *result);
                             });
}

QString EnvironmentTreeModel::kindGroupId(const QString& applicationId, const ResourceKey& key)
{
    return applicationId + u'#' + key.groupKind();
}

QString EnvironmentTreeModel::resourceId(const QString& applicationId, const ResourceKey& key)
{
    return kindGroupId(applicationId, key) + u'#' + key.namespace_ + u'/' + key.name;
}

void EnvironmentTreeModel::clear()
{
    beginResetModel();
    m_root->children.clear();
    m_byId.clear();
    m_workspace = {};
    m_clusterStates.clear();
    m_drift.clear();
    m_resourceDrift.clear();
    endResetModel();
}

void EnvironmentTreeModel::setConnectionState(const QString& environment, const kube::ConnectionState& state)
{
    const auto it = m_clusterStates.constFind(environment);
    if (it != m_clusterStates.cend() && *it == state)
        return;
    m_clusterStates.insert(environment, state);
    const QModelIndex first = indexForId(environment, NameColumn);
    if (first.isValid())
        Q_EMIT dataChanged(first, first.siblingAtColumn(StatusColumn));
}

void EnvironmentTreeModel::setDrift(const QString& environment, std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    if (const auto old = m_drift.value(environment)) {
        for (const engine::ApplicationDrift& app : old->applications) {
            for (const engine::ResourceDrift& r : app.resources)
                m_resourceDrift.remove(resourceId(app.id, r.key));
        }
    }
    if (drift) {
        for (const engine::ApplicationDrift& app : drift->applications) {
            for (const engine::ResourceDrift& r : app.resources)
                m_resourceDrift.insert(resourceId(app.id, r.key), &r);
        }
    }
    m_drift.insert(environment, std::move(drift));
    Node* env = m_byId.value(environment);
    if (!env || env->type != ItemType::Environment)
        return;
    // Extraneous objects come and go with the cluster: keyed inserts and removals
    // under their application, never a reset, so expansion and selection stay.
    for (const auto& app : env->children) {
        if (extraneousKeys(app.get()) != app->extraneous)
            syncResources(app.get());
    }
    emitStatusChanged(env);
}

QList<ResourceKey> EnvironmentTreeModel::extraneousKeys(const Node* application) const
{
    const engine::ApplicationDrift* drift = applicationDrift(application);
    if (!drift)
        return {};
    QList<ResourceKey> keys;
    QSet<ResourceKey> inGit; // built only when there is something to check against
    for (const engine::ResourceDrift& r : drift->resources) {
        if (r.sync != engine::SyncStatus::Extraneous)
            continue;
        if (inGit.isEmpty()) {
            for (const Resource& g : application->gitResources)
                inGit.insert(kube::LiveSnapshot::withoutVersion(g.key()));
        }
        // A drift older than the render may call extraneous what Git has just gained.
        if (!inGit.contains(r.key))
            keys << r.key;
    }
    return keys;
}

std::shared_ptr<const engine::EnvironmentDrift> EnvironmentTreeModel::drift(const QString& environment) const
{
    return m_drift.value(environment);
}

void EnvironmentTreeModel::setPin(const QString& applicationId, const QString& revision, const QString& detail)
{
    const auto current = m_pins.constFind(applicationId);
    if (revision.isEmpty()) {
        if (current == m_pins.cend())
            return;
        m_pins.erase(current);
    } else {
        if (current != m_pins.cend() && current->first == revision && current->second == detail)
            return;
        m_pins.insert(applicationId, {revision, detail});
    }
    const QModelIndex index = indexForId(applicationId, StatusColumn);
    if (index.isValid())
        Q_EMIT dataChanged(index.siblingAtColumn(NameColumn), index, {Qt::DisplayRole, Qt::ToolTipRole});
}

void EnvironmentTreeModel::emitStatusChanged(Node* node)
{
    const QModelIndex first = indexFor(node, NameColumn);
    Q_EMIT dataChanged(first, first.siblingAtColumn(StatusColumn));
    for (const auto& child : node->children)
        emitStatusChanged(child.get());
}

const engine::ApplicationDrift* EnvironmentTreeModel::applicationDrift(const Node* node) const
{
    if (node->applicationId.isEmpty())
        return nullptr;
    const auto drift = m_drift.value(node->applicationId.section(u'/', 0, 0));
    if (!drift)
        return nullptr;
    const auto it = drift->applications.constFind(node->applicationId);
    return it == drift->applications.cend() ? nullptr : &*it;
}

const engine::ResourceDrift* EnvironmentTreeModel::resourceDrift(const Node* node) const
{
    if (node->type != ItemType::Resource)
        return nullptr;
    return m_resourceDrift.value(node->id);
}

std::optional<kube::ConnectionState> EnvironmentTreeModel::connectionState(const QString& environment) const
{
    const auto it = m_clusterStates.constFind(environment);
    if (it == m_clusterStates.cend())
        return std::nullopt;
    return *it;
}

void EnvironmentTreeModel::setWorkspace(const Workspace& ws)
{
    if (ws.repositoryPath != m_workspace.repositoryPath || m_root->children.empty()) {
        beginResetModel();
        m_root->children.clear();
        m_byId.clear();
        m_clusterStates.clear();
        m_drift.clear();
        m_resourceDrift.clear();
        m_workspace = ws;
        endResetModel();
    }
    m_workspace = ws;

    // Environments named only by applications still get a node, so nothing is hidden.
    QList<Environment> environments = ws.environments;
    for (const Application& app : ws.applications) {
        const bool known = std::any_of(environments.cbegin(), environments.cend(),
                                       [&](const Environment& e) { return e.name == app.environment; });
        if (!known) {
            Environment e;
            e.name = app.environment;
            environments.append(e);
        }
    }

    NodeList wanted;
    for (const Environment& env : std::as_const(environments)) {
        auto envNode = std::make_unique<Node>();
        envNode->type = ItemType::Environment;
        envNode->id = env.name;
        envNode->environment = env;
        for (const Application& app : ws.applications) {
            if (app.environment != env.name)
                continue;
            auto appNode = std::make_unique<Node>();
            appNode->type = ItemType::Application;
            appNode->id = app.id();
            appNode->application = app;
            appNode->applicationId = app.id();
            envNode->children.push_back(std::move(appNode));
        }
        envNode->applicationCount = int(envNode->children.size());
        wanted.push_back(std::move(envNode));
    }
    // Depth 1: environments and their applications; an application's resources
    // stay as they are until its new render arrives.
    syncChildren(m_root.get(), std::move(wanted), 1);
}

void EnvironmentTreeModel::setRenderResult(const QString& applicationId, const RenderResult& result)
{
    Node* app = m_byId.value(applicationId);
    if (!app || app->type != ItemType::Application)
        return;

    app->rendered = true;
    app->resourceCount = int(result.resources.size());
    app->errors = result.errors;
    app->gitResources = result.resources;
    const QModelIndex first = indexFor(app, NameColumn);
    Q_EMIT dataChanged(first, indexFor(app, StatusColumn));

    syncResources(app);
}

void EnvironmentTreeModel::syncResources(Node* app)
{
    const QString& applicationId = app->id;
    app->extraneous = extraneousKeys(app);

    // Group by kind (with its API group, so two kinds of the same name stay apart), sorted;
    // an extraneous object joins its kind's group among Git's resources.
    struct Entry {
        Resource resource;
        bool inGit = true;
    };
    QMap<std::pair<QString, QString>, QList<Entry>> groups;
    for (const Resource& r : std::as_const(app->gitResources))
        groups[{r.kind(), r.key().group}].append({r, true});
    for (const ResourceKey& key : std::as_const(app->extraneous))
        groups[{key.kind, key.group}].append({Resource(key, {}, SourceLocation {tr("not in Git"), 0, 0}), false});

    NodeList wanted;
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        QList<Entry> entries = it.value();
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return std::tie(a.resource.key().name, a.resource.key().namespace_)
                < std::tie(b.resource.key().name, b.resource.key().namespace_);
        });
        auto group = std::make_unique<Node>();
        group->type = ItemType::KindGroup;
        // Git's key when it has one: the drift's keys carry no version to show.
        const auto fromGit = std::find_if(entries.cbegin(), entries.cend(), [](const Entry& e) { return e.inGit; });
        group->key = (fromGit != entries.cend() ? *fromGit : entries.first()).resource.key();
        group->key.namespace_.clear();
        group->key.name.clear();
        group->id = kindGroupId(applicationId, group->key);
        group->applicationId = applicationId;
        group->resourceCount = int(entries.size());
        for (const Entry& e : std::as_const(entries)) {
            auto node = std::make_unique<Node>();
            node->type = ItemType::Resource;
            node->key = e.resource.key();
            node->resource = e.resource;
            node->inGit = e.inGit;
            node->id = resourceId(applicationId, node->key);
            node->applicationId = applicationId;
            group->children.push_back(std::move(node));
        }
        wanted.push_back(std::move(group));
    }

    syncChildren(app, std::move(wanted), 1);
}

void EnvironmentTreeModel::updateNode(Node* target, Node& source)
{
    bool changed = true;
    switch (target->type) {
    case ItemType::Environment:
        target->environment = source.environment;
        target->applicationCount = source.applicationCount;
        break;
    case ItemType::Application:
        // A reload renders again: until the new result arrives the application shows "rendering…".
        target->application = source.application;
        target->rendered = false;
        break;
    case ItemType::KindGroup:
        changed = target->resourceCount != source.resourceCount || target->key != source.key;
        target->resourceCount = source.resourceCount;
        target->key = source.key;
        break;
    case ItemType::Resource:
        changed = !(target->resource == source.resource) || target->inGit != source.inGit;
        target->resource = source.resource;
        target->key = source.key;
        target->inGit = source.inGit;
        break;
    }
    if (changed)
        Q_EMIT dataChanged(indexFor(target, NameColumn), indexFor(target, StatusColumn));
}

void EnvironmentTreeModel::syncChildren(Node* parent, NodeList wanted, int depth)
{
    const QModelIndex parentIndex = parent == m_root.get() ? QModelIndex() : indexFor(parent);

    QSet<QString> wantedIds;
    for (const auto& w : wanted)
        wantedIds.insert(w->id);

    // Removals first, from the end, so rows before them keep their numbers.
    for (int row = int(parent->children.size()) - 1; row >= 0; --row) {
        if (wantedIds.contains(parent->children[size_t(row)]->id))
            continue;
        beginRemoveRows(parentIndex, row, row);
        unregisterTree(parent->children[size_t(row)].get());
        parent->children.erase(parent->children.begin() + row);
        renumber(parent, size_t(row));
        endRemoveRows();
    }

    for (size_t i = 0; i < wanted.size(); ++i) {
        Node* w = wanted[i].get();
        if (i < parent->children.size() && parent->children[i]->id == w->id) {
            // already in place
        } else {
            auto found = std::find_if(parent->children.begin() + qsizetype(i), parent->children.end(),
                                      [&](const auto& c) { return c->id == w->id; });
            if (found != parent->children.end()) {
                const int from = int(found - parent->children.begin());
                beginMoveRows(parentIndex, from, from, parentIndex, int(i));
                auto node = std::move(*found);
                parent->children.erase(found);
                parent->children.insert(parent->children.begin() + qsizetype(i), std::move(node));
                renumber(parent, i);
                endMoveRows();
            } else {
                beginInsertRows(parentIndex, int(i), int(i));
                Node* raw = wanted[i].get();
                parent->children.insert(parent->children.begin() + qsizetype(i), std::move(wanted[i]));
                renumber(parent, i);
                registerTree(raw);
                endInsertRows();
                continue;
            }
        }
        Node* existing = parent->children[i].get();
        updateNode(existing, *w);
        if (depth > 0)
            syncChildren(existing, std::move(w->children), depth - 1);
    }
}

void EnvironmentTreeModel::renumber(Node* parent, size_t from)
{
    for (size_t i = from; i < parent->children.size(); ++i) {
        parent->children[i]->row = int(i);
        parent->children[i]->parent = parent;
    }
}

// Indexes a freshly inserted subtree and links its children to their parents.
void EnvironmentTreeModel::registerTree(Node* node)
{
    m_byId.insert(node->id, node);
    renumber(node, 0);
    for (auto& child : node->children)
        registerTree(child.get());
}

void EnvironmentTreeModel::unregisterTree(Node* node)
{
    m_byId.remove(node->id);
    for (auto& child : node->children)
        unregisterTree(child.get());
}

EnvironmentTreeModel::Node* EnvironmentTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex EnvironmentTreeModel::indexFor(const Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex EnvironmentTreeModel::indexForId(const QString& id, int column) const
{
    return indexFor(m_byId.value(id), column);
}

QModelIndex EnvironmentTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != NameColumn)
        return {};
    const Node* p = nodeFor(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex EnvironmentTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int EnvironmentTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != NameColumn)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int EnvironmentTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

Qt::ItemFlags EnvironmentTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeFor(index)->children.empty())
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant EnvironmentTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QHash<int, QByteArray> EnvironmentTreeModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractItemModel::roleNames();
    roles.insert(ItemTypeRole, "itemType");
    roles.insert(ItemIdRole, "itemId");
    roles.insert(ApplicationIdRole, "applicationId");
    roles.insert(EnvironmentNameRole, "environmentName");
    roles.insert(ResourceRole, "resource");
    roles.insert(SyncRole, "sync");
    roles.insert(HealthRole, "health");
    roles.insert(InGitRole, "inGit");
    roles.insert(ResourceKeyRole, "resourceKey");
    return roles;
}

QVariant EnvironmentTreeModel::displayData(const Node* node, int column) const
{
    switch (node->type) {
    case ItemType::Environment:
        if (column == NameColumn)
            return node->environment.name;
        // The cluster's state says more than the count, which the expanded row shows anyway.
        if (const auto state = m_clusterStates.constFind(node->environment.name); state != m_clusterStates.cend())
            return state->text();
        return tr("%n application(s)", nullptr, node->applicationCount);
    case ItemType::Application:
        if (column == NameColumn)
            return node->application.name;
        if (!node->rendered)
            return tr("rendering…");
        if (!node->errors.isEmpty() && node->resourceCount == 0)
            return firstLine(node->errors.first().message);
        // Unknown (an unreachable cluster, still reading) says nothing the environment's
        // row does not: the render's own state stays more useful then.
        if (const engine::ApplicationDrift* drift = applicationDrift(node); drift && drift->sync != engine::SyncStatus::Unknown) {
            const QString text = driftText(drift->sync, drift->health, drift->counts.value(drift->sync));
            if (const auto pin = m_pins.constFind(node->applicationId); pin != m_pins.cend())
                return QString(tr("pinned to %1").arg(pin->first) + u" · "_s + text);
            return text;
        }
        if (!node->errors.isEmpty())
            return QString(tr("%n resource(s)", nullptr, node->resourceCount) + u", "_s
                           + tr("%n error(s)", nullptr, int(node->errors.size())));
        return tr("%n resource(s)", nullptr, node->resourceCount);
    case ItemType::KindGroup:
        if (column == NameColumn)
            return u"%1 (%2)"_s.arg(node->key.kind).arg(node->resourceCount);
        // A group of extraneous objects only knows its API group, not the version.
        return node->key.version.isEmpty() ? node->key.group : node->key.apiVersion();
    case ItemType::Resource: {
        if (column == NameColumn)
            return node->key.name;
        QString text = node->key.namespace_;
        if (const engine::ResourceDrift* drift = resourceDrift(node); drift && drift->sync != engine::SyncStatus::Unknown)
            text = driftText(drift->sync,
                drift->healthChecked ? drift->health.status : engine::Health::Status::Healthy, 0);
        if (!node->inGit)
            text = text.isEmpty() ? tr("not in Git") : QString(text + u" · "_s + tr("not in Git"));
        return text;
    }
    }
    return {};
}

QVariant EnvironmentTreeModel::toolTipData(const Node* node) const
{
    switch (node->type) {
    case ItemType::Environment: {
        const Environment& e = node->environment;
        QStringList lines {e.name, tr("%n application(s)", nullptr, node->applicationCount)};
        if (!e.context.isEmpty())
            lines << tr("Context: %1").arg(e.context);
        if (!e.namespace_.isEmpty())
            lines << tr("Namespace: %1").arg(e.namespace_);
        lines << tr("Revision: %1").arg(e.revision.isEmpty() ? tr("the repository's HEAD") : e.revision);
        if (const auto state = m_clusterStates.constFind(e.name); state != m_clusterStates.cend())
            lines << state->toolTip();
        return lines.join(u'\n');
    }
    case ItemType::Application: {
        const Application& a = node->application;
        QStringList lines {a.id(), tr("Path: %1").arg(a.path),
                           tr("Found by: %1 (%2)").arg(workspace::ruleName(a.rule), a.origin)};
        for (const Error& e : node->errors)
            lines << e.toString();
        if (const auto pin = m_pins.constFind(node->applicationId); pin != m_pins.cend())
            lines << tr("Pinned to %1 by a rollback until it is synced to its branch again.").arg(pin->first)
                  << pin->second;
        if (const engine::ApplicationDrift* drift = applicationDrift(node)) {
            lines << tr("Sync: %1").arg(engine::DriftStatus::syncName(drift->sync));
            lines << tr("Health: %1").arg(engine::HealthAssessor::statusName(drift->health));
            for (auto it = drift->counts.cbegin(); it != drift->counts.cend(); ++it)
                lines << tr("%1: %2").arg(engine::DriftStatus::syncName(it.key())).arg(it.value());
            if (!drift->reason.isEmpty())
                lines << drift->reason;
        }
        return lines.join(u'\n');
    }
    case ItemType::KindGroup: {
        QString tip = tr("%n %1 resource(s) of API %2", nullptr, node->resourceCount)
                          .arg(node->key.kind, node->key.version.isEmpty() ? node->key.group : node->key.apiVersion());
        const auto notInGit = std::count_if(node->children.cbegin(), node->children.cend(),
                                            [](const auto& c) { return !c->inGit; });
        if (notInGit > 0)
            tip += u'\n' + tr("%n not in Git", nullptr, int(notInGit));
        return tip;
    }
    case ItemType::Resource: {
        QStringList lines {node->key.displayName(),
            node->inGit ? node->resource.source().toString()
                        : tr("Not in Git: the application tracks this object in the cluster, "
                             "but nothing in the repository renders it.")};
        if (const engine::ResourceDrift* drift = resourceDrift(node)) {
            lines << tr("Sync: %1").arg(engine::DriftStatus::syncName(drift->sync));
            if (drift->healthChecked)
                lines << tr("Health: %1").arg(engine::HealthAssessor::statusName(drift->health.status));
            if (!drift->health.message.isEmpty())
                lines << drift->health.message;
            for (const engine::Difference& d : drift->differences) {
                lines << (d.manager.isEmpty() ? tr("changed: %1").arg(d.path)
                                              : tr("changed: %1 (by %2)").arg(d.path, d.manager));
                if (lines.size() > 14)
                    break;
            }
            if (drift->differences.isEmpty() && !drift->reason.isEmpty())
                lines << drift->reason;
        }
        return lines.join(u'\n');
    }
    }
    return {};
}

QVariant EnvironmentTreeModel::decorationData(const Node* node, int column) const
{
    if (column == NameColumn) {
        switch (node->type) {
        case ItemType::Environment:
            return Icons::environment(node->environment.production);
        case ItemType::Application:
            return Icons::application();
        case ItemType::KindGroup:
        case ItemType::Resource:
            return Icons::kind(node->key.kind);
        }
    }
    if (column == StatusColumn && node->type == ItemType::Environment) {
        if (const auto state = m_clusterStates.constFind(node->environment.name); state != m_clusterStates.cend())
            return Icons::status(connectionIconStatus(*state));
        return {};
    }
    if (column == StatusColumn && node->type == ItemType::Resource) {
        if (const engine::ResourceDrift* drift = resourceDrift(node); drift && drift->sync != engine::SyncStatus::Unknown)
            return Icons::status(driftIconStatus(drift->sync, drift->healthChecked ? drift->health.status
                                                                                  : engine::Health::Status::Healthy));
        return {};
    }
    if (column == StatusColumn && node->type == ItemType::Application) {
        if (const engine::ApplicationDrift* drift = applicationDrift(node);
            drift && node->rendered && drift->sync != engine::SyncStatus::Unknown)
            return Icons::status(driftIconStatus(drift->sync, drift->health));
        if (!node->rendered)
            return Icons::status(Icons::Status::Pending);
        if (node->errors.isEmpty())
            return Icons::status(Icons::Status::Ok);
        return Icons::status(node->resourceCount == 0 ? Icons::Status::Error : Icons::Status::Warning);
    }
    return {};
}

QVariant EnvironmentTreeModel::driftRoleData(const Node* node, int role) const
{
    switch (node->type) {
    case ItemType::Resource:
        if (const engine::ResourceDrift* drift = resourceDrift(node))
            return role == SyncRole ? int(drift->sync) : int(drift->health.status);
        return {};
    case ItemType::Application:
        if (const engine::ApplicationDrift* drift = applicationDrift(node))
            return role == SyncRole ? int(drift->sync) : int(drift->health);
        return {};
    case ItemType::Environment:
        if (const auto drift = m_drift.value(node->environment.name))
            return role == SyncRole ? int(drift->sync) : int(drift->health);
        return {};
    case ItemType::KindGroup:
        return {};
    }
    return {};
}

QVariant EnvironmentTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        return toolTipData(node);
    case Qt::DecorationRole:
        return decorationData(node, index.column());
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn) {
            if (node->type == ItemType::Application && node->rendered && !node->errors.isEmpty()
                && node->resourceCount == 0)
                return Icons::statusColor(Icons::Status::Error);
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == NameColumn && node->type == ItemType::Resource && !node->inGit) {
            QFont font = QGuiApplication::font();
            font.setItalic(true);
            return font;
        }
        return {};
    case ItemTypeRole:
        return int(node->type);
    case ItemIdRole:
        return node->id;
    case ApplicationIdRole:
        return node->applicationId;
    case EnvironmentNameRole:
        switch (node->type) {
        case ItemType::Environment:
            return node->environment.name;
        case ItemType::Application:
            return node->application.environment;
        default:
            return node->applicationId.section(u'/', 0, 0);
        }
    case ResourceRole:
        if (node->type == ItemType::Resource)
            return QVariant::fromValue(node->resource);
        return {};
    case SyncRole:
    case HealthRole:
        return driftRoleData(node, role);
    case InGitRole:
        return node->type != ItemType::Resource || node->inGit;
    case ResourceKeyRole:
        if (node->type == ItemType::Resource || node->type == ItemType::KindGroup)
            return QVariant::fromValue(node->key);
        return {};
    default:
        return {};
    }
}

} // namespace driftline::gui
