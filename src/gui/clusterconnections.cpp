#include "gui/clusterconnections.h"

#include "engine/clustertarget.h"
#include "gui/clustersettings.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/livecache.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace driftline::gui {

struct ClusterConnections::Connection {
    workspace::Environment environment;
    ClusterInfo info;
    QString context;
    bool insecure = false;
    std::optional<Error> unavailable; // why there is no client
    std::shared_ptr<kube::CredentialResolver> resolver;
    QPointer<kube::LiveCache> cache;
    std::shared_ptr<kube::KubeClient> client;
};

std::shared_ptr<ClusterConnections::Connection> ClusterConnections::prepare(
    const QString& repositoryPath, const workspace::Environment& env)
{
    auto c = std::make_shared<Connection>();
    c->environment = env;
    c->info.known = true;
    const auto unusable = [&](Error error) {
        c->unavailable = error;
        c->info.problem = std::move(error);
        return c;
    };
    const ClusterSettings settings(repositoryPath);
    const Result<kube::Kubeconfig> config = settings.loadKubeconfig();
    if (!config) {
        c->context = env.context;
        c->info.context = env.context;
        return unusable(config.error());
    }
    c->context = settings.context(env, *config);
    c->info.context = c->context;
    if (c->context.isEmpty())
        return unusable(Error::make(Error::Code::NotFound,
            tr("No cluster context is chosen for %1 (Workspace ▸ Clusters…).").arg(env.name)));
    // The context and its cluster are checked the way the CLI checks them.
    const engine::ClusterTarget target = engine::ClusterTarget::resolve(*config, c->context, settings.kubeconfigPaths());
    if (target.problem)
        return unusable(*target.problem);
    if (c->context != env.context && !env.context.isEmpty())
        c->info.contextNote = tr("chosen instead of “%1” from driftline.yaml").arg(env.context);
    else if (env.context.isEmpty() && !settings.savedContext(env.name))
        c->info.contextNote = tr("the current context");
    c->info.contextNamespace = target.contextNamespace;
    c->insecure = target.insecure;
    c->info.insecure = target.insecure;
    c->info.server = target.server;
    c->resolver = target.resolver;
    return c;
}

ClusterConnections::ClusterConnections(QObject* parent)
    : QObject(parent)
{
}

ClusterConnections::~ClusterConnections()
{
    clear();
}

void ClusterConnections::setWorkspace(const workspace::Workspace& workspace)
{
    const bool sameRepository = workspace.repositoryPath == m_workspace.repositoryPath;
    QStringList before;
    for (const workspace::Environment& e : std::as_const(m_workspace.environments))
        before << e.name;
    QStringList after;
    for (const workspace::Environment& e : workspace.environments)
        after << e.name;
    const bool sameEnvironments = before == after;
    m_workspace = workspace;
    if (sameRepository && sameEnvironments && !m_connections.isEmpty())
        return;
    if (!sameRepository)
        m_desired.clear();
    connectAll();
}

void ClusterConnections::setDesired(const QString& environment, const ResourceList& resources)
{
    m_desired.insert(environment, resources);
    if (const auto it = m_connections.constFind(environment); it != m_connections.cend() && (*it)->cache)
        applyDesired(**it);
}

void ClusterConnections::reconnect()
{
    connectAll();
}

void ClusterConnections::refresh()
{
    for (const auto& c : std::as_const(m_connections)) {
        if (c->cache)
            c->cache->refresh();
    }
}

void ClusterConnections::clear()
{
    ++m_generation;
    for (const auto& c : std::as_const(m_connections)) {
        if (c->cache) {
            c->cache->disconnect(this);
            c->cache->stop();
            delete c->cache.data();
        }
    }
    m_connections.clear();
}

kube::ConnectionState ClusterConnections::state(const QString& environment) const
{
    const auto it = m_connections.constFind(environment);
    if (it == m_connections.cend() || !(*it)->cache)
        return {kube::ConnectionState::Status::Connecting, {}, {}, false};
    return (*it)->cache->connectionState();
}

ClusterConnections::ClusterInfo ClusterConnections::info(const QString& environment) const
{
    const auto it = m_connections.constFind(environment);
    if (it == m_connections.cend())
        return {};
    return (*it)->info;
}

std::shared_ptr<const kube::LiveSnapshot> ClusterConnections::snapshot(const QString& environment) const
{
    const auto it = m_connections.constFind(environment);
    if (it == m_connections.cend() || !(*it)->cache)
        return std::make_shared<const kube::LiveSnapshot>();
    return (*it)->cache->snapshot();
}

QStringList ClusterConnections::environments() const
{
    QStringList names = m_connections.keys();
    names.sort();
    return names;
}

std::shared_ptr<kube::KubeClient> ClusterConnections::client(const QString& environment) const
{
    const auto it = m_connections.constFind(environment);
    if (it == m_connections.cend() || !(*it)->cache)
        return {};
    return (*it)->client;
}

void ClusterConnections::connectAll()
{
    clear();
    const quint64 generation = m_generation;
    for (const workspace::Environment& env : std::as_const(m_workspace.environments)) {
        // A placeholder until the kubeconfig is read, so state() answers Connecting.
        m_connections.insert(env.name, std::make_shared<Connection>());
        Q_EMIT connectionStateChanged(env.name, {kube::ConnectionState::Status::Connecting, {}, env.context, false});
        const QString repositoryPath = m_workspace.repositoryPath;
        QtConcurrent::run([repositoryPath, env] { return prepare(repositoryPath, env); })
            .then(this, [this, generation, name = env.name](std::shared_ptr<Connection> prepared) {
                install(name, generation, std::move(prepared));
            });
    }
}

void ClusterConnections::install(const QString& environment, quint64 generation, std::shared_ptr<Connection> prepared)
{
    if (generation != m_generation)
        return; // a newer connect replaced this one
    kube::LiveCache* cache = nullptr;
    if (prepared->unavailable) {
        cache = new kube::LiveCache(*prepared->unavailable, prepared->context, this);
    } else {
        prepared->client = std::make_shared<kube::KubeClient>(prepared->resolver, prepared->context);
        cache = new kube::LiveCache(prepared->client, prepared->context, this);
        cache->setInsecure(prepared->insecure);
    }
    prepared->cache = cache;
    m_connections.insert(environment, prepared);

    connect(cache, &kube::LiveCache::connectionStateChanged, this,
        [this, environment](const kube::ConnectionState& state) { Q_EMIT connectionStateChanged(environment, state); });
    connect(cache, &kube::LiveCache::snapshotChanged, this,
        [this, environment](std::shared_ptr<const kube::LiveSnapshot> snapshot, const QSet<ResourceKey>& keys) {
            Q_EMIT snapshotChanged(environment, std::move(snapshot), keys);
        });

    QStringList applications;
    for (const workspace::Application& app : std::as_const(m_workspace.applications)) {
        if (app.environment == environment)
            applications << app.name;
    }
    cache->setApplications(applications);
    applyDesired(*prepared);
    Q_EMIT connectionStateChanged(environment, cache->connectionState());
    cache->start();
}

void ClusterConnections::applyDesired(Connection& connection)
{
    engine::ClusterTarget::feed(*connection.cache, connection.environment, m_desired.value(connection.environment.name));
}

} // namespace driftline::gui
