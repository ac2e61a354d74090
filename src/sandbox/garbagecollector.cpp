#include "sandbox/garbagecollector.h"

#include "sandbox/objectstore.h"

#include <QHash>
#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

struct Item {
    ResourceType type;
    QJsonObject object;

    QJsonObject meta() const { return object.value(u"metadata"_s).toObject(); }
    QString uid() const { return meta().value(u"uid"_s).toString(); }
    QString ns() const { return meta().value(u"namespace"_s).toString(); }
    QString name() const { return meta().value(u"name"_s).toString(); }
    bool deleting() const { return meta().contains(u"deletionTimestamp"_s); }
    bool hasFinalizer(const QString& f) const
    {
        return meta().value(u"finalizers"_s).toArray().contains(QJsonValue(f));
    }
    QJsonArray owners() const { return meta().value(u"ownerReferences"_s).toArray(); }
};

const QString kForeground = u"foregroundDeletion"_s;
const QString kOrphan = u"orphan"_s;

} // namespace

GarbageCollector::GarbageCollector(ObjectStore& store)
    : m_store(store)
{
}

void GarbageCollector::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        collect();
    });
}

int GarbageCollector::collect()
{
    int changes = 0;
    for (bool progress = true; progress;) {
        progress = false;
        QList<Item> items;
        QHash<QString, qsizetype> byUid;
        m_store.forEachObject([&](const ResourceType& type, const QJsonObject& object) {
            items.append(Item { type, object });
            byUid.insert(items.last().uid(), items.size() - 1);
        });
        const auto dependentsOf = [&](const QString& uid) {
            QList<qsizetype> out;
            for (qsizetype i = 0; i < items.size(); ++i) {
                for (const QJsonValue& ref : items.at(i).owners()) {
                    if (ref.toObject().value(u"uid"_s).toString() == uid) {
                        out.append(i);
                        break;
                    }
                }
            }
            return out;
        };
        const auto dropFinalizer = [&](const Item& item, const QString& finalizer) {
            QJsonObject object = item.object;
            QJsonObject meta = item.meta();
            QJsonArray finalizers = meta.value(u"finalizers"_s).toArray();
            for (qsizetype i = finalizers.size() - 1; i >= 0; --i) {
                if (finalizers.at(i).toString() == finalizer)
                    finalizers.removeAt(i);
            }
            if (finalizers.isEmpty())
                meta.remove(u"finalizers"_s);
            else
                meta.insert(u"finalizers"_s, finalizers);
            object.insert(u"metadata"_s, meta);
            ObjectStore::WriteOptions options;
            options.fieldManager = u"kube-controller-manager"_s;
            return m_store.update(item.type, item.ns(), item.name(), object, options).has_value();
        };

        for (const Item& item : std::as_const(items)) {
            if (!item.deleting())
                continue;
            if (item.hasFinalizer(kOrphan)) {
                for (qsizetype d : dependentsOf(item.uid())) {
                    const Item& dependent = items.at(d);
                    QJsonObject object = dependent.object;
                    QJsonObject meta = dependent.meta();
                    QJsonArray refs = dependent.owners();
                    for (qsizetype r = refs.size() - 1; r >= 0; --r) {
                        if (refs.at(r).toObject().value(u"uid"_s).toString() == item.uid())
                            refs.removeAt(r);
                    }
                    if (refs.isEmpty())
                        meta.remove(u"ownerReferences"_s);
                    else
                        meta.insert(u"ownerReferences"_s, refs);
                    object.insert(u"metadata"_s, meta);
                    ObjectStore::WriteOptions options;
                    options.fieldManager = u"kube-controller-manager"_s;
                    (void)m_store.update(dependent.type, dependent.ns(), dependent.name(), object, options);
                }
                dropFinalizer(item, kOrphan);
                progress = true;
                break; // the snapshot is stale now
            }
            if (item.hasFinalizer(kForeground)) {
                bool blocked = false;
                for (qsizetype d : dependentsOf(item.uid())) {
                    const Item& dependent = items.at(d);
                    for (const QJsonValue& ref : dependent.owners()) {
                        if (ref.toObject().value(u"uid"_s).toString() == item.uid()
                            && ref.toObject().value(u"blockOwnerDeletion"_s).toBool())
                            blocked = true;
                    }
                    if (!dependent.deleting()) {
                        // Dependents of an owner deleted in the foreground go in the foreground too.
                        ObjectStore::DeleteOptions options;
                        options.propagation = ObjectStore::Propagation::Foreground;
                        (void)m_store.remove(dependent.type, dependent.ns(), dependent.name(), options);
                        progress = true;
                    }
                }
                if (progress)
                    break;
                if (!blocked) {
                    dropFinalizer(item, kForeground);
                    progress = true;
                    break;
                }
            }
        }
        if (progress) {
            ++changes;
            continue;
        }
        // Background: dependents all of whose owners are gone.
        for (const Item& item : std::as_const(items)) {
            const QJsonArray refs = item.owners();
            if (refs.isEmpty() || item.deleting())
                continue;
            bool ownerLeft = false;
            for (const QJsonValue& ref : refs)
                ownerLeft = ownerLeft || byUid.contains(ref.toObject().value(u"uid"_s).toString());
            if (ownerLeft)
                continue;
            (void)m_store.remove(item.type, item.ns(), item.name());
            progress = true;
        }
        if (progress)
            ++changes;
    }
    return changes;
}

} // namespace driftline::sandbox
