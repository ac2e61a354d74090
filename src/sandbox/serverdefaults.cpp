#include "sandbox/serverdefaults.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

void setDefault(QJsonObject& o, const QString& key, const QJsonValue& value)
{
    if (!o.contains(key) || o.value(key).isNull())
        o.insert(key, value);
}

void defaultProbe(QJsonObject& container, const QString& name)
{
    if (!container.value(name).isObject())
        return;
    QJsonObject probe = container.value(name).toObject();
    setDefault(probe, u"timeoutSeconds"_s, 1);
    setDefault(probe, u"periodSeconds"_s, 10);
    setDefault(probe, u"successThreshold"_s, 1);
    setDefault(probe, u"failureThreshold"_s, 3);
    if (probe.value(u"httpGet"_s).isObject()) {
        QJsonObject http = probe.value(u"httpGet"_s).toObject();
        setDefault(http, u"path"_s, u"/"_s);
        setDefault(http, u"scheme"_s, u"HTTP"_s);
        probe.insert(u"httpGet"_s, http);
    }
    container.insert(name, probe);
}

void defaultContainers(QJsonObject& spec, const QString& listName)
{
    if (!spec.value(listName).isArray())
        return;
    QJsonArray containers = spec.value(listName).toArray();
    for (qsizetype i = 0; i < containers.size(); ++i) {
        QJsonObject c = containers.at(i).toObject();
        setDefault(c, u"terminationMessagePath"_s, u"/dev/termination-log"_s);
        setDefault(c, u"terminationMessagePolicy"_s, u"File"_s);
        setDefault(c, u"imagePullPolicy"_s, ServerDefaults::imagePullPolicy(c.value(u"image"_s).toString()));
        setDefault(c, u"resources"_s, QJsonObject());
        if (c.value(u"ports"_s).isArray()) {
            QJsonArray ports = c.value(u"ports"_s).toArray();
            for (qsizetype p = 0; p < ports.size(); ++p) {
                QJsonObject port = ports.at(p).toObject();
                setDefault(port, u"protocol"_s, u"TCP"_s);
                ports.replace(p, port);
            }
            c.insert(u"ports"_s, ports);
        }
        if (c.value(u"env"_s).isArray()) {
            QJsonArray env = c.value(u"env"_s).toArray();
            for (qsizetype e = 0; e < env.size(); ++e) {
                QJsonObject var = env.at(e).toObject();
                QJsonObject from = var.value(u"valueFrom"_s).toObject();
                if (from.value(u"fieldRef"_s).isObject()) {
                    QJsonObject ref = from.value(u"fieldRef"_s).toObject();
                    setDefault(ref, u"apiVersion"_s, u"v1"_s);
                    from.insert(u"fieldRef"_s, ref);
                    var.insert(u"valueFrom"_s, from);
                    env.replace(e, var);
                }
            }
            c.insert(u"env"_s, env);
        }
        for (const QString& probe : { u"livenessProbe"_s, u"readinessProbe"_s, u"startupProbe"_s })
            defaultProbe(c, probe);
        containers.replace(i, c);
    }
    spec.insert(listName, containers);
}

void defaultVolumes(QJsonObject& spec)
{
    if (!spec.value(u"volumes"_s).isArray())
        return;
    QJsonArray volumes = spec.value(u"volumes"_s).toArray();
    static const QStringList withMode { u"secret"_s, u"configMap"_s, u"projected"_s, u"downwardAPI"_s };
    for (qsizetype i = 0; i < volumes.size(); ++i) {
        QJsonObject v = volumes.at(i).toObject();
        bool hasSource = false;
        for (auto it = v.begin(); it != v.end(); ++it)
            hasSource = hasSource || it.key() != u"name"_s;
        if (!hasSource)
            v.insert(u"emptyDir"_s, QJsonObject());
        for (const QString& source : withMode) {
            if (v.value(source).isObject()) {
                QJsonObject s = v.value(source).toObject();
                setDefault(s, u"defaultMode"_s, 420);
                v.insert(source, s);
            }
        }
        volumes.replace(i, v);
    }
    spec.insert(u"volumes"_s, volumes);
}

void defaultTemplate(QJsonObject& owner, const QString& key = u"template"_s)
{
    if (!owner.contains(key))
        return;
    QJsonObject tmpl = owner.value(key).toObject();
    QJsonObject meta = tmpl.value(u"metadata"_s).toObject();
    // A 1.31 server serialises the template's zero creationTimestamp as null (see
    // the ssa-diff answers); only newer clients' omitzero drops it.
    setDefault(meta, u"creationTimestamp"_s, QJsonValue(QJsonValue::Null));
    tmpl.insert(u"metadata"_s, meta);
    QJsonObject spec = tmpl.value(u"spec"_s).toObject();
    ServerDefaults::applyPodSpec(spec);
    tmpl.insert(u"spec"_s, spec);
    owner.insert(key, tmpl);
}

bool isExternalName(const QJsonObject& spec)
{
    return spec.value(u"type"_s).toString() == u"ExternalName"_s;
}

bool usesNodePorts(const QJsonObject& spec)
{
    const QString type = spec.value(u"type"_s).toString();
    return type == u"NodePort"_s || type == u"LoadBalancer"_s;
}

void defaultService(QJsonObject& object, const QJsonObject& previous)
{
    QJsonObject spec = object.value(u"spec"_s).toObject();
    const QJsonObject previousSpec = previous.value(u"spec"_s).toObject();
    setDefault(spec, u"type"_s, u"ClusterIP"_s);
    if (isExternalName(spec)) {
        object.insert(u"spec"_s, spec);
        return;
    }
    setDefault(spec, u"sessionAffinity"_s, u"None"_s);
    // A write that leaves out what was allocated keeps it, as the real server does.
    for (const QString& key : { u"clusterIP"_s, u"clusterIPs"_s, u"ipFamilies"_s }) {
        if (!spec.contains(key) && previousSpec.contains(key))
            spec.insert(key, previousSpec.value(key));
    }
    setDefault(spec, u"ipFamilyPolicy"_s, u"SingleStack"_s);
    setDefault(spec, u"internalTrafficPolicy"_s, u"Cluster"_s);
    if (usesNodePorts(spec))
        setDefault(spec, u"externalTrafficPolicy"_s, u"Cluster"_s);
    if (spec.value(u"type"_s).toString() == u"LoadBalancer"_s)
        setDefault(spec, u"allocateLoadBalancerNodePorts"_s, true);
    QJsonArray ports = spec.value(u"ports"_s).toArray();
    const QJsonArray oldPorts = previousSpec.value(u"ports"_s).toArray();
    for (qsizetype i = 0; i < ports.size(); ++i) {
        QJsonObject port = ports.at(i).toObject();
        setDefault(port, u"protocol"_s, u"TCP"_s);
        setDefault(port, u"targetPort"_s, port.value(u"port"_s));
        if (usesNodePorts(spec) && !port.contains(u"nodePort"_s)) {
            for (const QJsonValue& o : oldPorts) {
                if (o.toObject().value(u"port"_s) == port.value(u"port"_s)
                    && o.toObject().value(u"protocol"_s) == port.value(u"protocol"_s)
                    && o.toObject().contains(u"nodePort"_s))
                    port.insert(u"nodePort"_s, o.toObject().value(u"nodePort"_s));
            }
        }
        ports.replace(i, port);
    }
    if (spec.contains(u"ports"_s))
        spec.insert(u"ports"_s, ports);
    object.insert(u"spec"_s, spec);
    setDefault(object, u"status"_s, QJsonObject { { u"loadBalancer"_s, QJsonObject() } });
}

void defaultJob(QJsonObject& object)
{
    QJsonObject spec = object.value(u"spec"_s).toObject();
    if (!spec.contains(u"completions"_s) && !spec.contains(u"parallelism"_s))
        spec.insert(u"completions"_s, 1);
    setDefault(spec, u"parallelism"_s, 1);
    setDefault(spec, u"backoffLimit"_s, 6);
    setDefault(spec, u"completionMode"_s, u"NonIndexed"_s);
    setDefault(spec, u"suspend"_s, false);
    setDefault(spec, u"manualSelector"_s, false);
    if (!spec.contains(u"podFailurePolicy"_s))
        setDefault(spec, u"podReplacementPolicy"_s, u"TerminatingOrFailed"_s);
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (meta.value(u"labels"_s).toObject().isEmpty()) {
        const QJsonObject templateLabels
            = spec.value(u"template"_s).toObject().value(u"metadata"_s).toObject().value(u"labels"_s).toObject();
        if (!templateLabels.isEmpty()) {
            meta.insert(u"labels"_s, templateLabels);
            object.insert(u"metadata"_s, meta);
        }
    }
    defaultTemplate(spec);
    object.insert(u"spec"_s, spec);
}

// The selector a Job gets from its uid, and the labels its pod template gets to match.
void generateJobSelector(QJsonObject& object)
{
    QJsonObject spec = object.value(u"spec"_s).toObject();
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QString uid = meta.value(u"uid"_s).toString();
    const QString name = meta.value(u"name"_s).toString();
    if (spec.contains(u"selector"_s) || uid.isEmpty() || spec.value(u"manualSelector"_s).toBool())
        return;
    spec.insert(u"selector"_s,
        QJsonObject { { u"matchLabels"_s, QJsonObject { { u"batch.kubernetes.io/controller-uid"_s, uid } } } });
    QJsonObject tmpl = spec.value(u"template"_s).toObject();
    QJsonObject tmeta = tmpl.value(u"metadata"_s).toObject();
    QJsonObject labels = tmeta.value(u"labels"_s).toObject();
    labels.insert(u"batch.kubernetes.io/controller-uid"_s, uid);
    labels.insert(u"batch.kubernetes.io/job-name"_s, name);
    labels.insert(u"controller-uid"_s, uid);
    labels.insert(u"job-name"_s, name);
    tmeta.insert(u"labels"_s, labels);
    tmpl.insert(u"metadata"_s, tmeta);
    spec.insert(u"template"_s, tmpl);
    object.insert(u"spec"_s, spec);
}

} // namespace

QString ServerDefaults::imagePullPolicy(const QString& image)
{
    if (image.contains(u'@'))
        return u"IfNotPresent"_s;
    const QString last = image.section(u'/', -1);
    const qsizetype colon = last.lastIndexOf(u':');
    if (colon < 0 || last.mid(colon + 1) == u"latest"_s)
        return u"Always"_s;
    return u"IfNotPresent"_s;
}

void ServerDefaults::applyPodSpec(QJsonObject& spec)
{
    setDefault(spec, u"restartPolicy"_s, u"Always"_s);
    setDefault(spec, u"dnsPolicy"_s, u"ClusterFirst"_s);
    setDefault(spec, u"schedulerName"_s, u"default-scheduler"_s);
    setDefault(spec, u"securityContext"_s, QJsonObject());
    setDefault(spec, u"terminationGracePeriodSeconds"_s, 30);
    if (spec.contains(u"serviceAccountName"_s))
        setDefault(spec, u"serviceAccount"_s, spec.value(u"serviceAccountName"_s));
    defaultContainers(spec, u"initContainers"_s);
    defaultContainers(spec, u"containers"_s);
    defaultVolumes(spec);
}

void ServerDefaults::allocate(
    const ResourceType& type, QJsonObject& object, const std::function<QString()>& allocateClusterIp)
{
    if (type.builtin && type.group == u"batch"_s && type.kind == u"Job"_s) {
        generateJobSelector(object);
        return;
    }
    if (!type.builtin || !type.group.isEmpty() || type.kind != u"Service"_s)
        return;
    QJsonObject spec = object.value(u"spec"_s).toObject();
    if (isExternalName(spec))
        return;
    if (!spec.contains(u"clusterIP"_s)) {
        const QJsonArray ips = spec.value(u"clusterIPs"_s).toArray();
        spec.insert(u"clusterIP"_s, ips.isEmpty() ? QJsonValue(allocateClusterIp()) : ips.first());
    }
    setDefault(spec, u"clusterIPs"_s, QJsonArray { spec.value(u"clusterIP"_s) });
    // A headless service (clusterIP None) still reports its family.
    setDefault(spec, u"ipFamilies"_s, QJsonArray { u"IPv4"_s });
    if (usesNodePorts(spec)) {
        QJsonArray ports = spec.value(u"ports"_s).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject port = ports.at(i).toObject();
            setDefault(port, u"nodePort"_s, 30000 + QRandomGenerator::global()->bounded(2768));
            ports.replace(i, port);
        }
        spec.insert(u"ports"_s, ports);
    }
    object.insert(u"spec"_s, spec);
}

void ServerDefaults::apply(const ResourceType& type, QJsonObject& object, const QJsonObject& previous)
{
    if (!type.builtin)
        return;
    const QString& kind = type.kind;
    if (type.group == u"apps"_s) {
        QJsonObject spec = object.value(u"spec"_s).toObject();
        if (kind == u"Deployment"_s) {
            setDefault(spec, u"replicas"_s, 1);
            QJsonObject strategy = spec.value(u"strategy"_s).toObject();
            setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
            if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s) {
                QJsonObject rolling = strategy.value(u"rollingUpdate"_s).toObject();
                setDefault(rolling, u"maxSurge"_s, u"25%"_s);
                setDefault(rolling, u"maxUnavailable"_s, u"25%"_s);
                strategy.insert(u"rollingUpdate"_s, rolling);
            }
            spec.insert(u"strategy"_s, strategy);
            setDefault(spec, u"revisionHistoryLimit"_s, 10);
            setDefault(spec, u"progressDeadlineSeconds"_s, 600);
        } else if (kind == u"ReplicaSet"_s) {
            setDefault(spec, u"replicas"_s, 1);
        } else if (kind == u"StatefulSet"_s) {
            setDefault(spec, u"replicas"_s, 1);
            setDefault(spec, u"podManagementPolicy"_s, u"OrderedReady"_s);
            QJsonObject strategy = spec.value(u"updateStrategy"_s).toObject();
            setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
            if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s) {
                QJsonObject rolling = strategy.value(u"rollingUpdate"_s).toObject();
                setDefault(rolling, u"partition"_s, 0);
                strategy.insert(u"rollingUpdate"_s, rolling);
            }
            spec.insert(u"updateStrategy"_s, strategy);
            setDefault(spec, u"revisionHistoryLimit"_s, 10);
            QJsonObject retention = spec.value(u"persistentVolumeClaimRetentionPolicy"_s).toObject();
            setDefault(retention, u"whenDeleted"_s, u"Retain"_s);
            setDefault(retention, u"whenScaled"_s, u"Retain"_s);
            spec.insert(u"persistentVolumeClaimRetentionPolicy"_s, retention);
            if (spec.value(u"volumeClaimTemplates"_s).isArray()) {
                QJsonArray claims = spec.value(u"volumeClaimTemplates"_s).toArray();
                for (qsizetype i = 0; i < claims.size(); ++i) {
                    QJsonObject claim = claims.at(i).toObject();
                    setDefault(claim, u"apiVersion"_s, u"v1"_s);
                    setDefault(claim, u"kind"_s, u"PersistentVolumeClaim"_s);
                    QJsonObject cspec = claim.value(u"spec"_s).toObject();
                    setDefault(cspec, u"volumeMode"_s, u"Filesystem"_s);
                    claim.insert(u"spec"_s, cspec);
                    setDefault(claim, u"status"_s, QJsonObject { { u"phase"_s, u"Pending"_s } });
                    claims.replace(i, claim);
                }
                spec.insert(u"volumeClaimTemplates"_s, claims);
            }
        } else if (kind == u"DaemonSet"_s) {
            QJsonObject strategy = spec.value(u"updateStrategy"_s).toObject();
            setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
            if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s) {
                QJsonObject rolling = strategy.value(u"rollingUpdate"_s).toObject();
                setDefault(rolling, u"maxUnavailable"_s, 1);
                setDefault(rolling, u"maxSurge"_s, 0);
                strategy.insert(u"rollingUpdate"_s, rolling);
            }
            spec.insert(u"updateStrategy"_s, strategy);
            setDefault(spec, u"revisionHistoryLimit"_s, 10);
        } else {
            return;
        }
        defaultTemplate(spec);
        object.insert(u"spec"_s, spec);
        return;
    }
    if (type.group == u"batch"_s) {
        if (kind == u"Job"_s) {
            defaultJob(object);
        } else if (kind == u"CronJob"_s) {
            QJsonObject spec = object.value(u"spec"_s).toObject();
            setDefault(spec, u"concurrencyPolicy"_s, u"Allow"_s);
            setDefault(spec, u"suspend"_s, false);
            setDefault(spec, u"successfulJobsHistoryLimit"_s, 3);
            setDefault(spec, u"failedJobsHistoryLimit"_s, 1);
            QJsonObject jobTemplate = spec.value(u"jobTemplate"_s).toObject();
            QJsonObject jobSpec = jobTemplate.value(u"spec"_s).toObject();
            defaultTemplate(jobSpec);
            jobTemplate.insert(u"spec"_s, jobSpec);
            spec.insert(u"jobTemplate"_s, jobTemplate);
            object.insert(u"spec"_s, spec);
        }
        return;
    }
    if (!type.group.isEmpty())
        return;
    if (kind == u"Pod"_s) {
        QJsonObject spec = object.value(u"spec"_s).toObject();
        ServerDefaults::applyPodSpec(spec);
        setDefault(spec, u"enableServiceLinks"_s, true);
        setDefault(spec, u"serviceAccountName"_s, u"default"_s);
        setDefault(spec, u"serviceAccount"_s, spec.value(u"serviceAccountName"_s));
        setDefault(spec, u"priority"_s, 0);
        setDefault(spec, u"preemptionPolicy"_s, u"PreemptLowerPriority"_s);
        if (!spec.contains(u"tolerations"_s)) {
            QJsonArray tolerations;
            for (const QString& key : { u"node.kubernetes.io/not-ready"_s, u"node.kubernetes.io/unreachable"_s })
                tolerations.append(QJsonObject { { u"key"_s, key }, { u"operator"_s, u"Exists"_s },
                    { u"effect"_s, u"NoExecute"_s }, { u"tolerationSeconds"_s, 300 } });
            spec.insert(u"tolerations"_s, tolerations);
        }
        object.insert(u"spec"_s, spec);
    } else if (kind == u"Service"_s) {
        defaultService(object, previous);
    } else if (kind == u"PersistentVolumeClaim"_s) {
        QJsonObject spec = object.value(u"spec"_s).toObject();
        setDefault(spec, u"volumeMode"_s, u"Filesystem"_s);
        object.insert(u"spec"_s, spec);
        setDefault(object, u"status"_s, QJsonObject { { u"phase"_s, u"Pending"_s } });
    } else if (kind == u"ReplicationController"_s) {
        QJsonObject spec = object.value(u"spec"_s).toObject();
        setDefault(spec, u"replicas"_s, 1);
        defaultTemplate(spec);
        object.insert(u"spec"_s, spec);
    } else if (kind == u"PodTemplate"_s) {
        defaultTemplate(object);
    }
}

} // namespace driftline::sandbox
