#include "driftbench.h"

#include "benchsupport.h"
#include "engine/driftstatus.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/livecache.h"
#include "kube/trackingid.h"
#include "repogenerator.h"
#include "sandbox/objectstore.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>
#include <QtConcurrentRun>

#include <algorithm>
#include <sys/resource.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QString ms(double v, int decimals = 0)
{
    return QString::number(v, 'f', decimals) + u" ms"_s;
}

std::optional<sandbox::ResourceType> typeOf(const sandbox::ObjectStore& store, const ResourceKey& key)
{
    for (const sandbox::ResourceType& t : store.types()) {
        if (t.group == key.group && t.kind == key.kind)
            return t;
    }
    return std::nullopt;
}

// One environment as the window holds it: its renders, its cache, its last drift.
struct Environment {
    QString name;
    QList<workspace::Application> applications;
    QList<const workspace::RenderResult*> renders;
    std::shared_ptr<kube::LiveCache> cache;
    std::shared_ptr<const engine::EnvironmentDrift> drift;

    QList<engine::DriftStatus::ApplicationInput> inputs() const
    {
        QList<engine::DriftStatus::ApplicationInput> list;
        for (qsizetype i = 0; i < applications.size(); ++i)
            list.append({applications.at(i), renders.at(i)});
        return list;
    }
};

// CPU time of the whole process (all threads): the work, whatever else the machine runs.
double cpuMs()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (double(u.ru_utime.tv_sec) + double(u.ru_stime.tv_sec)) * 1000.0
        + (double(u.ru_utime.tv_usec) + double(u.ru_stime.tv_usec)) / 1000.0;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int runDriftBench(const DriftBenchOptions& options)
{
    int status = 0;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        out() << "error: cannot create a temporary folder\n";
        return 1;
    }
    const QString repo = dir.filePath(u"repo"_s);
    QDir().mkpath(repo);
    RepoGenerator::Options generate;
    generate.applications = options.applications;
    generate.resourcesPerApplication = 10;
    generate.commits = 2;
    out() << "drift: generating " << RepoGenerator::environments().size() << " environments x "
          << options.applications << " applications x 10 resources...\n";
    out().flush();
    if (auto r = RepoGenerator::generate(repo, generate); !r) {
        out() << "error: " << r.error().toString() << "\n";
        return 1;
    }

    // Git's side: the workspace rendered as the window renders it.
    workspace::WorkspaceLoader loader;
    loader.setCacheDir(dir.filePath(u"cache"_s));
    {
        QEventLoop loop;
        QObject::connect(&loader, &workspace::WorkspaceLoader::loadFinished, &loop, &QEventLoop::quit);
        QObject::connect(&loader, &workspace::WorkspaceLoader::loadFailed, &loop, [&](const Error& e) {
            out() << "error: " << e.toString() << "\n";
            loop.quit();
        });
        loader.load(repo);
        loop.exec();
    }
    const workspace::Workspace& ws = loader.workspace();
    QList<Environment> environments;
    qsizetype desiredCount = 0;
    for (const workspace::Environment& e : ws.environments) {
        Environment env;
        env.name = e.name;
        for (const workspace::Application& app : ws.applicationsIn(e.name)) {
            const workspace::RenderResult* render = loader.result(app.id());
            if (!render)
                continue;
            env.applications.append(app);
            env.renders.append(render);
            desiredCount += render->resources.size();
        }
        environments.append(std::move(env));
    }

    // The cluster's side: the same objects as Driftline applies them, 5 % edited by hand.
    SandboxThread host;
    QString failure;
    QByteArray kubeconfig;
    int stored = 0;
    QList<QPair<QString, ResourceKey>> edited; // environment, key
    QElapsedTimer t;
    t.start();
    host.run([&] {
        auto* server = new sandbox::SandboxServer;
        host.server() = server;
        server->setControllersEnabled(false);
        if (auto r = server->listen(); !r) {
            failure = r.error().toString();
            return;
        }
        kubeconfig = server->kubeconfigYaml();
        sandbox::ObjectStore& store = server->store();
        const auto nsType = *store.findType(QString(), u"v1"_s, u"namespaces"_s);
        for (const workspace::Environment& e : ws.environments) {
            (void)store.create(nsType, QString(),
                QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                    {u"metadata"_s, QJsonObject {{u"name"_s, e.namespace_}}}});
        }
        const int every = qMax(1, int(1.0 / options.changedShare));
        int index = 0;
        for (const Environment& env : std::as_const(environments)) {
            for (qsizetype a = 0; a < env.applications.size(); ++a) {
                for (const Resource& resource : env.renders.at(a)->resources) {
                    const ResourceKey key = resource.key();
                    const auto type = typeOf(store, key);
                    if (!type) {
                        failure = u"the sandbox does not serve %1"_s.arg(key.kind);
                        return;
                    }
                    const QJsonObject object =
                        kube::TrackingId::annotated(resource.object(), env.applications.at(a).name, key);
                    if (!store.apply(*type, key.namespace_, key.name, object, {u"driftline"_s, false, false})) {
                        failure = u"cannot store %1"_s.arg(key.displayName());
                        return;
                    }
                    ++stored;
                    if (index++ % every == 0) {
                        // As `kubectl label`: a field Git does not set, owned by a person.
                        const auto patched = store.patch(*type, key.namespace_, key.name,
                            sandbox::ObjectStore::PatchType::Merge,
                            R"({"metadata":{"labels":{"edited-by":"hand"}}})",
                            {false, u"kubectl-label"_s, QString()});
                        if (patched)
                            edited.append({env.name, kube::LiveSnapshot::withoutVersion(key)});
                    }
                }
            }
        }
    });
    if (!failure.isEmpty()) {
        out() << "error: " << failure << "\n";
        return 1;
    }
    out() << "  " << desiredCount << " resources rendered; the sandbox holds " << stored << " of them, "
          << edited.size() << " edited by hand (" << ms(t.elapsed()) << " to load)\n";

    auto made = sandboxClient(kubeconfig, dir.filePath(u"kubeconfig"_s));
    if (!made) {
        out() << "error: " << made.error() << "\n";
        return 1;
    }
    std::shared_ptr<kube::KubeClient> client = *made;

    // (a) Reading the cluster: every environment's watches list, snapshots built.
    t.restart();
    for (Environment& env : environments) {
        env.cache = std::make_shared<kube::LiveCache>(client, env.name);
        QList<kube::LiveCache::GroupKind> kinds;
        QSet<ResourceKey> keys;
        QStringList applications;
        for (qsizetype a = 0; a < env.applications.size(); ++a) {
            applications << env.applications.at(a).name;
            for (const Resource& r : env.renders.at(a)->resources) {
                const kube::LiveCache::GroupKind gk {r.key().group, r.key().kind};
                if (!kinds.contains(gk))
                    kinds << gk;
                keys.insert(kube::LiveSnapshot::withoutVersion(r.key()));
            }
        }
        env.cache->setNamespaces({ws.environment(env.name)->namespace_});
        env.cache->setGitKinds(kinds);
        env.cache->setApplications(applications);
        env.cache->setDesiredKeys(keys);
        env.cache->start();
    }
    const bool read = waitFor(
        [&] {
            return std::all_of(environments.begin(), environments.end(),
                [](const Environment& e) { return e.cache->snapshot()->isComplete(); });
        },
        120000);
    const qint64 readMs = t.elapsed();
    if (!read) {
        out() << "error: the cluster was not read within 2 minutes\n";
        return 1;
    }
    qsizetype liveCount = 0;
    for (const Environment& env : std::as_const(environments))
        liveCount += env.cache->snapshot()->size();
    out() << "  cluster read (discovery, " << liveCount << " objects listed, snapshots built): " << ms(readMs)
          << "\n";

    {
        // What one publication costs: the staging snapshot built again from its objects.
        const auto snap = environments[1].cache->snapshot();
        kube::LiveSnapshot::Input input;
        for (const ResourceKey& key : snap->keys())
            input.buckets[key.kind].insert(key, *snap->object(key));
        input.complete = true;
        input.namespaces = {ws.environment(environments[1].name)->namespace_};
        QElapsedTimer b;
        b.start();
        const auto rebuilt = kube::LiveSnapshot::build(input);
        const double buildMs = b.nsecsElapsed() / 1e6;
        b.restart();
        const auto changed = kube::LiveSnapshot::changedKeys(*snap, *rebuilt);
        out() << "  one snapshot of " << rebuilt->size() << " objects: built in " << ms(buildMs, 1)
              << ", compared with the last in " << ms(b.nsecsElapsed() / 1e6, 1) << "\n";
    }

    // (b) The full drift computation: every environment on the thread pool at once.
    const auto computeAll = [&] {
        QList<QFuture<engine::EnvironmentDrift>> futures;
        for (const Environment& env : std::as_const(environments)) {
            futures.append(QtConcurrent::run([inputs = env.inputs(), name = env.name,
                                                 snapshot = env.cache->snapshot(),
                                                 state = env.cache->connectionState()] {
                return engine::DriftStatus::compute(name, inputs, *snapshot, state);
            }));
        }
        for (qsizetype i = 0; i < futures.size(); ++i)
            environments[i].drift = std::make_shared<const engine::EnvironmentDrift>(futures[i].result());
    };
    computeAll(); // warm-up: first-use costs (translations, allocator) are not the engine's
    QList<double> computeTimes;
    QList<double> computeCpu;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer c;
        const double cpuBefore = cpuMs();
        c.start();
        computeAll();
        computeTimes << c.nsecsElapsed() / 1e6;
        computeCpu << cpuMs() - cpuBefore;
    }
    QMap<engine::SyncStatus, int> counts;
    for (const Environment& env : std::as_const(environments)) {
        for (auto it = env.drift->counts.cbegin(); it != env.drift->counts.cend(); ++it)
            counts[it.key()] += it.value();
    }
    const double computeMs = median(computeTimes);
    out() << "  full drift computation, " << desiredCount << " resources in 3 environments: " << ms(computeMs)
          << " (median of 3; target <= 1000 ms: " << (computeMs <= 1000 ? "ok" : "MISSED") << "), CPU "
          << ms(median(computeCpu)) << " over " << QThreadPool::globalInstance()->maxThreadCount() << " threads\n";
    out() << "    synced " << counts.value(engine::SyncStatus::Synced) << ", out of sync "
          << counts.value(engine::SyncStatus::OutOfSync) << ", missing " << counts.value(engine::SyncStatus::Missing)
          << ", extraneous " << counts.value(engine::SyncStatus::Extraneous) << ", unknown "
          << counts.value(engine::SyncStatus::Unknown) << "\n";
    if (counts.value(engine::SyncStatus::OutOfSync) != edited.size()
        || counts.value(engine::SyncStatus::Synced) != desiredCount - edited.size()) {
        out() << "  MISMATCH: expected " << edited.size() << " out of sync and the rest synced\n";
        status = 1;
    }

    // (c) One watch event to the updated status: an edit through the API, then the
    // cache's snapshot, then the incremental drift update on the thread pool.
    Environment& staging = environments[1];
    QList<Resource> candidates;
    for (const workspace::RenderResult* render : std::as_const(staging.renders))
        candidates << render->resources;
    QList<double> toSnapshot, toStatus, updateCost;
    int stepped = 0;
    for (int i = 0; i < options.events && i < candidates.size(); ++i) {
        const Resource& target = candidates.at((i * 97) % candidates.size());
        const ResourceKey key = kube::LiveSnapshot::withoutVersion(target.key());
        QEventLoop loop;
        QElapsedTimer clock;
        bool done = false;
        const auto connection = QObject::connect(staging.cache.get(), &kube::LiveCache::snapshotChanged, &loop,
            [&](const std::shared_ptr<const kube::LiveSnapshot>& snapshot, const QSet<ResourceKey>& changed) {
                if (!changed.contains(key))
                    return;
                toSnapshot << clock.nsecsElapsed() / 1e6;
                QElapsedTimer cost;
                cost.start();
                QtConcurrent::run([previous = staging.drift, inputs = staging.inputs(), snapshot, changed,
                                      state = staging.cache->connectionState()] {
                    return engine::DriftStatus::update(*previous, inputs, *snapshot, state, changed);
                }).then(&loop, [&, cost](const engine::EnvironmentDrift& updated) {
                    updateCost << cost.nsecsElapsed() / 1e6;
                    toStatus << clock.nsecsElapsed() / 1e6;
                    staging.drift = std::make_shared<const engine::EnvironmentDrift>(updated);
                    for (const engine::ApplicationDrift& app : updated.applications)
                        for (const engine::ResourceDrift& r : app.resources)
                            if (r.key == key && r.sync == engine::SyncStatus::OutOfSync)
                                done = true;
                    loop.quit();
                });
            });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        clock.start();
        const QByteArray body = R"({"metadata":{"labels":{"bench-edit":")" + QByteArray::number(i) + R"("}}})";
        client->patch(key.group, target.key().version, key.kind, key.namespace_, key.name, kube::PatchType::Merge,
            body, u"kubectl-label"_s);
        loop.exec();
        QObject::disconnect(connection);
        stepped += done ? 1 : 0;
        // Separate edits, as a person's are: the next one finds the cache quiet.
        QEventLoop pause;
        QTimer::singleShot(150, &pause, &QEventLoop::quit);
        pause.exec();
    }
    if (stepped != options.events) {
        out() << "  MISSED: " << (options.events - stepped) << " of " << options.events
              << " edits never showed as OutOfSync\n";
        status = 1;
    }
    const double eventMs = median(toStatus);
    out() << "  one watch event to updated status (" << stepped << " single edits, from the PATCH request): median "
          << ms(eventMs, 1) << ", max " << ms(toStatus.isEmpty() ? 0 : *std::max_element(toStatus.begin(), toStatus.end()), 1)
          << " (target <= 50 ms: " << (eventMs <= 50 ? "ok" : "MISSED") << ")\n";
    out() << "    of which request to snapshot: median " << ms(median(toSnapshot), 1)
          << "; incremental update of " << staging.inputs().size() << " applications: median "
          << ms(median(updateCost), 1) << "\n";
    for (Environment& env : environments)
        env.cache->stop();
    return status;
}

} // namespace driftline::bench
