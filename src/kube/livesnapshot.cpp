#include "kube/livesnapshot.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::kube {

namespace {

QString uidOf(const QJsonObject& object)
{
    return object.value("metadata"_L1).toObject().value("uid"_L1).toString();
}

QString resourceVersionOf(const QJsonObject& object)
{
    return object.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
}

QJsonArray ownerReferencesOf(const QJsonObject& object)
{
    return object.value("metadata"_L1).toObject().value("ownerReferences"_L1).toArray();
}

bool hasControllerOwner(const QJsonObject& object)
{
    const QJsonArray owners = ownerReferencesOf(object);
    return std::any_of(owners.begin(), owners.end(),
        [](const QJsonValue& owner) { return owner.toObject().value("controller"_L1).toBool(); });
}

QList<ResourceKey> sorted(QList<ResourceKey> keys)
{
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace

ResourceKey LiveSnapshot::keyOf(const QJsonObject& object)
{
    const QJsonObject metadata = object.value("metadata"_L1).toObject();
    ResourceKey key = ResourceKey::fromApiVersion(object.value("apiVersion"_L1).toString(),
        object.value("kind"_L1).toString(), metadata.value("namespace"_L1).toString(),
        metadata.value("name"_L1).toString());
    key.version.clear();
    return key;
}

ResourceKey LiveSnapshot::withoutVersion(ResourceKey key)
{
    key.version.clear();
    return key;
}

QString LiveSnapshot::groupKind(const QString& group, const QString& kind)
{
    return group.isEmpty() ? kind : group + u'/' + kind;
}

std::shared_ptr<const LiveSnapshot> LiveSnapshot::build(const Input& input)
{
    auto snapshot = std::make_shared<LiveSnapshot>();
    snapshot->m_kindErrors = input.kindErrors;
    snapshot->m_resourceVersions = input.resourceVersions;
    snapshot->m_complete = input.complete;

    QSet<ResourceKey> desired;
    desired.reserve(input.desiredKeys.size());
    for (const ResourceKey& key : input.desiredKeys)
        desired.insert(withoutVersion(key));
    const QSet<QString> namespaces(input.namespaces.begin(), input.namespaces.end());
    const QSet<QString> applications(input.applications.begin(), input.applications.end());

    // Everything in view, with the indexes the walk from the roots needs.
    QHash<ResourceKey, QJsonObject> all;
    QHash<QString, QList<ResourceKey>> childrenByUid; // over all objects in view
    QList<ResourceKey> services;
    QList<ResourceKey> roots;
    for (const auto& bucket : input.buckets) {
        for (auto it = bucket.cbegin(); it != bucket.cend(); ++it) {
            const ResourceKey& key = it.key();
            if (!key.namespace_.isEmpty() && !namespaces.isEmpty() && !namespaces.contains(key.namespace_))
                continue;
            const QJsonObject& object = it.value();
            all.insert(key, object);
            for (const QJsonValue& owner : ownerReferencesOf(object)) {
                const QString ownerUid = owner.toObject().value("uid"_L1).toString();
                if (!ownerUid.isEmpty())
                    childrenByUid[ownerUid].append(key);
            }
            if (key.group.isEmpty() && key.kind == u"Service"_s)
                services.append(key);

            const auto ownership = TrackingId::ownerOf(object);
            if (ownership)
                snapshot->m_ownership.insert(key, *ownership);
            // A chart's instance label also lands on the Pods and ReplicaSets its
            // workloads create: those join as children of their owner instead.
            const bool tracked = ownership && ownership->matchesObject
                && (applications.isEmpty() || applications.contains(ownership->application))
                && !(ownership->tool == Ownership::Tool::Label && hasControllerOwner(object));
            if (tracked) {
                snapshot->m_tracked.insert(key);
                snapshot->m_byApplication[ownership->application].append(key);
            }
            if (desired.contains(key))
                snapshot->m_desired.insert(key);
            if (tracked || desired.contains(key))
                roots.append(key);
        }
    }

    // Children through ownerReferences, breadth first; the set guards against cycles.
    QSet<ResourceKey> included;
    QList<ResourceKey> queue = roots;
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const ResourceKey key = queue[i];
        if (included.contains(key))
            continue;
        included.insert(key);
        const QString uid = uidOf(all.value(key));
        if (uid.isEmpty())
            continue;
        for (const ResourceKey& child : childrenByUid.value(uid)) {
            if (!included.contains(child))
                queue.append(child);
        }
    }
    // Endpoints carry no ownerReference: they share their Service's name.
    for (const ResourceKey& service : std::as_const(services)) {
        if (!included.contains(service))
            continue;
        const ResourceKey endpoints{QString(), QString(), u"Endpoints"_s, service.namespace_, service.name};
        if (all.contains(endpoints))
            included.insert(endpoints);
    }

    snapshot->m_objects.reserve(included.size());
    for (const ResourceKey& key : std::as_const(included)) {
        const QJsonObject object = all.value(key);
        snapshot->m_objects.insert(key, object);
        if (const QString uid = uidOf(object); !uid.isEmpty()) {
            snapshot->m_uids.insert(uid, key);
            for (const ResourceKey& child : childrenByUid.value(uid)) {
                if (included.contains(child))
                    snapshot->m_children[uid].append(child);
            }
        }
    }
    // Markers of objects left out are of no use to anyone.
    snapshot->m_ownership.removeIf([&](const auto& it) { return !included.contains(it.key()); });
    for (auto& keys : snapshot->m_byApplication)
        std::sort(keys.begin(), keys.end());
    for (auto& keys : snapshot->m_children)
        std::sort(keys.begin(), keys.end());
    return snapshot;
}

std::shared_ptr<const LiveSnapshot> LiveSnapshot::withReplacedObjects(
    const LiveSnapshot& previous, const Input& input, const QSet<ResourceKey>& keys)
{
    auto snapshot = std::make_shared<LiveSnapshot>(previous);
    snapshot->m_kindErrors = input.kindErrors;
    snapshot->m_resourceVersions = input.resourceVersions;
    snapshot->m_complete = input.complete;
    for (const ResourceKey& changed : keys) {
        const ResourceKey key = withoutVersion(changed);
        std::optional<QJsonObject> now;
        for (const auto& bucket : input.buckets) {
            if (const auto it = bucket.constFind(key); it != bucket.cend()) {
                now = it.value();
                break;
            }
        }
        const auto before = previous.m_objects.constFind(key);
        if (before == previous.m_objects.cend()) {
            // Not in view before: it stays out unless it would be a root or a child now.
            if (!now)
                continue;
            if (!key.namespace_.isEmpty() && !input.namespaces.isEmpty() && !input.namespaces.contains(key.namespace_))
                continue;
            return nullptr;
        }
        if (!now)
            return nullptr; // deleted: its children and indexes change
        const QJsonObject& old = before.value();
        if (uidOf(old) != uidOf(*now) || ownerReferencesOf(old) != ownerReferencesOf(*now)
            || TrackingId::ownerOf(old) != TrackingId::ownerOf(*now))
            return nullptr;
        snapshot->m_objects.insert(key, *now);
    }
    return snapshot;
}

QSet<ResourceKey> LiveSnapshot::changedKeys(const LiveSnapshot& before, const LiveSnapshot& after)
{
    QSet<ResourceKey> changed;
    for (auto it = after.m_objects.cbegin(); it != after.m_objects.cend(); ++it) {
        const auto old = before.m_objects.constFind(it.key());
        if (old == before.m_objects.cend()) {
            changed.insert(it.key());
            continue;
        }
        const QString version = resourceVersionOf(it.value());
        // Without a resourceVersion (hand-made input) only the content can tell.
        if (version.isEmpty() ? old.value() != it.value() : version != resourceVersionOf(old.value()))
            changed.insert(it.key());
    }
    for (auto it = before.m_objects.cbegin(); it != before.m_objects.cend(); ++it) {
        if (!after.m_objects.contains(it.key()))
            changed.insert(it.key());
    }
    return changed;
}

bool LiveSnapshot::contains(const ResourceKey& key) const
{
    return m_objects.contains(withoutVersion(key));
}

std::optional<QJsonObject> LiveSnapshot::object(const ResourceKey& key) const
{
    const auto it = m_objects.constFind(withoutVersion(key));
    if (it == m_objects.cend())
        return std::nullopt;
    return it.value();
}

QList<ResourceKey> LiveSnapshot::keys() const
{
    return sorted(m_objects.keys());
}

QStringList LiveSnapshot::applications() const
{
    QStringList names = m_byApplication.keys();
    names.sort();
    return names;
}

QList<ResourceKey> LiveSnapshot::applicationKeys(const QString& application) const
{
    return m_byApplication.value(application);
}

std::optional<Ownership> LiveSnapshot::ownership(const ResourceKey& key) const
{
    const auto it = m_ownership.constFind(withoutVersion(key));
    if (it == m_ownership.cend())
        return std::nullopt;
    return it.value();
}

bool LiveSnapshot::isTracked(const ResourceKey& key) const
{
    return m_tracked.contains(withoutVersion(key));
}

bool LiveSnapshot::isDesired(const ResourceKey& key) const
{
    return m_desired.contains(withoutVersion(key));
}

QList<ResourceKey> LiveSnapshot::children(const QString& ownerUid) const
{
    return m_children.value(ownerUid);
}

QList<ResourceKey> LiveSnapshot::children(const ResourceKey& owner) const
{
    const auto object = this->object(owner);
    return object ? children(uidOf(*object)) : QList<ResourceKey>();
}

std::optional<ResourceKey> LiveSnapshot::keyOfUid(const QString& uid) const
{
    const auto it = m_uids.constFind(uid);
    if (it == m_uids.cend())
        return std::nullopt;
    return it.value();
}

std::optional<Error> LiveSnapshot::kindError(const QString& group, const QString& kind) const
{
    const auto it = m_kindErrors.constFind(groupKind(group, kind));
    if (it == m_kindErrors.cend())
        return std::nullopt;
    return it.value();
}

QString LiveSnapshot::resourceVersion(const QString& group, const QString& kind) const
{
    return m_resourceVersions.value(groupKind(group, kind));
}

} // namespace driftline::kube
