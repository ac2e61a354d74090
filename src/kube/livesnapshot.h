// One immutable picture of an environment's live objects: the objects that
// belong to it (tracked by an application, or matching a resource in Git), the
// children reachable from those through ownerReferences, and per kind what went
// wrong listing it (forbidden, not served) and how far its watch has read.
// Built off the UI thread by LiveCache and shared as std::shared_ptr<const
// LiveSnapshot>: readers on any thread need no locks. Keys ignore the version
// (apps/v1 and apps/v1beta2 Deployments are one object): every lookup clears it.
#pragma once

#include "core/error.h"
#include "core/resourcekey.h"
#include "kube/trackingid.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace driftline::kube {

class LiveSnapshot
{
public:
    struct Input {
        // Every object the watches hold, one bucket per watch, keyed by keyOf(). Buckets
        // are implicitly shared, so handing them over costs nothing.
        QMap<QString, QHash<ResourceKey, QJsonObject>> buckets;
        // Resources in Git: their live counterparts belong here even when untracked.
        QSet<ResourceKey> desiredKeys;
        // Tracked objects count only for these applications; empty: for any.
        QStringList applications;
        // Namespaced objects elsewhere are left out; empty: every namespace.
        QStringList namespaces;
        QHash<QString, Error> kindErrors;         // by groupKind(): forbidden, not served
        QHash<QString, QString> resourceVersions; // by groupKind(): how far each kind was read
        bool complete = false;                    // every served kind has been listed once
    };

    LiveSnapshot() = default; // empty

    // Indexes `input`: roots are tracked objects (an id that names the object itself; an
    // instance label only on objects no controller owns) and objects whose key is
    // desired; then their children by ownerReferences, and Endpoints of included Services.
    static std::shared_ptr<const LiveSnapshot> build(const Input& input);
    // `previous` with the objects at `keys` replaced by what `input` holds now, when
    // that changes no object's place in the snapshot (same uid, ownerReferences and
    // tracking marker; the usual watch event: someone edited an object). `input`
    // must differ from what `previous` was built from only in those objects.
    // nullptr when a change needs the full build (an object came, went, or moved).
    static std::shared_ptr<const LiveSnapshot> withReplacedObjects(
        const LiveSnapshot& previous, const Input& input, const QSet<ResourceKey>& keys);
    // Keys added, removed or changed (another resourceVersion) between two snapshots.
    static QSet<ResourceKey> changedKeys(const LiveSnapshot& before, const LiveSnapshot& after);

    // The key of a live object, version cleared.
    static ResourceKey keyOf(const QJsonObject& object);
    static ResourceKey withoutVersion(ResourceKey key);
    // "apps/Deployment", "Service": the keys of kindErrors() and resourceVersion().
    static QString groupKind(const QString& group, const QString& kind);

    int size() const { return int(m_objects.size()); }
    bool contains(const ResourceKey& key) const;
    std::optional<QJsonObject> object(const ResourceKey& key) const;
    QList<ResourceKey> keys() const; // sorted

    // Applications with tracked objects, sorted.
    QStringList applications() const;
    // The objects `application` tracks (not their children), sorted.
    QList<ResourceKey> applicationKeys(const QString& application) const;
    // The marker an included object carries, also one that names another object.
    std::optional<Ownership> ownership(const ResourceKey& key) const;
    bool isTracked(const ResourceKey& key) const;
    bool isDesired(const ResourceKey& key) const;

    // Included objects whose ownerReferences name `ownerUid`, sorted.
    QList<ResourceKey> children(const QString& ownerUid) const;
    QList<ResourceKey> children(const ResourceKey& owner) const;
    std::optional<ResourceKey> keyOfUid(const QString& uid) const;

    QHash<QString, Error> kindErrors() const { return m_kindErrors; }
    std::optional<Error> kindError(const QString& group, const QString& kind) const;
    QString resourceVersion(const QString& group, const QString& kind) const;
    bool isComplete() const { return m_complete; }

private:
    QHash<ResourceKey, QJsonObject> m_objects;
    QHash<ResourceKey, Ownership> m_ownership;
    QSet<ResourceKey> m_tracked;
    QSet<ResourceKey> m_desired;
    QHash<QString, QList<ResourceKey>> m_byApplication;
    QHash<QString, QList<ResourceKey>> m_children; // owner uid -> included children
    QHash<QString, ResourceKey> m_uids;
    QHash<QString, Error> m_kindErrors;
    QHash<QString, QString> m_resourceVersions;
    bool m_complete = false;
};

} // namespace driftline::kube
