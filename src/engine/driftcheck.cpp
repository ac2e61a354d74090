#include "engine/driftcheck.h"

#include "engine/clustertarget.h"
#include "kube/kubeconfig.h"
#include "kube/livecache.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QEventLoop>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

using kube::ConnectionState;
using Status = kube::ConnectionState::Status;

// The environments run() reports on: the workspace's, plus any named only by an
// application (discovery can find those), in the workspace's order.
QList<workspace::Environment> allEnvironments(const workspace::Workspace& ws)
{
    QList<workspace::Environment> environments = ws.environments;
    QStringList names;
    for (const workspace::Environment& e : ws.environments)
        names << e.name;
    for (const workspace::Application& a : ws.applications) {
        if (!names.contains(a.environment)) {
            names << a.environment;
            workspace::Environment e;
            e.name = a.environment;
            environments << e;
        }
    }
    return environments;
}

// The cache has told all it will tell without more waiting: every kind listed (or
// failed for good), or the cluster answered with an error, or it cannot connect at all.
bool settled(const kube::LiveCache& cache)
{
    const Status status = cache.connectionState().status;
    return status == Status::NotConfigured || status == Status::Unreachable || status == Status::Unauthorized
        || cache.snapshot()->isComplete();
}

} // namespace

QJsonObject DriftCheck::Report::liveObject(const QString& environment, const ResourceKey& key) const
{
    for (const EnvironmentReport& e : environments) {
        if (e.environment.name == environment && e.live)
            return e.live->object(kube::LiveSnapshot::withoutVersion(key)).value_or(QJsonObject {});
    }
    return {};
}

Result<DriftCheck::Report> DriftCheck::load(const Options& options)
{
    workspace::WorkspaceLoader loader;
    loader.setCacheDir(options.cacheDir); // empty: no disk cache

    QEventLoop loop;
    bool done = false;
    std::optional<Error> failure;
    QObject::connect(&loader, &workspace::WorkspaceLoader::loadFinished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QObject::connect(&loader, &workspace::WorkspaceLoader::loadFailed, &loop, [&](const Error& e) {
        failure = e;
        done = true;
        loop.quit();
    });
    loader.load(QDir(options.workspace.isEmpty() ? u"."_s : options.workspace).absolutePath(), options.revision);
    if (!done)
        loop.exec();
    if (failure)
        return fail(*failure);

    Report report;
    report.workspace = loader.workspace();
    for (const workspace::Application& app : std::as_const(report.workspace.applications)) {
        if (const workspace::RenderResult* r = loader.result(app.id()))
            report.renders.insert(app.id(), *r);
    }
    QStringList known;
    for (const workspace::Environment& e : allEnvironments(report.workspace))
        known << e.name;
    for (const QString& asked : options.environments) {
        if (!known.contains(asked))
            return fail(Error::make(Error::Code::NotFound,
                tr("There is no environment \"%1\". Environments: %2")
                    .arg(asked, known.isEmpty() ? tr("(none)") : known.join(u", "_s))));
    }
    return report;
}

Result<DriftCheck::Report> DriftCheck::run(const Options& options)
{
    Result<Report> loaded = load(options);
    if (!loaded)
        return loaded;
    return run(options, std::move(*loaded));
}

DriftCheck::Report DriftCheck::run(const Options& options, Report loaded)
{
    Report report = std::move(loaded);
    report.environments.clear();
    const workspace::Workspace& ws = report.workspace;

    // The kubeconfig as kubectl reads it: --kubeconfig alone, else $KUBECONFIG, else ~/.kube/config.
    const QStringList kubeconfigPaths =
        options.kubeconfig.isEmpty() ? kube::Kubeconfig::defaultPaths() : QStringList {options.kubeconfig};
    const Result<kube::Kubeconfig> config = options.kubeconfig.isEmpty()
        ? kube::Kubeconfig::loadDefault()
        : kube::Kubeconfig::loadFile(options.kubeconfig);

    struct Live {
        EnvironmentReport report;
        std::unique_ptr<kube::LiveCache> cache;
    };
    std::vector<Live> lives;
    QEventLoop loop;
    const auto allSettled = [&] {
        return std::all_of(lives.cbegin(), lives.cend(), [](const Live& l) { return settled(*l.cache); });
    };
    const auto check = [&] {
        if (allSettled())
            loop.quit();
    };

    for (const workspace::Environment& env : allEnvironments(ws)) {
        if (!options.environments.isEmpty() && !options.environments.contains(env.name))
            continue;
        ClusterTarget target;
        if (!config)
            target = ClusterTarget::unusable(env.context, config.error());
        else
            target = ClusterTarget::resolve(*config,
                env.context.isEmpty() ? config->currentContext() : env.context, kubeconfigPaths);
        Live live;
        live.report.environment = env;
        live.report.context = target.context;
        live.report.cluster = target.cluster;
        live.report.server = target.server;
        live.cache.reset(target.makeCache());

        QStringList applications;
        ResourceList desired;
        for (const workspace::Application& app : ws.applications) {
            if (app.environment != env.name)
                continue;
            applications << app.name;
            if (const auto r = report.renders.constFind(app.id()); r != report.renders.cend())
                desired += r->resources;
        }
        live.cache->setApplications(applications);
        ClusterTarget::feed(*live.cache, env, desired);
        QObject::connect(live.cache.get(), &kube::LiveCache::snapshotChanged, &loop, check);
        QObject::connect(live.cache.get(), &kube::LiveCache::connectionStateChanged, &loop, check);
        lives.push_back(std::move(live));
    }
    for (Live& live : lives)
        live.cache->start();

    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (!allSettled()) {
        deadline.start(options.timeout);
        loop.exec();
    }

    for (Live& live : lives) {
        live.cache->disconnect(&loop);
        live.cache->stop();
        ConnectionState state = live.cache->connectionState();
        if (!settled(*live.cache) && (state.status == Status::Connecting || state.status == Status::Connected)) {
            // Still reading when the time ran out: for a one-shot check that is as good as unreachable.
            // (A Forbidden discovery keeps its own state and reason.)
            state.status = Status::Unreachable;
            const QString where = live.report.server.isEmpty() ? live.report.context : live.report.server;
            state.reason = tr("The cluster %1 did not answer within %2 s.")
                               .arg(where)
                               .arg(double(options.timeout.count()) / 1000.0);
        }
        live.report.connection = state;
        live.report.live = live.cache->snapshot();
    }

    for (Live& live : lives) {
        const QString& name = live.report.environment.name;
        QSet<ResourceKey> otherEnvironments;
        QList<DriftStatus::ApplicationInput> inputs;
        for (const workspace::Application& app : ws.applications) {
            const auto r = report.renders.constFind(app.id());
            if (app.environment == name) {
                inputs.append({app, r == report.renders.cend() ? nullptr : &*r});
            } else if (r != report.renders.cend()) {
                for (const Resource& resource : r->resources)
                    otherEnvironments.insert(kube::LiveSnapshot::withoutVersion(resource.key()));
            }
        }
        live.report.drift = std::make_shared<const EnvironmentDrift>(
            DriftStatus::compute(name, inputs, *live.report.live, live.report.connection, otherEnvironments));
        report.environments.append(live.report);
    }
    return report;
}

} // namespace driftline::engine
