// The sync plan as a pure value: which resources are created, updated, pruned or left
// alone, and in which order (sync waves, Namespaces and CRDs first, kinds in
// dependency order, custom resources last, prunes after everything in reverse), from
// a drift result computed over a hand-built live snapshot; selections, options and
// the retry of failed steps.
#include "engine/driftstatus.h"
#include "engine/syncoperation.h"
#include "engine/syncplan.h"
#include "kube/trackingid.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;

namespace {

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
    const QJsonObject& rest = {}, const QJsonObject& annotations = {})
{
    QJsonObject metadata {{u"name"_s, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    if (!annotations.isEmpty())
        metadata.insert(u"annotations"_s, annotations);
    QJsonObject o = rest;
    o.insert(u"apiVersion"_s, apiVersion);
    o.insert(u"kind"_s, kind);
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject configMap(const QString& name, const QJsonObject& data, const QJsonObject& annotations = {})
{
    return object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, name, {{u"data"_s, data}}, annotations);
}

QJsonObject wave(const QString& value)
{
    return {{QString(SyncPlan::SyncWaveAnnotation), value}};
}

Resource resourceOf(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_s).toObject();
    return Resource(ResourceKey::fromApiVersion(o.value(u"apiVersion"_s).toString(), o.value(u"kind"_s).toString(),
                        meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString()),
        o);
}

// `o` as Driftline leaves it in the cluster: tracked by `app`.
QJsonObject tracked(const QJsonObject& o, const QString& app)
{
    return kube::TrackingId::annotated(o, app, kube::LiveSnapshot::keyOf(o));
}

std::shared_ptr<const kube::LiveSnapshot> snapshotOf(const QList<QJsonObject>& live, const QSet<ResourceKey>& desired)
{
    kube::LiveSnapshot::Input input;
    for (const QJsonObject& o : live) {
        const ResourceKey key = kube::LiveSnapshot::keyOf(o);
        input.buckets[key.groupKind()].insert(key, o);
    }
    input.desiredKeys = desired;
    input.complete = true;
    return kube::LiveSnapshot::build(input);
}

const kube::ConnectionState Connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};

struct Fixture {
    QList<workspace::Application> apps;
    QList<workspace::RenderResult> renders;
    std::shared_ptr<const kube::LiveSnapshot> live;
    EnvironmentDrift drift;
    QList<DriftStatus::ApplicationInput> inputs;

    // `desired` per application name; everything in the staging environment.
    Fixture(const QList<std::pair<QString, QList<QJsonObject>>>& desired, const QList<QJsonObject>& liveObjects)
    {
        QSet<ResourceKey> keys;
        for (const auto& [name, objects] : desired) {
            workspace::Application app;
            app.name = name;
            app.environment = u"staging"_s;
            apps.append(app);
            workspace::RenderResult render;
            for (const QJsonObject& o : objects) {
                render.resources.append(resourceOf(o));
                keys.insert(kube::LiveSnapshot::keyOf(o));
            }
            renders.append(render);
        }
        for (qsizetype i = 0; i < apps.size(); ++i)
            inputs.append({apps.at(i), &renders.at(i)});
        live = snapshotOf(liveObjects, keys);
        drift = DriftStatus::compute(u"staging"_s, inputs, *live, Connected);
    }

    SyncPlan plan(const SyncOptions& options = {}, const SyncSelection& selection = {}) const
    {
        return SyncPlan::build(u"staging"_s, drift, inputs, *live, selection, options);
    }
};

QStringList order(const SyncPlan& plan)
{
    QStringList names;
    for (const SyncStep& s : plan.steps)
        names.append(s.key.displayName());
    return names;
}

const SyncStep* stepOf(const SyncPlan& plan, const QString& displayName)
{
    for (const SyncStep& s : plan.steps) {
        if (s.key.displayName() == displayName)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestSyncPlan : public QObject
{
    Q_OBJECT

private slots:
    void kindPhases()
    {
        QCOMPARE(SyncPlan::kindPhase(u"Namespace"_s), 0);
        QCOMPARE(SyncPlan::kindPhase(u"CustomResourceDefinition"_s), 0);
        QVERIFY(SyncPlan::kindPhase(u"ServiceAccount"_s) < SyncPlan::kindPhase(u"Secret"_s));
        QVERIFY(SyncPlan::kindPhase(u"Secret"_s) < SyncPlan::kindPhase(u"ConfigMap"_s));
        QVERIFY(SyncPlan::kindPhase(u"ConfigMap"_s) < SyncPlan::kindPhase(u"PersistentVolumeClaim"_s));
        QVERIFY(SyncPlan::kindPhase(u"PersistentVolumeClaim"_s) < SyncPlan::kindPhase(u"RoleBinding"_s));
        QVERIFY(SyncPlan::kindPhase(u"RoleBinding"_s) < SyncPlan::kindPhase(u"Service"_s));
        QVERIFY(SyncPlan::kindPhase(u"Service"_s) < SyncPlan::kindPhase(u"Deployment"_s));
        QCOMPARE(SyncPlan::kindPhase(u"CronJob"_s), SyncPlan::kindPhase(u"Deployment"_s));
        QVERIFY(SyncPlan::kindPhase(u"Deployment"_s) < SyncPlan::kindPhase(u"HorizontalPodAutoscaler"_s));
        QVERIFY(SyncPlan::kindPhase(u"HorizontalPodAutoscaler"_s) < SyncPlan::kindPhase(u"Ingress"_s));
        QVERIFY(SyncPlan::kindPhase(u"Ingress"_s) < SyncPlan::kindPhase(u"Widget"_s));

        QCOMPARE(SyncPlan::waveOf(configMap(u"a"_s, {}, wave(u"-3"_s))), -3);
        QCOMPARE(SyncPlan::waveOf(configMap(u"a"_s, {}, wave(u" 5 "_s))), 5);
        QCOMPARE(SyncPlan::waveOf(configMap(u"a"_s, {}, wave(u"soon"_s))), 0);
        QCOMPARE(SyncPlan::waveOf(configMap(u"a"_s, {})), 0);
    }

    void orderAndCounts()
    {
        const QJsonObject crd = object(u"apiextensions.k8s.io/v1"_s, u"CustomResourceDefinition"_s, {},
            u"widgets.example.com"_s,
            {{u"spec"_s, QJsonObject {{u"group"_s, u"example.com"_s}, {u"scope"_s, u"Namespaced"_s}}}});
        const QList<QJsonObject> desired {
            object(u"example.com/v1"_s, u"Widget"_s, u"shop"_s, u"w1"_s),
            configMap(u"late"_s, {}, wave(u"2"_s)),
            object(u"networking.k8s.io/v1"_s, u"Ingress"_s, u"shop"_s, u"web"_s),
            object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s),
            object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s),
            configMap(u"cfg"_s, {{u"a"_s, u"1"_s}}),
            configMap(u"bogus"_s, {}, wave(u"x"_s)),
            object(u"v1"_s, u"Secret"_s, u"shop"_s, u"creds"_s),
            object(u"v1"_s, u"ServiceAccount"_s, u"shop"_s, u"runner"_s),
            crd,
            object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s),
            configMap(u"early"_s, {}, wave(u"-1"_s)),
        };
        // Tracked by web in the cluster, gone from Git.
        const QList<QJsonObject> live {
            tracked(object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"old"_s), u"web"_s),
            tracked(configMap(u"oldcfg"_s, {{u"x"_s, u"1"_s}}), u"web"_s),
        };
        const Fixture f({{u"web"_s, desired}}, live);

        const SyncPlan plan = f.plan({.dryRun = false, .prune = true, .force = false, .onlyOutOfSync = false});
        const QStringList expected {
            u"ConfigMap/shop/early"_s, // wave -1 comes before everything of wave 0
            u"Namespace/shop"_s,
            u"CustomResourceDefinition/widgets.example.com"_s,
            u"ServiceAccount/shop/runner"_s,
            u"Secret/shop/creds"_s,
            u"ConfigMap/shop/bogus"_s, // an unreadable wave is wave 0
            u"ConfigMap/shop/cfg"_s,
            u"Service/shop/web"_s,
            u"Deployment/shop/web"_s,
            u"Ingress/shop/web"_s,
            u"Widget/shop/w1"_s, // custom resources after the built-in kinds
            u"ConfigMap/shop/late"_s,
            // prunes last, dependents first
            u"Deployment/shop/old"_s,
            u"ConfigMap/shop/oldcfg"_s,
        };
        QCOMPARE(order(plan), expected);
        QCOMPARE(plan.count(SyncAction::Create), 12);
        QCOMPARE(plan.count(SyncAction::Prune), 2);
        QCOMPARE(plan.count(SyncAction::Update), 0);
        QCOMPARE(plan.runCount(), 14);
        QCOMPARE(plan.toPrune().size(), 2);
        QCOMPARE(plan.toPrune().first().key.displayName(), u"Deployment/shop/old"_s);
        // A prune deletes the live object; it is what the audit log keeps.
        QCOMPARE(plan.toPrune().last().manifest.value(u"data"_s).toObject().value(u"x"_s).toString(), u"1"_s);

        // Every applied manifest says who owns it.
        const SyncStep* cfg = stepOf(plan, u"ConfigMap/shop/cfg"_s);
        QVERIFY(cfg);
        QCOMPARE(cfg->status, SyncStatus::Missing);
        QCOMPARE(cfg->applicationId, u"staging/web"_s);
        const auto owner = kube::TrackingId::ownerOf(cfg->manifest);
        QVERIFY(owner.has_value());
        QCOMPARE(owner->application, u"web"_s);
        QVERIFY(owner->matchesObject);
        QCOMPARE(cfg->manifest.value(u"data"_s).toObject().value(u"a"_s).toString(), u"1"_s);

        // Without prune the extraneous objects are listed but left alone.
        const SyncPlan noPrune = f.plan();
        QCOMPARE(noPrune.count(SyncAction::Prune), 0);
        QCOMPARE(noPrune.count(SyncAction::Unchanged), 2);
        QCOMPARE(noPrune.runCount(), 12);
        QVERIFY(noPrune.toPrune().isEmpty());
        QCOMPARE(stepOf(noPrune, u"ConfigMap/shop/oldcfg"_s)->status, SyncStatus::Extraneous);
    }

    void actionsFollowStatus()
    {
        const QJsonObject same = tracked(configMap(u"same"_s, {{u"a"_s, u"1"_s}}), u"web"_s);
        const QJsonObject changedGit = tracked(configMap(u"changed"_s, {{u"a"_s, u"git"_s}}), u"web"_s);
        const QJsonObject changedLive = tracked(configMap(u"changed"_s, {{u"a"_s, u"live"_s}}), u"web"_s);
        const QJsonObject missing = tracked(configMap(u"missing"_s, {{u"a"_s, u"1"_s}}), u"web"_s);
        const Fixture f({{u"web"_s, {same, changedGit, missing}}}, {same, changedLive});

        const SyncPlan all = f.plan();
        QCOMPARE(stepOf(all, u"ConfigMap/shop/same"_s)->status, SyncStatus::Synced);
        QCOMPARE(stepOf(all, u"ConfigMap/shop/same"_s)->action, SyncAction::Reapply); // a no-op for the server
        QCOMPARE(stepOf(all, u"ConfigMap/shop/changed"_s)->action, SyncAction::Update);
        QCOMPARE(stepOf(all, u"ConfigMap/shop/changed"_s)->differences.size(), 1);
        QCOMPARE(stepOf(all, u"ConfigMap/shop/changed"_s)->live.value(u"data"_s).toObject().value(u"a"_s).toString(),
            u"live"_s);
        QCOMPARE(stepOf(all, u"ConfigMap/shop/missing"_s)->action, SyncAction::Create);

        const SyncPlan outOfSync = f.plan({.dryRun = false, .prune = false, .force = false, .onlyOutOfSync = true});
        QCOMPARE(stepOf(outOfSync, u"ConfigMap/shop/same"_s)->action, SyncAction::Unchanged);
        QCOMPARE(outOfSync.runCount(), 2);

        // Not connected: nothing can be judged; what the snapshot lacks is created.
        const EnvironmentDrift unknown = DriftStatus::compute(u"staging"_s, f.inputs, kube::LiveSnapshot(),
            {kube::ConnectionState::Status::Unreachable, u"down"_s, u"lab"_s, false});
        const SyncPlan blind = SyncPlan::build(u"staging"_s, unknown, f.inputs, kube::LiveSnapshot());
        QCOMPARE(blind.count(SyncAction::Create), 3);
        QCOMPARE(stepOf(blind, u"ConfigMap/shop/same"_s)->status, SyncStatus::Unknown);
    }

    void selection()
    {
        const Fixture f({{u"web"_s, {configMap(u"w1"_s, {}), object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s)}},
                            {u"api"_s, {configMap(u"a1"_s, {}), configMap(u"a2"_s, {})}}},
            {tracked(configMap(u"stale"_s, {}), u"api"_s)});
        QCOMPARE(f.plan().steps.size(), 5);

        SyncSelection apiOnly;
        apiOnly.applicationIds = {u"staging/api"_s};
        const SyncPlan api = f.plan({.dryRun = false, .prune = true, .force = false, .onlyOutOfSync = false}, apiOnly);
        QCOMPARE(order(api), (QStringList {u"ConfigMap/shop/a1"_s, u"ConfigMap/shop/a2"_s, u"ConfigMap/shop/stale"_s}));
        QCOMPARE(api.steps.last().action, SyncAction::Prune);

        SyncSelection one;
        one.keys = {ResourceKey {u"apps"_s, {}, u"Deployment"_s, u"shop"_s, u"web"_s}};
        const SyncPlan deployment = f.plan({}, one);
        QCOMPARE(order(deployment), QStringList {u"Deployment/shop/web"_s});
        QCOMPARE(deployment.steps.first().applicationName, u"web"_s);
    }

    void retryTakesOnlyTheFailed()
    {
        const Fixture f({{u"web"_s, {configMap(u"a"_s, {}), configMap(u"b"_s, {}), configMap(u"c"_s, {})}}}, {});
        const SyncPlan plan = f.plan({.dryRun = false, .prune = false, .force = true, .onlyOutOfSync = false});
        SyncReport report;
        for (const SyncStep& s : plan.steps) {
            ResourceResult r;
            r.key = s.key;
            r.action = s.action;
            r.outcome = s.key.name == u"b"_s ? ResourceOutcome::Failed : ResourceOutcome::Created;
            report.results.append(r);
        }
        const SyncPlan retry = SyncPlan::retryOf(plan, report);
        QCOMPARE(order(retry), QStringList {u"ConfigMap/shop/b"_s});
        QCOMPARE(retry.environment, u"staging"_s);
        QVERIFY(retry.options.force);
        QCOMPARE(retry.steps.first().manifest, plan.steps.at(1).manifest);
        QVERIFY(SyncPlan::retryOf(plan, SyncReport()).steps.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSyncPlan)
#include "tst_syncplan.moc"
