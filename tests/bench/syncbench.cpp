#include "syncbench.h"

#include "benchsupport.h"
#include "engine/driftstatus.h"
#include "engine/syncoperation.h"
#include "engine/syncplan.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <memory>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QString nsName(int i)
{
    return u"sync-bench-%1"_s.arg(i);
}

// The i-th object of a batch: 96 % ConfigMaps, 2 % Deployments, 2 % Services.
QJsonObject objectOf(const QString& prefix, int i, int namespaces)
{
    const QString ns = nsName(i % namespaces);
    const QString name = prefix + u'-' + QString::number(i);
    QJsonObject metadata{{u"name"_s, name}, {u"namespace"_s, ns}, {u"labels"_s, QJsonObject{{u"app"_s, prefix}}}};
    if (i % 50 == 10) {
        const QJsonObject labels{{u"app"_s, name}};
        const QJsonObject container{{u"name"_s, u"app"_s}, {u"image"_s, u"nginx:1.27"_s},
            {u"ports"_s, QJsonArray{QJsonObject{{u"containerPort"_s, 80}}}}};
        return QJsonObject{{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"Deployment"_s}, {u"metadata"_s, metadata},
            {u"spec"_s, QJsonObject{{u"replicas"_s, 2}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
                {u"template"_s, QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}},
                    {u"spec"_s, QJsonObject{{u"containers"_s, QJsonArray{container}}}}}}}}};
    }
    if (i % 50 == 20) {
        return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Service"_s}, {u"metadata"_s, metadata},
            {u"spec"_s, QJsonObject{{u"selector"_s, QJsonObject{{u"app"_s, name}}},
                {u"ports"_s, QJsonArray{QJsonObject{{u"port"_s, 80}, {u"targetPort"_s, 8080}}}}}}};
    }
    QJsonObject data;
    for (int k = 0; k < 5; ++k)
        data.insert(u"key-%1"_s.arg(k), u"value %1 of %2"_s.arg(k).arg(name));
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}, {u"metadata"_s, metadata},
        {u"data"_s, data}};
}

double perSecond(int count, qint64 ms)
{
    return ms > 0 ? count * 1000.0 / double(ms) : 0.0;
}

} // namespace

int runSyncBench(const SyncBenchOptions& options)
{
    int status = 0;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        out() << "error: cannot create a temporary folder\n";
        return 1;
    }
    SandboxThread host;
    QString listenError;
    QByteArray kubeconfig;
    host.run([&] {
        auto* server = new sandbox::SandboxServer;
        host.server() = server;
        // A static store: controllers would add ReplicaSets and Pods while we measure.
        server->setControllersEnabled(false);
        if (auto r = server->listen(); !r) {
            listenError = r.error().toString();
            return;
        }
        kubeconfig = server->kubeconfigYaml();
        sandbox::ObjectStore& store = server->store();
        const auto nsType = *store.findType(QString(), u"v1"_s, u"namespaces"_s);
        for (int n = 0; n < options.namespaces; ++n) {
            (void)store.create(nsType, QString(),
                QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                    {u"metadata"_s, QJsonObject{{u"name"_s, nsName(n)}}}});
        }
    });
    if (!listenError.isEmpty()) {
        out() << "error: the sandbox did not start: " << listenError << "\n";
        return 1;
    }
    auto made = sandboxClient(kubeconfig, dir.filePath(u"sandbox.kubeconfig"_s));
    if (!made) {
        out() << "error: " << made.error() << "\n";
        return 1;
    }
    std::shared_ptr<kube::KubeClient> client = *made;
    if (const auto discovered = wait(client->refreshDiscovery()); !discovered) {
        out() << "error: discovery: " << discovered.error().toString() << "\n";
        return 1;
    }
    out() << "sync of " << options.resources << " resources (96 % ConfigMaps, 2 % Deployments, 2 % Services) "
          << "across " << options.namespaces << " namespaces, sandbox on its own thread\n";

    // (b) The sandbox's raw capacity: the same applies (tracking annotation and all)
    // straight through KubeClient, one at a time, then several in flight. Blocking on
    // each future as SyncOperation's worker does (the client and the sandbox have
    // threads of their own), so no event-loop round trip is counted against either.
    const auto finished = [](QFuture<Result<kube::ApplyResult>>& f) {
        f.waitForFinished();
        return f.resultCount() > 0 && f.result().has_value();
    };
    const auto applyAll = [&](const QString& prefix, int inFlight) {
        QElapsedTimer t;
        t.start();
        int failed = 0;
        std::deque<QFuture<Result<kube::ApplyResult>>> pending;
        for (int i = 0; i < options.resources; ++i) {
            QJsonObject o = objectOf(prefix, i, options.namespaces);
            o = kube::TrackingId::annotated(o, u"bench"_s, kube::LiveSnapshot::keyOf(o));
            pending.push_back(client->apply(o));
            while (int(pending.size()) >= inFlight) {
                failed += finished(pending.front()) ? 0 : 1;
                pending.pop_front();
            }
        }
        while (!pending.empty()) {
            failed += finished(pending.front()) ? 0 : 1;
            pending.pop_front();
        }
        return std::pair<qint64, int>{t.elapsed(), failed};
    };
    // Sequential first, SyncOperation next, then in flight: each run adds 1,000 objects to
    // the store, so the order is part of the figures (printed as measured).
    const auto [sequentialMs, sequentialFailed] = applyAll(u"raw"_s, 1);
    out() << "  KubeClient, 1 in flight: " << sequentialMs << " ms, "
          << QString::number(perSecond(options.resources - sequentialFailed, sequentialMs), 'f', 0)
          << " resources/s (" << sequentialFailed << " failed)\n";
    double syncRate = 0;
    // (a) SyncOperation on the thread pool, the plan built as the window builds it:
    // Git holds the objects, the cluster none of them, so every step is a Create.
    {
        workspace::Application app;
        app.name = u"bench"_s;
        app.environment = u"bench"_s;
        workspace::RenderResult render;
        kube::LiveSnapshot::Input input;
        for (int i = 0; i < options.resources; ++i) {
            const QJsonObject o = objectOf(u"sync"_s, i, options.namespaces);
            const ResourceKey key = kube::LiveSnapshot::keyOf(o);
            render.resources.append(Resource(key, o));
            input.desiredKeys.insert(kube::LiveSnapshot::withoutVersion(key));
            input.buckets[key.groupKind()]; // the kind was listed and is empty
        }
        input.complete = true;
        const auto live = kube::LiveSnapshot::build(input);
        const kube::ConnectionState connected{kube::ConnectionState::Status::Connected, {}, u"bench"_s, false};
        const QList<engine::DriftStatus::ApplicationInput> inputs{{app, &render}};
        QElapsedTimer planClock;
        planClock.start();
        const engine::EnvironmentDrift drift = engine::DriftStatus::compute(u"bench"_s, inputs, *live, connected);
        const engine::SyncPlan plan = engine::SyncPlan::build(u"bench"_s, drift, inputs, *live);
        const qint64 planMs = planClock.elapsed();

        // The UI thread's probe: a 1 ms timer; the longest gap between two ticks is
        // the longest the window would have stalled.
        QElapsedTimer probeClock;
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        int ticks = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = probeClock.elapsed();
            longestGap = qMax(longestGap, now - lastTick);
            lastTick = now;
            ++ticks;
        });
        auto operation = std::make_shared<engine::SyncOperation>(plan, client);
        QElapsedTimer t;
        t.start();
        probeClock.start();
        probe.start(1);
        const engine::SyncReport report = wait(engine::SyncOperation::run(operation));
        const qint64 elapsed = t.elapsed();
        probe.stop();
        const int created = report.count(engine::ResourceOutcome::Created);
        syncRate = perSecond(created, elapsed);
        out() << "  SyncOperation::run:     " << elapsed << " ms, "
              << QString::number(perSecond(created, elapsed), 'f', 0) << " resources/s (" << created << " created, "
              << report.failed() << " failed; plan built in " << planMs << " ms)\n";
        out() << "    UI thread: longest stall " << longestGap << " ms over " << ticks
              << " probe ticks (target < 50 ms: " << (longestGap < 50 ? "ok" : "MISSED") << ")\n";
        out().flush();
        if (created != options.resources || !report.succeeded())
            status = 1;
        // Read back as the figures' proof: every object is there.
        const auto countSync = [](const QList<QJsonObject>& items) {
            return std::count_if(items.cbegin(), items.cend(), [](const QJsonObject& o) {
                return o.value(u"metadata"_s).toObject().value(u"name"_s).toString().startsWith(u"sync-"_s);
            });
        };
        qsizetype listed = 0;
        for (const QString& kind : {u"ConfigMap"_s, u"Service"_s}) {
            for (int n = 0; n < options.namespaces; ++n) {
                const auto list = wait(client->list({}, u"v1"_s, kind, nsName(n)));
                listed += list ? countSync(list->items) : 0;
            }
        }
        for (int n = 0; n < options.namespaces; ++n) {
            const auto list = wait(client->list(u"apps"_s, u"v1"_s, u"Deployment"_s, nsName(n)));
            listed += list ? countSync(list->items) : 0;
        }
        if (listed != options.resources) {
            out() << "    error: the cluster lists " << listed << " objects\n";
            status = 1;
        }
        out().flush();
    }

    const auto [parallelMs, parallelFailed] = applyAll(u"par"_s, options.inFlight);
    out() << "  KubeClient, " << options.inFlight << " in flight: " << parallelMs << " ms, "
          << QString::number(perSecond(options.resources - parallelFailed, parallelMs), 'f', 0)
          << " resources/s (" << parallelFailed << " failed)\n";
    // SyncOperation sends one resource at a time (so it can stop between any two and
    // report each), so its natural yardstick is the sequential run.
    const double sequentialRate = perSecond(options.resources - sequentialFailed, sequentialMs);
    const double parallelRate = perSecond(options.resources - parallelFailed, parallelMs);
    out() << "  ratio SyncOperation / raw sequential: "
          << QString::number(sequentialRate > 0 ? syncRate / sequentialRate : 0, 'f', 2)
          << ";  SyncOperation / raw " << options.inFlight << " in flight: "
          << QString::number(parallelRate > 0 ? syncRate / parallelRate : 0, 'f', 2) << "\n";
    if (sequentialFailed + parallelFailed > 0)
        status = 1;
    out().flush();
    return status;
}

} // namespace driftline::bench
