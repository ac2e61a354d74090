// The sandbox's state: every object as a QJsonObject keyed by (group, resource,
// namespace, name), one resourceVersion counter, the served type table (built-ins
// plus what CRDs add) and a bounded change log that watches replay from. Every
// write goes through field management (managedFields), server defaults and, for
// deletions, finalizers and the garbage collector, as on a real API server.
// Thread-confined: use it only from the thread that owns the server.
#pragma once

#include "sandbox/apistatus.h"
#include "sandbox/fieldselector.h"
#include "sandbox/labelselector.h"
#include "sandbox/resourcetype.h"
#include "sandbox/serversideapply.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <compare>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace driftline::sandbox
{

class GarbageCollector;

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
    ~ObjectStore();
    ObjectStore(const ObjectStore&) = delete;
    ObjectStore& operator=(const ObjectStore&) = delete;

    const QList<ResourceType>& types() const { return m_types; }
    // Kinds that serve the scale subresource (Deployment, ReplicaSet, StatefulSet,
    // ReplicationController): a write through it changes spec.replicas only.
    static bool hasScaleSubresource(const ResourceType& type);
    std::optional<ResourceType> findType(
        const QString& group, const QString& version, const QString& plural) const;

    StoreResult<QJsonObject> get(const ResourceType& type, const QString& ns, const QString& name) const;
    StoreResult<ListPage> list(const ResourceType& type, const ListOptions& options) const;
    struct WriteOptions {
        bool dryRun = false; // validated and answered as if stored, but nothing changes
        QString fieldManager; // recorded as an Update entry in managedFields
        QString subresource; // "", "status" or "scale"
    };
    enum class Propagation { Background, Foreground, Orphan };
    struct DeleteOptions {
        bool dryRun = false;
        Propagation propagation = Propagation::Background;
        // DeleteOptions.preconditions: 409 Conflict when set and not the object's.
        QString preconditionUid;
        QString preconditionResourceVersion;
    };
    struct ApplyOptions {
        QString fieldManager;
        bool force = false;
        bool dryRun = false;
    };
    struct ApplyOutcome {
        QJsonObject object;
        bool created = false; // the apply created the object (HTTP 201)
    };
    enum class PatchType { Merge, Json, Strategic };

    StoreResult<QJsonObject> create(
        const ResourceType& type, const QString& ns, QJsonObject object, const WriteOptions& options);
    StoreResult<QJsonObject> update(const ResourceType& type, const QString& ns, const QString& name,
        QJsonObject object, const WriteOptions& options);
    // Server-side apply of `config` for options.fieldManager (creates the object when missing).
    StoreResult<ApplyOutcome> apply(const ResourceType& type, const QString& ns, const QString& name,
        QJsonObject config, const ApplyOptions& options);
    StoreResult<QJsonObject> patch(const ResourceType& type, const QString& ns, const QString& name,
        PatchType patchType, const QByteArray& body, const WriteOptions& options);
    // Returns the object's last state (resourceVersion of the deletion), or, when the
    // deletion waits for finalizers (foreground, orphan), the object with deletionTimestamp.
    StoreResult<QJsonObject> remove(const ResourceType& type, const QString& ns, const QString& name,
        const DeleteOptions& options);
    // GCC cannot take a nested struct with member initializers as a default argument
    // inside its own class, hence these overloads instead of `= {}`.
    StoreResult<QJsonObject> create(const ResourceType& type, const QString& ns, QJsonObject object)
    {
        return create(type, ns, std::move(object), WriteOptions {});
    }
    StoreResult<QJsonObject> update(
        const ResourceType& type, const QString& ns, const QString& name, QJsonObject object)
    {
        return update(type, ns, name, std::move(object), WriteOptions {});
    }
    StoreResult<QJsonObject> patch(const ResourceType& type, const QString& ns, const QString& name,
        PatchType patchType, const QByteArray& body)
    {
        return patch(type, ns, name, patchType, body, WriteOptions {});
    }
    StoreResult<QJsonObject> remove(const ResourceType& type, const QString& ns, const QString& name)
    {
        return remove(type, ns, name, DeleteOptions {});
    }
    // Stores an object exactly as given (uid, creationTimestamp, managedFields, generation kept),
    // new resourceVersion; for --state/--load.
    StoreResult<QJsonObject> restore(const ResourceType& type, QJsonObject object);
    void forEachObject(const std::function<void(const ResourceType&, const QJsonObject&)>& visit) const;

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
    // The tail of every change to an existing object: no-op detection, generation,
    // resourceVersion, the change record, and removal once the last finalizer is gone.
    StoreResult<QJsonObject> commit(
        const ResourceType& type, const Key& key, const QJsonObject& stored, QJsonObject object, bool dryRun);
    static void setManagedFields(QJsonObject& object, const QList<ServerSideApply::Entry>& entries);
    QString allocateClusterIp() const;
    void collectGarbage();

    QList<ResourceType> m_types;
    QMap<Key, QJsonObject> m_objects;
    qint64 m_resourceVersion = 0;
    std::deque<Change> m_changes;
    qint64 m_trimmedUpTo = 0; // highest resourceVersion dropped from the log
    int m_changeLogCapacity = 10000;
    QMap<int, std::function<void(const Change&)>> m_listeners;
    int m_nextListenerId = 1;
    std::unique_ptr<GarbageCollector> m_gc;
};

} // namespace driftline::sandbox
