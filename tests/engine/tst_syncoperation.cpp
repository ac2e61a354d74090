// SyncOperation against an in-process sandbox over real HTTPS with a real KubeClient:
// a sync creates, updates and prunes exactly its plan (the cluster listed after), a
// dry run changes nothing, only-out-of-sync leaves synced objects untouched, a CRD is
// established before its custom resources, cancel stops between resources with a
// report that matches the cluster, an injected 500 fails one resource while the
// others go on and retry-failed fixes it, and an unreachable cluster aborts the run.
#include "engine/driftstatus.h"
#include "engine/syncoperation.h"
#include "engine/syncplan.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "sandbox/faultinjection.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"

#include <QDeadlineTimer>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;
using driftline::sandbox::SandboxServer;
using driftline::test::await;
using driftline::test::why;

namespace {

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
    const QJsonObject& rest = {})
{
    QJsonObject metadata {{u"name"_s, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    QJsonObject o = rest;
    o.insert(u"apiVersion"_s, apiVersion);
    o.insert(u"kind"_s, kind);
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject configMap(const QString& name, const QJsonObject& data, const QString& ns = u"shop"_s)
{
    return object(u"v1"_s, u"ConfigMap"_s, ns, name, {{u"data"_s, data}});
}

QJsonObject crd(const QString& group, const QString& plural, const QString& kind)
{
    return object(u"apiextensions.k8s.io/v1"_s, u"CustomResourceDefinition"_s, {}, plural + u'.' + group,
        {{u"spec"_s,
            QJsonObject {{u"group"_s, group}, {u"scope"_s, u"Namespaced"_s},
                {u"names"_s, QJsonObject {{u"plural"_s, plural}, {u"kind"_s, kind}}},
                {u"versions"_s,
                    QJsonArray {QJsonObject {{u"name"_s, u"v1"_s}, {u"served"_s, true}, {u"storage"_s, true}}}}}}});
}

Resource resourceOf(const QJsonObject& o)
{
    return Resource(kube::LiveSnapshot::keyOf(o), o);
}

QString resourceVersionOf(const QJsonObject& o)
{
    return o.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
}

const kube::ConnectionState Connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};

} // namespace

class TestSyncOperation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::shared_ptr<kube::KubeClient> m_client;
    QStringList m_progressTexts; // every progress text any run reported

    std::shared_ptr<kube::KubeClient> clientFor(const SandboxServer& server, const QString& file)
    {
        const QString path = m_dir.filePath(file);
        if (!server.kubeconfig(path))
            return {};
        auto config = kube::Kubeconfig::loadFile(path);
        if (!config)
            return {};
        return std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    }

    // The sandbox's whole store as a snapshot, the way a LiveCache would see it.
    std::shared_ptr<const kube::LiveSnapshot> snapshot(const QSet<ResourceKey>& desired)
    {
        kube::LiveSnapshot::Input input;
        m_server->store().forEachObject([&](const sandbox::ResourceType& t, const QJsonObject& o) {
            QJsonObject withKind = o;
            withKind.insert(u"apiVersion"_s, t.groupVersion());
            withKind.insert(u"kind"_s, t.kind);
            const ResourceKey key = kube::LiveSnapshot::keyOf(withKind);
            input.buckets[key.groupKind()].insert(key, withKind);
        });
        input.desiredKeys = desired;
        input.complete = true;
        return kube::LiveSnapshot::build(input);
    }

    // Git holds `desired` for application `web` of environment staging.
    SyncPlan planOf(const QList<QJsonObject>& desired, const SyncOptions& options = {},
        std::shared_ptr<const kube::LiveSnapshot> live = {})
    {
        workspace::Application app;
        app.name = u"web"_s;
        app.environment = u"staging"_s;
        workspace::RenderResult render;
        QSet<ResourceKey> keys;
        for (const QJsonObject& o : desired) {
            render.resources.append(resourceOf(o));
            keys.insert(kube::LiveSnapshot::keyOf(o));
        }
        if (!live)
            live = snapshot(keys);
        const QList<DriftStatus::ApplicationInput> inputs {{app, &render}};
        const EnvironmentDrift drift = DriftStatus::compute(u"staging"_s, inputs, *live, Connected);
        return SyncPlan::build(u"staging"_s, drift, inputs, *live, {}, options);
    }

    // Runs `operation` on the thread pool while this thread serves the sandbox.
    std::optional<SyncReport> runToEnd(const std::shared_ptr<SyncOperation>& operation,
        const std::function<void(int)>& onProgress = {})
    {
        QFutureWatcher<SyncReport> watcher;
        connect(&watcher, &QFutureWatcher<SyncReport>::progressValueChanged, this, [&](int value) {
            if (onProgress)
                onProgress(value);
        });
        connect(&watcher, &QFutureWatcher<SyncReport>::progressTextChanged, this,
            [&](const QString& text) { m_progressTexts.append(text); });
        QFuture<SyncReport> future = SyncOperation::run(operation);
        watcher.setFuture(future);
        QDeadlineTimer deadline(20'000);
        while (!future.isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::processEvents(); // the last progress signals
        if (!future.isFinished() || future.resultCount() == 0)
            return std::nullopt;
        return future.result();
    }

    std::optional<SyncReport> sync(const SyncPlan& plan)
    {
        return runToEnd(std::make_shared<SyncOperation>(plan, m_client));
    }

    Result<QJsonObject> get(const QString& group, const QString& kind, const QString& ns, const QString& name)
    {
        return await(m_client->get(group, {}, kind, ns, name));
    }

    bool exists(const QString& group, const QString& kind, const QString& ns, const QString& name)
    {
        return get(group, kind, ns, name).has_value();
    }

    QStringList configMapNames(const QString& ns, const QString& prefix = {})
    {
        QStringList names;
        const auto listed = await(m_client->list({}, u"v1"_s, u"ConfigMap"_s, ns));
        if (!listed)
            return {u"<list failed>"_s};
        for (const QJsonObject& o : listed->items) {
            const QString name = o.value(u"metadata"_s).toObject().value(u"name"_s).toString();
            if (name.startsWith(prefix))
                names.append(name);
        }
        names.sort();
        return names;
    }

    // As a former sync left it: applied by driftline, tracked by web.
    bool preApply(const QJsonObject& o)
    {
        const auto applied =
            await(m_client->apply(kube::TrackingId::annotated(o, u"web"_s, kube::LiveSnapshot::keyOf(o))));
        return applied.has_value();
    }

    ResourceOutcome outcomeOf(const SyncReport& report, const QString& kind, const QString& ns, const QString& name)
    {
        for (const ResourceResult& r : report.results) {
            if (r.key.kind == kind && r.key.namespace_ == ns && r.key.name == name)
                return r.outcome;
        }
        return ResourceOutcome::NotRun;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        m_client = clientFor(*m_server, u"sandbox.kubeconfig"_s);
        QVERIFY(m_client);
        QVERIFY(await(m_client->create(object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s))).has_value());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
        // No progress text ever showed a Secret's value.
        for (const QString& text : std::as_const(m_progressTexts))
            QVERIFY2(!text.contains(u"hunter2"_s), qPrintable(text));
    }

    void syncAppliesExactlyThePlan()
    {
        QVERIFY(preApply(configMap(u"same"_s, {{u"a"_s, u"1"_s}})));
        QVERIFY(preApply(configMap(u"changed"_s, {{u"a"_s, u"old"_s}})));
        QVERIFY(preApply(configMap(u"old"_s, {{u"x"_s, u"1"_s}})));
        const QList<QJsonObject> git {
            configMap(u"inside"_s, {{u"k"_s, u"v"_s}}, u"fresh"_s),
            configMap(u"same"_s, {{u"a"_s, u"1"_s}}),
            configMap(u"changed"_s, {{u"a"_s, u"new"_s}}),
            configMap(u"added"_s, {{u"b"_s, u"2"_s}}),
            object(u"v1"_s, u"Secret"_s, u"shop"_s, u"creds"_s, {{u"stringData"_s, QJsonObject {{u"password"_s, u"hunter2"_s}}}}),
            object(u"v1"_s, u"Namespace"_s, {}, u"fresh"_s),
        };

        // Dry run: the server checks everything, nothing is stored.
        const SyncPlan dry = planOf(git, {.dryRun = true, .prune = true, .force = false, .onlyOutOfSync = false});
        QCOMPARE(dry.count(SyncAction::Create), 4);
        QCOMPARE(dry.count(SyncAction::Update), 1);
        QCOMPARE(dry.count(SyncAction::Reapply), 1);
        QCOMPARE(dry.count(SyncAction::Prune), 1);
        const qint64 before = m_server->store().resourceVersion();
        const auto checked = sync(dry);
        QVERIFY(checked.has_value());
        QCOMPARE(m_server->store().resourceVersion(), before);
        QCOMPARE(outcomeOf(*checked, u"ConfigMap"_s, u"shop"_s, u"added"_s), ResourceOutcome::Created);
        QCOMPARE(outcomeOf(*checked, u"ConfigMap"_s, u"shop"_s, u"changed"_s), ResourceOutcome::Configured);
        QCOMPARE(outcomeOf(*checked, u"ConfigMap"_s, u"shop"_s, u"same"_s), ResourceOutcome::Unchanged);
        QCOMPARE(outcomeOf(*checked, u"ConfigMap"_s, u"shop"_s, u"old"_s), ResourceOutcome::Pruned);
        QCOMPARE(outcomeOf(*checked, u"Namespace"_s, {}, u"fresh"_s), ResourceOutcome::Created);
        // The Namespace was not really created, so the server cannot check what goes in it.
        const ResourceResult* inside = checked->result({{}, {}, u"ConfigMap"_s, u"fresh"_s, u"inside"_s});
        QVERIFY(inside);
        QCOMPARE(inside->outcome, ResourceOutcome::Created);
        QVERIFY2(inside->message.contains(u"fresh"_s), qPrintable(inside->message));
        QCOMPARE(checked->failed(), 0);
        QVERIFY(!exists({}, u"Namespace"_s, {}, u"fresh"_s));
        QVERIFY(exists({}, u"ConfigMap"_s, u"shop"_s, u"old"_s));

        // The real thing.
        const SyncPlan plan = planOf(git, {.dryRun = false, .prune = true, .force = false, .onlyOutOfSync = false});
        QCOMPARE(plan.steps.first().key.displayName(), u"Namespace/fresh"_s); // before what goes in it
        const auto report = sync(plan);
        QVERIFY(report.has_value());
        QVERIFY(report->succeeded());
        QCOMPARE(report->results.size(), 7);
        QCOMPARE(report->count(ResourceOutcome::Created), 4);
        QCOMPARE(report->count(ResourceOutcome::Configured), 1);
        QCOMPARE(report->count(ResourceOutcome::Unchanged), 1);
        QCOMPARE(report->count(ResourceOutcome::Pruned), 1);
        QCOMPARE(outcomeOf(*report, u"ConfigMap"_s, u"fresh"_s, u"inside"_s), ResourceOutcome::Created);
        QCOMPARE(report->environment, u"staging"_s);
        QVERIFY(report->durationMs >= 0);

        QCOMPARE(configMapNames(u"shop"_s), (QStringList {u"added"_s, u"changed"_s, u"same"_s}));
        QCOMPARE(configMapNames(u"fresh"_s), QStringList {u"inside"_s});
        const auto changed = get({}, u"ConfigMap"_s, u"shop"_s, u"changed"_s);
        QVERIFY2(changed, qPrintable(why(changed)));
        QCOMPARE(changed->value(u"data"_s).toObject().value(u"a"_s).toString(), u"new"_s);
        const auto owner = kube::TrackingId::ownerOf(*changed);
        QVERIFY(owner && owner->application == u"web"_s);
        const auto secret = get({}, u"Secret"_s, u"shop"_s, u"creds"_s);
        QVERIFY(secret.has_value());
        QCOMPARE(QByteArray::fromBase64(
                     secret->value(u"data"_s).toObject().value(u"password"_s).toString().toLatin1()),
            QByteArray("hunter2"));
        // The result keeps the manifest exactly as sent, for the audit log.
        const ResourceResult* added = report->result({{}, {}, u"ConfigMap"_s, u"shop"_s, u"added"_s});
        QVERIFY(added);
        const auto step = std::find_if(plan.steps.cbegin(), plan.steps.cend(),
            [](const SyncStep& s) { return s.key.name == u"added"_s; });
        QVERIFY(step != plan.steps.cend());
        QCOMPARE(added->manifest, step->manifest);
        QVERIFY(added->manifest.value(u"metadata"_s).toObject().value(u"annotations"_s).toObject().contains(
            QString(kube::TrackingId::DriftlineAnnotation)));
    }

    void onlyOutOfSyncLeavesSyncedAlone()
    {
        QVERIFY(preApply(configMap(u"s1"_s, {{u"a"_s, u"1"_s}})));
        QVERIFY(preApply(configMap(u"o1"_s, {{u"a"_s, u"old"_s}})));
        const QList<QJsonObject> git {configMap(u"s1"_s, {{u"a"_s, u"1"_s}}), configMap(u"o1"_s, {{u"a"_s, u"new"_s}})};
        const auto s1Before = get({}, u"ConfigMap"_s, u"shop"_s, u"s1"_s);
        QVERIFY(s1Before.has_value());

        const SyncPlan plan = planOf(git, {.dryRun = false, .prune = false, .force = false, .onlyOutOfSync = true});
        QCOMPARE(plan.runCount(), 1);
        const auto report = sync(plan);
        QVERIFY(report.has_value());
        QCOMPARE(outcomeOf(*report, u"ConfigMap"_s, u"shop"_s, u"o1"_s), ResourceOutcome::Configured);
        QCOMPARE(outcomeOf(*report, u"ConfigMap"_s, u"shop"_s, u"s1"_s), ResourceOutcome::Unchanged);
        const auto s1After = get({}, u"ConfigMap"_s, u"shop"_s, u"s1"_s);
        QVERIFY(s1After.has_value());
        QCOMPARE(resourceVersionOf(*s1After), resourceVersionOf(*s1Before));
        QCOMPARE(get({}, u"ConfigMap"_s, u"shop"_s, u"o1"_s)->value(u"data"_s).toObject().value(u"a"_s).toString(),
            u"new"_s);

        // Applying a synced object is a no-op for the server: still the same version.
        const SyncPlan all = planOf(git);
        QCOMPARE(all.runCount(), 2);
        const auto again = sync(all);
        QVERIFY(again.has_value());
        QCOMPARE(outcomeOf(*again, u"ConfigMap"_s, u"shop"_s, u"s1"_s), ResourceOutcome::Unchanged);
        QCOMPARE(outcomeOf(*again, u"ConfigMap"_s, u"shop"_s, u"o1"_s), ResourceOutcome::Unchanged);
        QCOMPARE(resourceVersionOf(*get({}, u"ConfigMap"_s, u"shop"_s, u"s1"_s)), resourceVersionOf(*s1Before));
    }

    void conflictsFailUnlessForced()
    {
        QVERIFY(preApply(configMap(u"edited"_s, {{u"level"_s, u"info"_s}})));
        const auto type = *m_server->store().findType({}, u"v1"_s, u"configmaps"_s);
        QVERIFY(m_server->store()
                    .patch(type, u"shop"_s, u"edited"_s, sandbox::ObjectStore::PatchType::Merge,
                        R"({"data":{"level":"debug"}})",
                        {.dryRun = false, .fieldManager = u"kubectl-edit"_s, .subresource = {}})
                    .has_value());
        const QList<QJsonObject> git {configMap(u"edited"_s, {{u"level"_s, u"info"_s}})};
        const auto planWith = [&](bool force) {
            const SyncPlan p = planOf(git, {.dryRun = false, .prune = false, .force = force, .onlyOutOfSync = false});
            SyncPlan selected = p; // this object only: the application tracks more
            selected.steps.clear();
            for (const SyncStep& s : p.steps) {
                if (s.key.name == u"edited"_s)
                    selected.steps.append(s);
            }
            return selected;
        };
        const SyncPlan plain = planWith(false);
        QCOMPARE(plain.steps.size(), 1);
        QCOMPARE(plain.steps.first().status, SyncStatus::OutOfSync);
        const auto refused = sync(plain);
        QVERIFY(refused.has_value());
        QCOMPARE(refused->failed(), 1);
        QVERIFY2(refused->results.first().message.contains(u"conflict with \"kubectl-edit\""_s),
            qPrintable(refused->results.first().message));
        QCOMPARE(get({}, u"ConfigMap"_s, u"shop"_s, u"edited"_s)->value(u"data"_s).toObject().value(u"level"_s).toString(),
            u"debug"_s);

        const auto forced = sync(planWith(true));
        QVERIFY(forced.has_value());
        QCOMPARE(forced->results.first().outcome, ResourceOutcome::Configured);
        QCOMPARE(get({}, u"ConfigMap"_s, u"shop"_s, u"edited"_s)->value(u"data"_s).toObject().value(u"level"_s).toString(),
            u"info"_s);
    }

    void crdEstablishedBeforeItsCustomResources()
    {
        // A dry run stores no definition, so its custom resources are left to the real run.
        const auto dry = sync(planOf({crd(u"toys.example.com"_s, u"sprockets"_s, u"Sprocket"_s),
                                         object(u"toys.example.com/v1"_s, u"Sprocket"_s, u"shop"_s, u"s1"_s)},
            {.dryRun = true, .prune = false, .force = false, .onlyOutOfSync = false}));
        QVERIFY(dry.has_value());
        QCOMPARE(dry->count(ResourceOutcome::Created), 2);
        const ResourceResult* sprocket = dry->result({u"toys.example.com"_s, {}, u"Sprocket"_s, u"shop"_s, u"s1"_s});
        QVERIFY(sprocket);
        QVERIFY(sprocket->message.contains(u"CustomResourceDefinition"_s));
        QVERIFY(!exists(u"apiextensions.k8s.io"_s, u"CustomResourceDefinition"_s, {}, u"sprockets.toys.example.com"_s));

        // The sandbox reports no conditions on a CRD: it serves the kind at once.
        const QList<QJsonObject> gadgets {object(u"toys.example.com/v1"_s, u"Gadget"_s, u"shop"_s, u"g1"_s),
            crd(u"toys.example.com"_s, u"gadgets"_s, u"Gadget"_s)};
        const SyncPlan first = planOf(gadgets);
        QCOMPARE(first.steps.first().key.kind, u"CustomResourceDefinition"_s);
        const auto served = sync(first);
        QVERIFY(served.has_value());
        QCOMPARE(served->count(ResourceOutcome::Created), 2);
        QVERIFY(exists(u"toys.example.com"_s, u"Gadget"_s, u"shop"_s, u"g1"_s));

        // A server that reports conditions: names accepted at once, established later,
        // as a real API server's apiextensions controller does.
        sandbox::ObjectStore& store = m_server->store();
        const auto crdType = *store.findType(u"apiextensions.k8s.io"_s, u"v1"_s, u"customresourcedefinitions"_s);
        qint64 establishedAt = 0;
        qint64 widgetAt = 0;
        const auto setConditions = [&store, crdType](const QString& name, const QJsonArray& conditions) {
            const QByteArray body =
                QJsonDocument(QJsonObject {{u"status"_s, QJsonObject {{u"conditions"_s, conditions}}}}).toJson();
            return store
                .patch(crdType, {}, name, sandbox::ObjectStore::PatchType::Merge, body,
                    {.dryRun = false, .fieldManager = u"kube-apiserver"_s, .subresource = u"status"_s})
                .has_value();
        };
        const QJsonObject namesAccepted {{u"type"_s, u"NamesAccepted"_s}, {u"status"_s, u"True"_s}};
        const QJsonObject established {{u"type"_s, u"Established"_s}, {u"status"_s, u"True"_s}};
        bool patched = true;
        const int listener = store.addListener([&](const sandbox::ObjectStore::Change& change) {
            if (change.resource == u"widgets"_s && change.type == sandbox::ObjectStore::Change::Type::Added)
                widgetAt = change.resourceVersion;
            if (change.resource != u"customresourcedefinitions"_s
                || change.type != sandbox::ObjectStore::Change::Type::Added)
                return;
            const QString name = change.object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
            QTimer::singleShot(0, this, [&, name] { patched &= setConditions(name, {namesAccepted}); });
            QTimer::singleShot(600, this, [&, name] {
                patched &= setConditions(name, {namesAccepted, established});
                establishedAt = store.resourceVersion();
            });
        });
        const auto report = sync(planOf({crd(u"example.com"_s, u"widgets"_s, u"Widget"_s),
            object(u"example.com/v1"_s, u"Widget"_s, u"shop"_s, u"w1"_s)}));
        store.removeListener(listener);
        QVERIFY(patched);
        QVERIFY(report.has_value());
        QVERIFY2(report->succeeded(), qPrintable(report->results.first().message + report->results.last().message));
        QVERIFY(establishedAt > 0);
        QVERIFY2(widgetAt > establishedAt, qPrintable(u"widget %1, established %2"_s.arg(widgetAt).arg(establishedAt)));
        QVERIFY(report->results.first().ms >= 500);
    }

    void cancelStopsBetweenResources()
    {
        QList<QJsonObject> git;
        for (int i = 0; i < 8; ++i)
            git.append(configMap(u"batch-%1"_s.arg(i), {{u"i"_s, QString::number(i)}}));
        const SyncPlan plan = planOf(git);
        QCOMPARE(plan.runCount(), 8);
        sandbox::FaultInjection slow;
        slow.latency = std::chrono::milliseconds(150);
        m_server->setFaults(slow);
        const auto operation = std::make_shared<SyncOperation>(plan, m_client);
        // The third resource has started: stop after it. (The signal reaches this thread
        // after the worker moved on, so asking at the second one could land before its
        // apply counted; at the third, two are certainly done.)
        const auto report = runToEnd(operation, [&](int value) {
            if (value >= 3)
                operation->terminate();
        });
        m_server->setFaults({});
        QVERIFY(report.has_value());
        QVERIFY(report->cancelled);
        QVERIFY(!report->aborted);
        const int created = report->count(ResourceOutcome::Created);
        QVERIFY2(created >= 2 && created < 8, qPrintable(QString::number(created)));
        qInfo("stopped after %d of 8", created);
        QCOMPARE(report->count(ResourceOutcome::NotRun), 8 - created);
        // The report matches the cluster, resource by resource.
        QStringList reported;
        for (const ResourceResult& r : report->results) {
            if (r.outcome == ResourceOutcome::Created)
                reported.append(r.key.name);
        }
        reported.sort();
        QCOMPARE(configMapNames(u"shop"_s, u"batch-"_s), reported);
    }

    void failureIsReportedAndRetried()
    {
        QList<QJsonObject> git;
        for (int i = 1; i <= 4; ++i)
            git.append(configMap(u"retry-%1"_s.arg(i), {{u"i"_s, QString::number(i)}}));
        const SyncPlan plan = planOf(git);
        QVERIFY(await(m_client->discovery()).has_value()); // no discovery request counts below
        sandbox::FaultInjection faults;
        faults.failEveryNth = 3; // the third apply
        m_server->setFaults(faults);
        const auto report = sync(plan);
        m_server->setFaults({});
        QVERIFY(report.has_value());
        QVERIFY(!report->aborted);
        QCOMPARE(report->failed(), 1);
        QCOMPARE(report->count(ResourceOutcome::Created), 3);
        const ResourceResult* failed = report->result({{}, {}, u"ConfigMap"_s, u"shop"_s, u"retry-3"_s});
        QVERIFY(failed);
        QCOMPARE(failed->outcome, ResourceOutcome::Failed);
        QVERIFY2(failed->message.contains(u"Internal error occurred: injected fault"_s), qPrintable(failed->message));
        QCOMPARE(configMapNames(u"shop"_s, u"retry-"_s), (QStringList {u"retry-1"_s, u"retry-2"_s, u"retry-4"_s}));

        const SyncPlan retry = SyncPlan::retryOf(plan, *report);
        QCOMPARE(retry.runCount(), 1);
        const auto retried = sync(retry);
        QVERIFY(retried.has_value());
        QVERIFY(retried->succeeded());
        QCOMPARE(retried->count(ResourceOutcome::Created), 1);
        QCOMPARE(configMapNames(u"shop"_s, u"retry-"_s),
            (QStringList {u"retry-1"_s, u"retry-2"_s, u"retry-3"_s, u"retry-4"_s}));
    }

    void unreachableClusterAborts()
    {
        auto gone = std::make_unique<SandboxServer>();
        QVERIFY(gone->listen().has_value());
        const auto client = clientFor(*gone, u"gone.kubeconfig"_s);
        QVERIFY(client);
        QVERIFY(await(client->discovery()).has_value());
        gone.reset(); // the port now refuses connections
        const SyncPlan plan = planOf({configMap(u"u1"_s, {}), configMap(u"u2"_s, {}), configMap(u"u3"_s, {})}, {},
            std::make_shared<const kube::LiveSnapshot>());
        QCOMPARE(plan.runCount(), 3);
        const auto report = runToEnd(std::make_shared<SyncOperation>(plan, client));
        QVERIFY(report.has_value());
        QVERIFY(report->aborted);
        QVERIFY(!report->error.isEmpty());
        QCOMPARE(report->results.at(0).outcome, ResourceOutcome::Failed);
        QCOMPARE(report->count(ResourceOutcome::NotRun), 2);
    }
};

QTEST_GUILESS_MAIN(TestSyncOperation)
#include "tst_syncoperation.moc"
