#include "engine/clustertarget.h"

#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/livecache.h"
#include "kube/livesnapshot.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace driftline::engine {

ClusterTarget ClusterTarget::unusable(const QString& context, Error why)
{
    ClusterTarget target;
    target.context = context;
    target.problem = std::move(why);
    return target;
}

ClusterTarget ClusterTarget::resolve(const kube::Kubeconfig& config, const QString& context,
    const QStringList& kubeconfigPaths)
{
    if (context.isEmpty())
        return unusable(context, Error::make(Error::Code::NotFound,
            tr("No cluster context is chosen, and the kubeconfig (%1) has no current context.")
                .arg(kubeconfigPaths.join(u", "_s))));
    // Broken entries are left out of the kubeconfig with an error each (file and line):
    // when they explain a missing context or cluster, they are what the user needs to read.
    QStringList entryProblems;
    for (const Error& e : config.errors())
        entryProblems << e.toString();
    const kube::Context* entry = config.context(context);
    if (!entry)
        return unusable(context, Error::make(Error::Code::NotFound,
            tr("The context %1 is not in the kubeconfig (%2).").arg(context, kubeconfigPaths.join(u", "_s)))
                .withDetail(entryProblems.join(u'\n')));
    const kube::Cluster* cluster = config.cluster(entry->cluster);
    if (!cluster)
        return unusable(context, Error::make(Error::Code::NotFound,
            tr("The context %1 names the cluster %2, which the kubeconfig does not define usably.")
                .arg(context, entry->cluster))
                .withDetail(entryProblems.join(u'\n')));
    ClusterTarget target;
    target.context = context;
    target.cluster = entry->cluster;
    target.server = cluster->server;
    target.contextNamespace = entry->ns;
    target.insecure = cluster->insecureSkipTlsVerify;
    target.resolver = std::make_shared<kube::CredentialResolver>(config);
    return target;
}

kube::LiveCache* ClusterTarget::makeCache(QObject* parent) const
{
    if (problem || !resolver)
        return new kube::LiveCache(problem.value_or(Error::make(Error::Code::InvalidInput, tr("No cluster connection."))),
            context, parent);
    auto client = std::make_shared<kube::KubeClient>(resolver, context);
    auto* cache = new kube::LiveCache(std::move(client), context, parent);
    cache->setInsecure(insecure);
    return cache;
}

void ClusterTarget::feed(kube::LiveCache& cache, const workspace::Environment& environment, const ResourceList& desired)
{
    QList<kube::LiveCache::GroupKind> kinds;
    QSet<QString> seenKinds;
    QSet<ResourceKey> keys;
    QStringList namespaces;
    if (!environment.namespace_.isEmpty())
        namespaces << environment.namespace_;
    for (const Resource& r : desired) {
        const ResourceKey& key = r.key();
        if (!seenKinds.contains(key.groupKind())) {
            seenKinds.insert(key.groupKind());
            kinds.append({key.group, key.kind});
        }
        keys.insert(kube::LiveSnapshot::withoutVersion(key));
        if (!key.namespace_.isEmpty() && !namespaces.contains(key.namespace_))
            namespaces << key.namespace_;
        // A Namespace in Git is where its environment's objects live.
        if (key.group.isEmpty() && key.kind == u"Namespace" && !namespaces.contains(key.name))
            namespaces << key.name;
    }
    cache.setNamespaces(namespaces);
    cache.setGitKinds(kinds);
    cache.setDesiredKeys(keys);
}

} // namespace driftline::engine
