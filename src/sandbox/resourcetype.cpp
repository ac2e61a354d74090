#include "sandbox/resourcetype.h"

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

QList<ResourceType> ResourceType::builtins()
{
    const QStringList all = { u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s, u"list"_s,
        u"patch"_s, u"update"_s, u"watch"_s };
    // Namespaces cannot be deleted as a collection on a real server.
    const QStringList nsVerbs
        = { u"create"_s, u"delete"_s, u"get"_s, u"list"_s, u"patch"_s, u"update"_s, u"watch"_s };
    const QStringList allCategory = { u"all"_s };
    struct Row {
        QString group, version, kind, plural;
        bool namespaced;
        QStringList shortNames;
        QStringList categories;
        bool hasStatus;
    };
    const QList<Row> rows = {
        { u""_s, u"v1"_s, u"ConfigMap"_s, u"configmaps"_s, true, { u"cm"_s }, {}, false },
        { u""_s, u"v1"_s, u"Endpoints"_s, u"endpoints"_s, true, { u"ep"_s }, {}, false },
        { u""_s, u"v1"_s, u"Event"_s, u"events"_s, true, { u"ev"_s }, {}, false },
        { u""_s, u"v1"_s, u"Node"_s, u"nodes"_s, false, { u"no"_s }, {}, true },
        { u""_s, u"v1"_s, u"PersistentVolume"_s, u"persistentvolumes"_s, false, { u"pv"_s }, {}, true },
        { u""_s, u"v1"_s, u"Namespace"_s, u"namespaces"_s, false, { u"ns"_s }, {}, true },
        { u""_s, u"v1"_s, u"PersistentVolumeClaim"_s, u"persistentvolumeclaims"_s, true, { u"pvc"_s }, {},
            true },
        { u""_s, u"v1"_s, u"Pod"_s, u"pods"_s, true, { u"po"_s }, allCategory, true },
        { u""_s, u"v1"_s, u"Secret"_s, u"secrets"_s, true, {}, {}, false },
        { u""_s, u"v1"_s, u"ServiceAccount"_s, u"serviceaccounts"_s, true, { u"sa"_s }, {}, false },
        { u""_s, u"v1"_s, u"Service"_s, u"services"_s, true, { u"svc"_s }, allCategory, true },
        { u"apps"_s, u"v1"_s, u"DaemonSet"_s, u"daemonsets"_s, true, { u"ds"_s }, allCategory, true },
        { u"apps"_s, u"v1"_s, u"Deployment"_s, u"deployments"_s, true, { u"deploy"_s }, allCategory, true },
        { u"apps"_s, u"v1"_s, u"ReplicaSet"_s, u"replicasets"_s, true, { u"rs"_s }, allCategory, true },
        { u"apps"_s, u"v1"_s, u"StatefulSet"_s, u"statefulsets"_s, true, { u"sts"_s }, allCategory, true },
        { u"batch"_s, u"v1"_s, u"CronJob"_s, u"cronjobs"_s, true, { u"cj"_s }, allCategory, true },
        { u"batch"_s, u"v1"_s, u"Job"_s, u"jobs"_s, true, {}, allCategory, true },
        { u"networking.k8s.io"_s, u"v1"_s, u"Ingress"_s, u"ingresses"_s, true, { u"ing"_s }, {}, true },
        { u"networking.k8s.io"_s, u"v1"_s, u"NetworkPolicy"_s, u"networkpolicies"_s, true, { u"netpol"_s },
            {}, false },
        { u"rbac.authorization.k8s.io"_s, u"v1"_s, u"ClusterRoleBinding"_s, u"clusterrolebindings"_s, false,
            {}, {}, false },
        { u"rbac.authorization.k8s.io"_s, u"v1"_s, u"ClusterRole"_s, u"clusterroles"_s, false, {}, {},
            false },
        { u"rbac.authorization.k8s.io"_s, u"v1"_s, u"RoleBinding"_s, u"rolebindings"_s, true, {}, {}, false },
        { u"rbac.authorization.k8s.io"_s, u"v1"_s, u"Role"_s, u"roles"_s, true, {}, {}, false },
        { u"autoscaling"_s, u"v2"_s, u"HorizontalPodAutoscaler"_s, u"horizontalpodautoscalers"_s, true,
            { u"hpa"_s }, allCategory, true },
        { u"discovery.k8s.io"_s, u"v1"_s, u"EndpointSlice"_s, u"endpointslices"_s, true, {}, {}, false },
        { u"coordination.k8s.io"_s, u"v1"_s, u"Lease"_s, u"leases"_s, true, {}, {}, false },
        { u"scheduling.k8s.io"_s, u"v1"_s, u"PriorityClass"_s, u"priorityclasses"_s, false, { u"pc"_s }, {},
            false },
        { u"storage.k8s.io"_s, u"v1"_s, u"StorageClass"_s, u"storageclasses"_s, false, { u"sc"_s }, {}, false },
        { u"policy"_s, u"v1"_s, u"PodDisruptionBudget"_s, u"poddisruptionbudgets"_s, true, { u"pdb"_s }, {},
            true },
        { u"apiextensions.k8s.io"_s, u"v1"_s, u"CustomResourceDefinition"_s, u"customresourcedefinitions"_s,
            false, { u"crd"_s, u"crds"_s }, {}, true },
    };

    QList<ResourceType> types;
    types.reserve(rows.size());
    for (const Row& row : rows) {
        ResourceType t;
        t.group = row.group;
        t.version = row.version;
        t.kind = row.kind;
        t.plural = row.plural;
        t.singular = row.kind.toLower();
        t.namespaced = row.namespaced;
        t.verbs = row.plural == u"namespaces"_s ? nsVerbs : all;
        t.shortNames = row.shortNames;
        t.categories = row.categories;
        t.hasStatus = row.hasStatus;
        // Core, RBAC and the specless kinds below carry no generation on a real server (k3s 1.31 dump).
        static const QStringList withoutGeneration = { u"rbac.authorization.k8s.io"_s,
            u"coordination.k8s.io"_s, u"storage.k8s.io"_s };
        t.hasGeneration = !row.group.isEmpty() && !withoutGeneration.contains(row.group);
        types.append(t);
    }
    return types;
}

} // namespace driftline::sandbox
