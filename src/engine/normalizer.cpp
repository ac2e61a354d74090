#include "engine/normalizer.h"

#include "kube/trackingid.h"

#include <QJsonArray>
#include <QHash>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// A default that accepts any value: the server allocates or generates it.
const QJsonValue Anything = QJsonValue(QJsonValue::Undefined);

using DefaultTable = QHash<QString, QJsonValue>;

// Per-kind defaults (NOTES.md 7.4; k8s pkg/apis/*/v1/defaults.go).
const DefaultTable& kindDefaults(const QString& kind)
{
    static const QHash<QString, DefaultTable> tables{
        {u"Deployment"_s,
            {{u"/spec/replicas"_s, 1}, {u"/spec/revisionHistoryLimit"_s, 10}, {u"/spec/progressDeadlineSeconds"_s, 600},
                {u"/spec/strategy/type"_s, u"RollingUpdate"_s},
                {u"/spec/strategy/rollingUpdate/maxSurge"_s, u"25%"_s},
                {u"/spec/strategy/rollingUpdate/maxUnavailable"_s, u"25%"_s}}},
        {u"ReplicaSet"_s, {{u"/spec/replicas"_s, 1}}},
        {u"StatefulSet"_s,
            {{u"/spec/replicas"_s, 1}, {u"/spec/revisionHistoryLimit"_s, 10},
                {u"/spec/podManagementPolicy"_s, u"OrderedReady"_s}, {u"/spec/updateStrategy/type"_s, u"RollingUpdate"_s},
                {u"/spec/updateStrategy/rollingUpdate/partition"_s, 0},
                {u"/spec/persistentVolumeClaimRetentionPolicy/whenDeleted"_s, u"Retain"_s},
                {u"/spec/persistentVolumeClaimRetentionPolicy/whenScaled"_s, u"Retain"_s},
                {u"/spec/volumeClaimTemplates/*/apiVersion"_s, u"v1"_s},
                {u"/spec/volumeClaimTemplates/*/kind"_s, u"PersistentVolumeClaim"_s},
                {u"/spec/volumeClaimTemplates/*/spec/volumeMode"_s, u"Filesystem"_s},
                {u"/spec/volumeClaimTemplates/*/status"_s, Anything},
                {u"/spec/volumeClaimTemplates/*/metadata/creationTimestamp"_s, Anything}}},
        {u"DaemonSet"_s,
            {{u"/spec/revisionHistoryLimit"_s, 10}, {u"/spec/updateStrategy/type"_s, u"RollingUpdate"_s},
                {u"/spec/updateStrategy/rollingUpdate/maxUnavailable"_s, 1},
                {u"/spec/updateStrategy/rollingUpdate/maxSurge"_s, 0}}},
        {u"CronJob"_s,
            {{u"/spec/concurrencyPolicy"_s, u"Allow"_s}, {u"/spec/suspend"_s, false},
                {u"/spec/successfulJobsHistoryLimit"_s, 3}, {u"/spec/failedJobsHistoryLimit"_s, 1}}},
        {u"Service"_s,
            {{u"/spec/type"_s, u"ClusterIP"_s}, {u"/spec/sessionAffinity"_s, u"None"_s},
                {u"/spec/ports/*/protocol"_s, u"TCP"_s}, {u"/spec/ports/*/nodePort"_s, Anything},
                {u"/spec/clusterIP"_s, Anything}, {u"/spec/clusterIPs"_s, Anything}, {u"/spec/ipFamilies"_s, Anything},
                {u"/spec/ipFamilyPolicy"_s, u"SingleStack"_s}, {u"/spec/internalTrafficPolicy"_s, u"Cluster"_s},
                {u"/spec/externalTrafficPolicy"_s, u"Cluster"_s},
                {u"/spec/allocateLoadBalancerNodePorts"_s, true}, {u"/spec/healthCheckNodePort"_s, Anything}}},
        {u"Secret"_s, {{u"/type"_s, u"Opaque"_s}}},
        {u"HorizontalPodAutoscaler"_s,
            {{u"/spec/minReplicas"_s, 1}, {u"/spec/behavior/scaleUp/selectPolicy"_s, u"Max"_s},
                {u"/spec/behavior/scaleUp/stabilizationWindowSeconds"_s, 0},
                {u"/spec/behavior/scaleUp/policies"_s, Anything},
                {u"/spec/behavior/scaleDown/selectPolicy"_s, u"Max"_s},
                {u"/spec/behavior/scaleDown/policies"_s, Anything}}},
        {u"Ingress"_s, {{u"/spec/rules/*/http/paths/*/pathType"_s, u"ImplementationSpecific"_s}}},
        {u"Namespace"_s,
            {{u"/metadata/labels/kubernetes.io~1metadata.name"_s, Anything}, {u"/spec/finalizers"_s, Anything}}},
        // Binding and provisioning marks (NOTES 7.2) and the pvc-protection finalizer.
        {u"PersistentVolumeClaim"_s,
            {{u"/spec/volumeMode"_s, u"Filesystem"_s}, {u"/spec/storageClassName"_s, Anything},
                {u"/spec/volumeName"_s, Anything}, {u"/metadata/finalizers"_s, Anything},
                {u"/metadata/annotations/pv.kubernetes.io~1bind-completed"_s, Anything},
                {u"/metadata/annotations/pv.kubernetes.io~1bound-by-controller"_s, Anything},
                {u"/metadata/annotations/volume.kubernetes.io~1storage-provisioner"_s, Anything},
                {u"/metadata/annotations/volume.beta.kubernetes.io~1storage-provisioner"_s, Anything},
                {u"/metadata/annotations/volume.kubernetes.io~1selected-node"_s, Anything}}},
        {u"NetworkPolicy"_s,
            {{u"/spec/ingress/*/ports/*/protocol"_s, u"TCP"_s}, {u"/spec/egress/*/ports/*/protocol"_s, u"TCP"_s},
                {u"/spec/policyTypes"_s, Anything}}},
    };
    static const DefaultTable none;
    const auto it = tables.constFind(kind);
    return it == tables.cend() ? none : *it;
}

// Pod spec and Job spec defaults, shared by every kind that embeds them.
const DefaultTable& podDefaults()
{
    static const DefaultTable table{
        {u"POD/restartPolicy"_s, u"Always"_s}, {u"POD/dnsPolicy"_s, u"ClusterFirst"_s},
        {u"POD/schedulerName"_s, u"default-scheduler"_s}, {u"POD/terminationGracePeriodSeconds"_s, 30},
        {u"POD/serviceAccount"_s, Anything}, {u"POD/enableServiceLinks"_s, true},
        {u"POD/preemptionPolicy"_s, u"PreemptLowerPriority"_s}, {u"POD/priority"_s, 0},
        {u"POD/containers/*/terminationMessagePath"_s, u"/dev/termination-log"_s},
        {u"POD/containers/*/terminationMessagePolicy"_s, u"File"_s},
        {u"POD/containers/*/ports/*/protocol"_s, u"TCP"_s},
        {u"POD/containers/*/env/*/valueFrom/fieldRef/apiVersion"_s, u"v1"_s},
        {u"POD/volumes/*/configMap/defaultMode"_s, 420}, {u"POD/volumes/*/secret/defaultMode"_s, 420},
        {u"POD/volumes/*/projected/defaultMode"_s, 420}, {u"POD/volumes/*/downwardAPI/defaultMode"_s, 420},
        {u"JOB/parallelism"_s, 1}, {u"JOB/completions"_s, 1}, {u"JOB/backoffLimit"_s, 6},
        {u"JOB/completionMode"_s, u"NonIndexed"_s}, {u"JOB/suspend"_s, false},
        {u"JOB/podReplacementPolicy"_s, u"TerminatingOrFailed"_s}, {u"JOB/manualSelector"_s, Anything},
        {u"JOB/selector"_s, Anything}, {u"JOB/selector/matchLabels/batch.kubernetes.io~1controller-uid"_s, Anything},
        {u"JOB/template/metadata/labels/batch.kubernetes.io~1controller-uid"_s, Anything},
        {u"JOB/template/metadata/labels/controller-uid"_s, Anything},
        {u"JOB/template/metadata/labels/batch.kubernetes.io~1job-name"_s, Anything},
        {u"JOB/template/metadata/labels/job-name"_s, Anything},
    };
    return table;
}

// Probe defaults apply to liveness, readiness and startup probes alike.
const DefaultTable& suffixDefaults()
{
    static const DefaultTable table{
        {u"Probe/timeoutSeconds"_s, 1}, {u"Probe/periodSeconds"_s, 10}, {u"Probe/successThreshold"_s, 1},
        {u"Probe/failureThreshold"_s, 3}, {u"Probe/httpGet/scheme"_s, u"HTTP"_s},
    };
    return table;
}

bool valueMatches(const QJsonValue& expected, const QJsonValue& value)
{
    if (expected.isUndefined())
        return true;
    if (expected == value)
        return true;
    // Int-or-string defaults ("25%", 1) keep their written type; compare the text.
    return expected.toVariant().toString() == value.toVariant().toString();
}

} // namespace

QJsonObject Normalizer::normalize(const QJsonObject& input)
{
    QJsonObject object = input;
    object.remove(u"status"_s);
    QJsonObject metadata = object.value(u"metadata").toObject();
    static const QStringList serverMetadata{u"uid"_s, u"resourceVersion"_s, u"generation"_s, u"creationTimestamp"_s,
        u"deletionTimestamp"_s, u"deletionGracePeriodSeconds"_s, u"managedFields"_s, u"selfLink"_s};
    for (const QString& key : serverMetadata)
        metadata.remove(key);
    QJsonObject annotations = metadata.value(u"annotations").toObject();
    // Driftline writes its tracking id on apply; Git never has it, so neither side counts it.
    static const QStringList toolAnnotations{u"kubectl.kubernetes.io/last-applied-configuration"_s,
        u"deployment.kubernetes.io/revision"_s, u"deployment.kubernetes.io/desired-replicas"_s,
        u"deployment.kubernetes.io/max-replicas"_s, QString(kube::TrackingId::DriftlineAnnotation)};
    for (const QString& key : toolAnnotations)
        annotations.remove(key);
    if (annotations.isEmpty())
        metadata.remove(u"annotations"_s);
    else
        metadata.insert(u"annotations"_s, annotations);
    if (object.contains(u"metadata"_s))
        object.insert(u"metadata"_s, metadata);

    if (object.value(u"kind").toString() == u"Secret" && object.contains(u"stringData"_s)) {
        // stringData is write-only: the server merges it into data (stringData wins).
        QJsonObject data = object.value(u"data").toObject();
        const QJsonObject stringData = object.value(u"stringData").toObject();
        for (auto it = stringData.begin(); it != stringData.end(); ++it)
            data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        object.remove(u"stringData"_s);
        object.insert(u"data"_s, data);
    }
    return object;
}

QString Normalizer::pattern(const QString& kind, const QStringList& keys)
{
    QString result;
    for (const QString& key : keys) {
        QString escaped = key;
        escaped.replace(u"~"_s, u"~0"_s);
        escaped.replace(u"/"_s, u"~1"_s);
        result += u'/' + escaped;
    }
    static const QStringList podKinds{
        u"Deployment"_s, u"StatefulSet"_s, u"DaemonSet"_s, u"ReplicaSet"_s, u"Job"_s, u"ReplicationController"_s};
    QString jobPrefix;
    QString podPrefix;
    if (kind == u"CronJob") {
        jobPrefix = u"/spec/jobTemplate/spec"_s;
        podPrefix = u"/spec/jobTemplate/spec/template/spec"_s;
    } else if (kind == u"Job") {
        jobPrefix = u"/spec"_s;
        podPrefix = u"/spec/template/spec"_s;
    } else if (podKinds.contains(kind)) {
        podPrefix = u"/spec/template/spec"_s;
    } else if (kind == u"Pod") {
        podPrefix = u"/spec"_s;
    }
    if (!podPrefix.isEmpty() && (result == podPrefix || result.startsWith(podPrefix + u'/'))) {
        result = u"POD"_s + result.mid(podPrefix.size());
        // Init and ephemeral containers have the same defaults as containers.
        for (const auto& other : {u"POD/initContainers/"_s, u"POD/ephemeralContainers/"_s}) {
            if (result.startsWith(other))
                result = u"POD/containers/"_s + result.mid(other.size());
        }
    } else if (!jobPrefix.isEmpty() && (result == jobPrefix || result.startsWith(jobPrefix + u'/'))) {
        result = u"JOB"_s + result.mid(jobPrefix.size());
    }
    return result;
}

bool Normalizer::isServerDefault(
    const QString& kind, const QString& pattern, const QJsonValue& value, const QJsonObject& parent)
{
    // Workload templates serialise an unset timestamp as null.
    if (pattern.endsWith(u"/metadata/creationTimestamp") && value.isNull())
        return true;
    const DefaultTable& table = kindDefaults(kind);
    // Anything below an allocated or generated field is the server's too.
    for (QString ancestor = pattern.section(u'/', 0, -2); ancestor.size() > 1; ancestor = ancestor.section(u'/', 0, -2)) {
        for (const DefaultTable* t : {&table, &podDefaults()}) {
            if (const auto it = t->constFind(ancestor); it != t->cend() && it->isUndefined())
                return true;
        }
    }
    if (const auto it = table.constFind(pattern); it != table.cend())
        return valueMatches(*it, value);
    if (const auto it = podDefaults().constFind(pattern); it != podDefaults().cend())
        return valueMatches(*it, value);
    for (auto it = suffixDefaults().cbegin(); it != suffixDefaults().cend(); ++it) {
        if (pattern.startsWith(u"POD/containers/") && pattern.endsWith(it.key()))
            return valueMatches(it.value(), value);
    }
    if (pattern == u"POD/containers/*/imagePullPolicy") {
        // "Always" for :latest or untagged images, else "IfNotPresent" (digests included).
        const QString image = parent.value(u"image").toString();
        const QString lastPart = image.section(u'/', -1);
        const bool latest = !image.contains(u'@') && (!lastPart.contains(u':') || lastPart.endsWith(u":latest"));
        return value.toString() == (latest ? u"Always"_s : u"IfNotPresent"_s);
    }
    if (kind == u"Service" && pattern == u"/spec/ports/*/targetPort") {
        const QJsonValue port = parent.value(u"port");
        return value.toVariant().toString() == port.toVariant().toString();
    }
    return false;
}

bool Normalizer::isClusterManager(const QString& manager, const QString& subresource)
{
    if (subresource == u"status")
        return true;
    static const QStringList controllers{u"kube-controller-manager"_s, u"kube-scheduler"_s, u"kubelet"_s, u"k3s"_s,
        u"kube-apiserver"_s, u"kube-proxy"_s, u"cloud-controller-manager"_s};
    return controllers.contains(manager);
}

} // namespace driftline::engine
