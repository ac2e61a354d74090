// The sandbox's state: every object as a QJsonObject keyed by (group, resource,
// namespace, name), one resourceVersion counter, the served type table (built-ins
// plus what CRDs add) and a bounded change log that watches replay from.
// Thread-confined: use it only from the thread that owns the server.
#pragma once

#include "sandbox/apistatus.h"
#include "sandbox/fieldselector.h"
#include "sandbox/labelselector.h"
#include "sandbox/resourcetype.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <compare>
#include <deque>
#include <functional>
#include <optional>

namespace driftline::sandbox
{

class ObjectStore
{
public:
    struct Key {
        QString group;
        QString resource; // plural
        QString ns; // "" for cluster-scoped objects
        QString name;
        auto operator<=>(const Key&) const = default;
    };

    struct Change {
        enum class Type { Added, Modified, Deleted };
        qint64 resourceVersion = 0;
        Type type = Type::Added;
        QString group;
        QString resource;
        QJsonObject object; // with kind and apiVersion, as a watch event carries it
        static QString typeName(Type type);
    };

    struct ListOptions {
        QString ns; // "" = all namespaces (or a cluster-scoped resource)
        LabelSelector labels;
        FieldSelector fields;
        int limit = 0; // 0 = no paging
        QString continueToken;
    };

    struct ListPage {
        QList<QJsonObject> items; // without kind/apiVersion for built-in types
        QString resourceVersion;
        QString continueToken; // empty on the last page
        qint64 remainingItemCount = -1; // -1 when not reported
    };

    // Starts with the namespaces every cluster has: default, kube-system, kube-public, kube-node-lease.
    ObjectStore();

    const QList<ResourceType>& types() const { return m_types; }
    std::optional<ResourceType> findType(
        const QString& group, const QString& version, const QString& plural) const;

    StoreResult<QJsonObject> get(const ResourceType& type, const QString& ns, const QString& name) const;
    StoreResult<ListPage> list(const ResourceType& type, const ListOptions& options) const;
    // dryRun: validated and answered as if stored, but nothing changes.
    StoreResult<QJsonObject> create(
        const ResourceType& type, const QString& ns, QJsonObject object, bool dryRun = false);
    StoreResult<QJsonObject> update(const ResourceType& type, const QString& ns, const QString& name,
        QJsonObject object, bool dryRun = false);
    // Returns the object's last state (resourceVersion of the deletion).
    StoreResult<QJsonObject> remove(
        const ResourceType& type, const QString& ns, const QString& name, bool dryRun = false);

    qint64 resourceVersion() const { return m_resourceVersion; }
    int objectCount() const { return int(m_objects.size()); }

    // Changes after `resourceVersion`, oldest first; 410 Expired once the log no
    // longer reaches back that far.
    StoreResult<QList<Change>> changesSince(qint64 resourceVersion) const;
    void setChangeLogCapacity(int capacity);

    // Called synchronously after every stored change (the watch hub's feed).
    int addListener(std::function<void(const Change&)> listener);
    void removeListener(int id);

private:
    std::optional<ApiStatus> validateCustomResourceDefinition(const QJsonObject& crd) const;
    void registerCustomResourceDefinition(const QJsonObject& crd);
    // deleteObjects: the definition is gone, so are its objects (an update keeps them).
    void unregisterCustomResourceDefinition(const QString& crdName, bool deleteObjects);
    bool namespaceExists(const QString& ns) const;
    void record(Change::Type type, const ResourceType& rt, const QJsonObject& object);
    void removeStored(const ResourceType& type, const Key& key);

    QList<ResourceType> m_types;
    QMap<Key, QJsonObject> m_objects;
    qint64 m_resourceVersion = 0;
    std::deque<Change> m_changes;
    qint64 m_trimmedUpTo = 0; // highest resourceVersion dropped from the log
    int m_changeLogCapacity = 10000;
    QMap<int, std::function<void(const Change&)>> m_listeners;
    int m_nextListenerId = 1;
};

} // namespace driftline::sandbox
