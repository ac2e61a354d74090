// ClusterTarget: the cluster an environment connects to, as the kubeconfig says:
// its context checked (it exists and names a usable cluster), the server, and
// the resolver that makes its credentials; plus how a LiveCache for it is made
// and fed what Git holds. The window's ClusterConnections and the CLI's
// DriftCheck share it, so both connect an environment the same way.
#pragma once

#include "core/error.h"
#include "core/resource.h"
#include "kube/kubeconfig.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QObject;

namespace driftline::kube {
class CredentialResolver;
class LiveCache;
} // namespace driftline::kube

namespace driftline::engine {

class ClusterTarget
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::ClusterTarget)

public:
    QString context;          // the kubeconfig context
    QString cluster;          // the cluster entry the context names
    QString server;           // its URL
    QString contextNamespace; // the context's namespace
    bool insecure = false;    // insecure-skip-tls-verify
    std::optional<Error> problem; // why there can be no connection; resolver is null then
    std::shared_ptr<kube::CredentialResolver> resolver;

    // Checks `context` in `config`. `kubeconfigPaths` name the files in the error when
    // the context is missing. An empty context is a problem too; callers that can say
    // better how to choose one check that first.
    static ClusterTarget resolve(const kube::Kubeconfig& config, const QString& context,
        const QStringList& kubeconfigPaths);
    // A target that cannot connect, for a kubeconfig that could not be read.
    static ClusterTarget unusable(const QString& context, Error why);

    // A live cache for this target, not started: NotConfigured with the problem when
    // there is one. The caller sets its applications and feeds it (feed()).
    kube::LiveCache* makeCache(QObject* parent = nullptr) const;

    // Tells `cache` what Git holds for `environment`: the namespaces it deploys to
    // (the environment's, every namespace a resource names, every Namespace in Git),
    // the kinds to watch and the desired keys.
    static void feed(kube::LiveCache& cache, const workspace::Environment& environment, const ResourceList& desired);
};

} // namespace driftline::engine
