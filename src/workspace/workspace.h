// The workspace: the environments and applications of one GitOps repository
// at one revision, as declared by driftline.yaml or discovered from its layout.
#pragma once

#include "core/error.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace driftline::workspace {

// How an application was found; shown to the user next to it.
enum class DiscoveryRule {
    DriftlineYaml,     // declared in driftline.yaml
    ArgoApplication,   // an Argo CD Application manifest in the repository
    FluxKustomization, // a Flux Kustomization under clusters/<environment>/
    OverlaysFolder,    // <app>/overlays/<env>/
    EnvironmentsFolder,// environments|envs|clusters/<env>/<app>/
    ManifestFolder,    // any folder holding manifests, in the environment "default"
};
QString ruleName(DiscoveryRule rule); // translated, for people

struct IgnoreDifference {
    QString group;     // empty: any
    QString kind;      // empty: any
    QString name;      // empty: any
    QString namespace_;
    QStringList jsonPointers;
};

struct Environment {
    QString name;
    QString context;    // kubeconfig context; empty: the current context
    QString namespace_; // default namespace for its applications
    QString revision;   // tracked branch or revision; empty: the repository's HEAD
    bool production = false;
    int line = 0;       // line in driftline.yaml, 0 when discovered
};

// One application as deployed to one environment.
struct Application {
    QString name;
    QString environment;
    QString path;       // repository-relative folder (or file) holding its inputs, no trailing '/'
    QString namespace_; // target namespace for namespaced resources that name none
    QString revision;   // revision to render; empty: the environment's
    DiscoveryRule rule = DiscoveryRule::ManifestFolder;
    QString origin;     // where the rule found it: "driftline.yaml:12", "argocd/web.yaml:1", "apps/web/overlays/prod"
    QList<IgnoreDifference> ignoreDifferences;

    QString id() const { return environment + u'/' + name; }
};

struct Workspace {
    QString repositoryPath; // working tree (or git dir for a bare repository)
    QString revision;       // what the user asked for ("HEAD", a branch…)
    QString commitId;       // what it resolved to
    QString branch;         // current branch, empty when detached
    QString definitionFile; // "driftline.yaml" when present, else empty (discovered)
    QList<Environment> environments;
    QList<Application> applications;
    QList<Error> errors;    // definition errors, discovery problems; the rest still loads

    const Environment* environment(const QString& name) const;
    QList<Application> applicationsIn(const QString& environment) const;
};

} // namespace driftline::workspace

Q_DECLARE_METATYPE(driftline::workspace::Workspace)
Q_DECLARE_METATYPE(driftline::workspace::Application)
