// One served resource (group, version, kind, plural, scope, verbs): a row of
// the table behind discovery and URL routing.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace driftline::sandbox
{

struct ResourceType {
    QString group; // "" for the core group
    QString version; // "v1"
    QString kind; // "Deployment"
    QString plural; // "deployments"
    QString singular; // "deployment"
    bool namespaced = true;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    bool hasStatus = false; // writes to the main resource keep the stored status
    bool hasGeneration = false; // real servers set metadata.generation only for these
    bool builtin = true; // list items of custom resources keep kind/apiVersion
    QString crdName; // the CustomResourceDefinition that serves it, if any

    QString groupVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    // "deployments.apps" or "pods": how the API server names a resource in messages.
    QString qualifiedResource() const { return group.isEmpty() ? plural : plural + u'.' + group; }

    // The built-in resources the sandbox serves, in discovery order.
    static QList<ResourceType> builtins();
};

} // namespace driftline::sandbox
