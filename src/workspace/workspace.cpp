#include "workspace/workspace.h"

#include <QCoreApplication>

namespace driftline::workspace
{

QString ruleName(DiscoveryRule rule)
{
    switch (rule) {
    case DiscoveryRule::DriftlineYaml:
        return QCoreApplication::translate(
            "driftline::workspace::DiscoveryRule", "declared in driftline.yaml");
    case DiscoveryRule::ArgoApplication:
        return QCoreApplication::translate("driftline::workspace::DiscoveryRule", "Argo CD Application");
    case DiscoveryRule::FluxKustomization:
        return QCoreApplication::translate("driftline::workspace::DiscoveryRule", "Flux Kustomization");
    case DiscoveryRule::OverlaysFolder:
        return QCoreApplication::translate("driftline::workspace::DiscoveryRule", "overlays folder");
    case DiscoveryRule::EnvironmentsFolder:
        return QCoreApplication::translate("driftline::workspace::DiscoveryRule", "environments folder");
    case DiscoveryRule::ManifestFolder:
        return QCoreApplication::translate("driftline::workspace::DiscoveryRule", "folder of manifests");
    }
    return {};
}

const Environment* Workspace::environment(const QString& name) const
{
    for (const Environment& env : environments) {
        if (env.name == name)
            return &env;
    }
    return nullptr;
}

QList<Application> Workspace::applicationsIn(const QString& environment) const
{
    QList<Application> out;
    for (const Application& app : applications) {
        if (app.environment == environment)
            out.append(app);
    }
    return out;
}

} // namespace driftline::workspace
