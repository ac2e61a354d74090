// Sync status per resource and its roll-ups, from live objects a real sandbox
// answered: an applied object is Synced, a hand edit OutOfSync naming the path and
// its manager, a deletion Missing, a tracked object Git lacks Extraneous, and an
// unreachable cluster Unknown with its reason; applications and the environment
// count them.
#include "engine/driftstatus.h"
#include "kube/trackingid.h"
#include "sandbox/objectstore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;

namespace {

QJsonObject configMap(const QString& name, const QJsonObject& data, const QString& trackedBy = {})
{
    QJsonObject metadata {{u"name"_s, name}, {u"namespace"_s, u"shop"_s}};
    if (!trackedBy.isEmpty())
        metadata.insert(u"annotations"_s,
            QJsonObject {{QString(kube::TrackingId::DriftlineAnnotation),
                kube::TrackingId::forResource(trackedBy, {{}, u"v1"_s, u"ConfigMap"_s, u"shop"_s, name}).toString()}});
    return {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}, {u"metadata"_s, metadata}, {u"data"_s, data}};
}

Resource resourceOf(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_s).toObject();
    return Resource(ResourceKey::fromApiVersion(o.value(u"apiVersion"_s).toString(), o.value(u"kind"_s).toString(),
                        meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString()),
        o);
}

std::shared_ptr<const kube::LiveSnapshot> snapshotOf(const sandbox::ObjectStore& store, const QSet<ResourceKey>& desired)
{
    kube::LiveSnapshot::Input input;
    QHash<ResourceKey, QJsonObject> bucket;
    store.forEachObject([&](const sandbox::ResourceType& t, const QJsonObject& o) {
        if (t.plural != u"configmaps"_s)
            return;
        QJsonObject withKind = o;
        withKind.insert(u"apiVersion"_s, u"v1"_s);
        withKind.insert(u"kind"_s, u"ConfigMap"_s);
        bucket.insert(kube::LiveSnapshot::keyOf(withKind), withKind);
    });
    input.buckets.insert(u"ConfigMap"_s, bucket);
    input.complete = true;
    input.desiredKeys = desired;
    return kube::LiveSnapshot::build(input);
}

const kube::ConnectionState Connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};

} // namespace

class TestDriftStatus : public QObject
{
    Q_OBJECT

private slots:
    void statusesAndRollUps()
    {
        // The cluster: what Driftline applied, then a hand edit, a deletion and an extra object.
        sandbox::ObjectStore store;
        const auto type = *store.findType({}, u"v1"_s, u"configmaps"_s);
        QVERIFY(store.create(*store.findType({}, u"v1"_s, u"namespaces"_s), {},
                        QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                            {u"metadata"_s, QJsonObject {{u"name"_s, u"shop"_s}}}})
                    .has_value());
        const QJsonObject same = configMap(u"same"_s, {{u"a"_s, u"1"_s}}, u"web"_s);
        const QJsonObject edited = configMap(u"edited"_s, {{u"LOG_LEVEL"_s, u"info"_s}}, u"web"_s);
        const QJsonObject deleted = configMap(u"deleted"_s, {{u"b"_s, u"2"_s}}, u"web"_s);
        for (const QJsonObject& o : {same, edited, deleted}) {
            const auto applied = store.apply(type, u"shop"_s, o[u"metadata"_s][u"name"_s].toString(), o,
                {.fieldManager = u"driftline"_s, .force = false, .dryRun = false});
            QVERIFY(applied.has_value());
        }
        QVERIFY(store.patch(type, u"shop"_s, u"edited"_s, sandbox::ObjectStore::PatchType::Merge,
                         R"({"data":{"LOG_LEVEL":"debug"}})", {.dryRun = false, .fieldManager = u"kubectl-edit"_s, .subresource = {}})
                    .has_value());
        QVERIFY(store.remove(type, u"shop"_s, u"deleted"_s).has_value());
        const QJsonObject extra = configMap(u"extra"_s, {{u"c"_s, u"3"_s}}, u"web"_s);
        QVERIFY(store.create(type, u"shop"_s, extra).has_value());

        kube::LiveSnapshot::Input input;
        QHash<ResourceKey, QJsonObject> bucket;
        store.forEachObject([&](const sandbox::ResourceType& t, const QJsonObject& o) {
            if (t.plural != u"configmaps"_s)
                return;
            QJsonObject withKind = o;
            withKind.insert(u"apiVersion"_s, u"v1"_s);
            withKind.insert(u"kind"_s, u"ConfigMap"_s);
            bucket.insert(kube::LiveSnapshot::keyOf(withKind), withKind);
        });
        input.buckets.insert(u"ConfigMap"_s, bucket);
        input.complete = true;
        for (const QJsonObject& o : {same, edited, deleted})
            input.desiredKeys.insert(kube::LiveSnapshot::withoutVersion(resourceOf(o).key()));
        const auto snapshot = kube::LiveSnapshot::build(input);

        workspace::Application web;
        web.name = u"web"_s;
        web.environment = u"staging"_s;
        workspace::RenderResult render;
        render.resources = {resourceOf(same), resourceOf(edited), resourceOf(deleted)};
        const EnvironmentDrift drift = DriftStatus::compute(u"staging"_s, {{web, &render}}, *snapshot, Connected);

        const auto status = [&](const QString& name) {
            const ResourceDrift* r = drift.resource(u"staging/web"_s, {{}, {}, u"ConfigMap"_s, u"shop"_s, name});
            return r ? r->sync : SyncStatus::Unknown;
        };
        QCOMPARE(status(u"same"_s), SyncStatus::Synced);
        QCOMPARE(status(u"edited"_s), SyncStatus::OutOfSync);
        QCOMPARE(status(u"deleted"_s), SyncStatus::Missing);
        QCOMPARE(status(u"extra"_s), SyncStatus::Extraneous);
        const ResourceDrift* e = drift.resource(u"staging/web"_s, {{}, {}, u"ConfigMap"_s, u"shop"_s, u"edited"_s});
        QCOMPARE(e->differences.size(), 1);
        QCOMPARE(e->differences.first().path, u"/data/LOG_LEVEL"_s);
        QCOMPARE(e->differences.first().manager, u"kubectl-edit"_s);
        QVERIFY2(e->reason.contains(u"kubectl-edit"_s), qPrintable(e->reason));

        const ApplicationDrift& app = drift.applications.value(u"staging/web"_s);
        QCOMPARE(app.sync, SyncStatus::Missing);
        QCOMPARE(app.counts.value(SyncStatus::Synced), 1);
        QCOMPARE(app.counts.value(SyncStatus::OutOfSync), 1);
        QCOMPARE(app.counts.value(SyncStatus::Missing), 1);
        QCOMPARE(app.counts.value(SyncStatus::Extraneous), 1);
        QCOMPARE(app.health, Health::Status::Missing);
        QCOMPARE(drift.sync, SyncStatus::Missing);
        QCOMPARE(drift.counts.value(SyncStatus::OutOfSync), 1);

        // The same without a cluster: nothing can be told, and the reason says why.
        const kube::ConnectionState down {kube::ConnectionState::Status::Unreachable,
            u"connection refused by https://127.0.0.1:1"_s, u"lab"_s, false};
        const EnvironmentDrift unknown =
            DriftStatus::compute(u"staging"_s, {{web, &render}}, kube::LiveSnapshot(), down);
        const ResourceDrift* u = unknown.resource(u"staging/web"_s, {{}, {}, u"ConfigMap"_s, u"shop"_s, u"same"_s});
        QVERIFY(u);
        QCOMPARE(u->sync, SyncStatus::Unknown);
        QVERIFY(u->reason.contains(u"connection refused"_s));
        QCOMPARE(unknown.sync, SyncStatus::Unknown);

        // Still rendering: the application is Unknown with that reason.
        const EnvironmentDrift rendering = DriftStatus::compute(u"staging"_s, {{web, nullptr}}, *snapshot, Connected);
        QCOMPARE(rendering.applications.value(u"staging/web"_s).sync, SyncStatus::Unknown);
    }

    // A watch event re-judges the objects it changed and nothing else, with the
    // same outcome as computing everything again.
    void incrementalUpdate()
    {
        sandbox::ObjectStore store;
        const auto type = *store.findType({}, u"v1"_s, u"configmaps"_s);
        QVERIFY(store.create(*store.findType({}, u"v1"_s, u"namespaces"_s), {},
                        QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                            {u"metadata"_s, QJsonObject {{u"name"_s, u"shop"_s}}}})
                    .has_value());
        QList<Resource> resources;
        QSet<ResourceKey> desired;
        for (int i = 0; i < 50; ++i) {
            const QJsonObject o = configMap(u"cm-%1"_s.arg(i), {{u"i"_s, QString::number(i)}}, u"web"_s);
            QVERIFY(store.apply(type, u"shop"_s, u"cm-%1"_s.arg(i), o, {.fieldManager = u"driftline"_s, .force = false, .dryRun = false})
                        .has_value());
            resources.append(resourceOf(o));
            desired.insert(kube::LiveSnapshot::withoutVersion(resources.last().key()));
        }
        workspace::Application web;
        web.name = u"web"_s;
        web.environment = u"staging"_s;
        workspace::RenderResult render;
        render.resources = resources;
        const QList<DriftStatus::ApplicationInput> inputs {{web, &render}};
        const auto before = snapshotOf(store, desired);
        const EnvironmentDrift first = DriftStatus::compute(u"staging"_s, inputs, *before, Connected);
        QCOMPARE(first.counts.value(SyncStatus::Synced), 50);

        // A hand edit, a deletion and a new tracked object.
        QVERIFY(store.patch(type, u"shop"_s, u"cm-7"_s, sandbox::ObjectStore::PatchType::Merge, R"({"data":{"i":"x"}})",
                         {.dryRun = false, .fieldManager = u"kubectl-edit"_s, .subresource = {}})
                    .has_value());
        QVERIFY(store.remove(type, u"shop"_s, u"cm-9"_s).has_value());
        QVERIFY(store.create(type, u"shop"_s, configMap(u"extra"_s, {{u"c"_s, u"3"_s}}, u"web"_s)).has_value());
        const auto after = snapshotOf(store, desired);
        const QSet<ResourceKey> changed = kube::LiveSnapshot::changedKeys(*before, *after);
        QCOMPARE(changed.size(), 3);

        const EnvironmentDrift full = DriftStatus::compute(u"staging"_s, inputs, *after, Connected);
        const EnvironmentDrift incremental = DriftStatus::update(first, inputs, *after, Connected, changed);
        const auto text = [](const EnvironmentDrift& d) {
            QStringList lines;
            for (const ResourceDrift& r : d.applications.value(u"staging/web"_s).resources)
                lines << r.key.name + u' ' + DriftStatus::syncName(r.sync) + u' ' + r.reason;
            return lines;
        };
        QCOMPARE(text(incremental), text(full));
        QCOMPARE(incremental.counts, full.counts);
        QCOMPARE(incremental.counts.value(SyncStatus::OutOfSync), 1);
        QCOMPARE(incremental.counts.value(SyncStatus::Missing), 1);
        QCOMPARE(incremental.counts.value(SyncStatus::Extraneous), 1);
        QCOMPARE(incremental.sync, full.sync);

        // It really reuses: told that nothing changed, it keeps the earlier verdicts.
        const EnvironmentDrift stale = DriftStatus::update(first, inputs, *after, Connected, {});
        QCOMPARE(stale.applications.value(u"staging/web"_s).counts.value(SyncStatus::Synced), 50);
        // A change of connection is never patched over: everything is judged again.
        const kube::ConnectionState down {kube::ConnectionState::Status::Unreachable, u"gone"_s, u"lab"_s, false};
        const EnvironmentDrift offline = DriftStatus::update(first, inputs, kube::LiveSnapshot(), down, {});
        QCOMPARE(offline.counts.value(SyncStatus::Unknown), 50);
    }

    void worseOrder()
    {
        QCOMPARE(DriftStatus::worse(SyncStatus::Synced, SyncStatus::OutOfSync), SyncStatus::OutOfSync);
        QCOMPARE(DriftStatus::worse(SyncStatus::Missing, SyncStatus::OutOfSync), SyncStatus::Missing);
        QCOMPARE(DriftStatus::worse(SyncStatus::Extraneous, SyncStatus::Synced), SyncStatus::Extraneous);
        QCOMPARE(DriftStatus::worse(SyncStatus::Unknown, SyncStatus::Missing), SyncStatus::Unknown);
        QCOMPARE(DriftStatus::syncName(SyncStatus::OutOfSync), u"OutOfSync"_s);
    }
};

QTEST_GUILESS_MAIN(TestDriftStatus)
#include "tst_driftstatus.moc"
