#include "engine/health.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace driftline::engine
{

namespace
{

using Status = Health::Status;

// The object's status block, or nullopt when it is there but not an object
// (a server or a plugin wrote something we cannot read: Unknown, not a guess).
struct View {
    QJsonObject object;
    QJsonObject spec;
    QJsonObject status;
    QJsonObject metadata;
    QJsonArray conditions;
    bool readable = true;
};

View viewOf(const QJsonObject& live)
{
    View v;
    v.object = live;
    v.metadata = live.value(u"metadata"_s).toObject();
    v.spec = live.value(u"spec"_s).toObject();
    const QJsonValue status = live.value(u"status"_s);
    if (!status.isUndefined() && !status.isNull() && !status.isObject())
        v.readable = false;
    v.status = status.toObject();
    const QJsonValue conditions = v.status.value(u"conditions"_s);
    if (!conditions.isUndefined() && !conditions.isNull() && !conditions.isArray())
        v.readable = false;
    v.conditions = conditions.toArray();
    return v;
}

QJsonObject conditionIn(const QJsonArray& conditions, QStringView type)
{
    for (const QJsonValue& c : conditions) {
        const QJsonObject o = c.toObject();
        if (o.value(u"type"_s).toString() == type)
            return o;
    }
    return {};
}

bool isTrue(const QJsonObject& condition) { return condition.value(u"status"_s).toString() == u"True"_s; }
bool isFalse(const QJsonObject& condition) { return condition.value(u"status"_s).toString() == u"False"_s; }

qint64 intOf(const QJsonObject& o, QStringView key, qint64 fallback = 0)
{
    const QJsonValue v = o.value(key);
    // Kubernetes integers arrive as JSON numbers; YAML fixtures may quote them.
    if (v.isDouble())
        return v.toInteger(fallback);
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

// generation vs status.observedGeneration: the controller has not seen the
// latest spec yet, so whatever the status says is about an older one.
bool generationObserved(const View& v)
{
    return intOf(v.metadata, u"generation") <= intOf(v.status, u"observedGeneration");
}

Health healthy(QString message = {}) { return { Status::Healthy, std::move(message) }; }
Health progressing(QString message) { return { Status::Progressing, std::move(message) }; }
Health degraded(QString message) { return { Status::Degraded, std::move(message) }; }
Health suspended(QString message) { return { Status::Suspended, std::move(message) }; }

// "Reason: message", whichever parts the condition has.
QString describe(const QJsonObject& condition)
{
    const QString reason = condition.value(u"reason"_s).toString();
    const QString message = condition.value(u"message"_s).toString();
    if (reason.isEmpty())
        return message;
    if (message.isEmpty())
        return reason;
    return reason + u": "_s + message;
}

// ---- apps -------------------------------------------------------------------

Health deploymentHealth(const View& v)
{
    if (v.spec.value(u"paused"_s).toBool())
        return suspended(HealthAssessor::tr("Deployment is paused"));
    if (!generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: observed deployment generation less than desired generation"));
    const QJsonObject progressingCondition = conditionIn(v.conditions, u"Progressing");
    if (progressingCondition.value(u"reason"_s).toString() == u"ProgressDeadlineExceeded"_s)
        return degraded(HealthAssessor::tr("Deployment \"%1\" exceeded its progress deadline")
                            .arg(v.metadata.value(u"name"_s).toString()));
    const qint64 desired = intOf(v.spec, u"replicas", 1);
    const qint64 replicas = intOf(v.status, u"replicas");
    const qint64 updated = intOf(v.status, u"updatedReplicas");
    const qint64 available = intOf(v.status, u"availableReplicas");
    if (updated < desired)
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: %1 out of %2 new replicas have been updated...")
                               .arg(updated).arg(desired));
    if (replicas > updated)
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: %1 old replicas are pending termination...")
                               .arg(replicas - updated));
    if (available < updated)
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: %1 of %2 updated replicas are available...")
                               .arg(available).arg(updated));
    return healthy();
}

Health statefulSetHealth(const View& v)
{
    const qint64 observed = intOf(v.status, u"observedGeneration");
    if (observed == 0 || !generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for statefulset spec update to be observed..."));
    const qint64 desired = intOf(v.spec, u"replicas", 1);
    const qint64 ready = intOf(v.status, u"readyReplicas");
    if (ready < desired)
        return progressing(HealthAssessor::tr("Waiting for %1 pods to be ready...").arg(desired - ready));
    const QJsonObject strategy = v.spec.value(u"updateStrategy"_s).toObject();
    const QString type = strategy.value(u"type"_s).toString(u"RollingUpdate"_s);
    if (type == u"OnDelete"_s) // pods are replaced by hand: nothing to wait for
        return healthy(HealthAssessor::tr("statefulset has %1 ready pods").arg(ready));
    if (strategy.contains(u"rollingUpdate"_s)) {
        // The server defaults partition to 0; a partition holds back the lower ordinals on purpose.
        const qint64 partition = intOf(strategy.value(u"rollingUpdate"_s).toObject(), u"partition");
        const qint64 updated = intOf(v.status, u"updatedReplicas");
        if (updated < desired - partition)
            return progressing(
                HealthAssessor::tr("Waiting for partitioned roll out to finish: %1 out of %2 new pods have been updated...")
                    .arg(updated).arg(desired - partition));
        return healthy(HealthAssessor::tr("partitioned roll out complete: %1 new pods have been updated...").arg(updated));
    }
    const QString current = v.status.value(u"currentRevision"_s).toString();
    const QString update = v.status.value(u"updateRevision"_s).toString();
    if (current != update)
        return progressing(HealthAssessor::tr("waiting for statefulset rolling update to complete %1 pods at revision %2...")
                               .arg(intOf(v.status, u"updatedReplicas")).arg(update));
    return healthy(HealthAssessor::tr("statefulset rolling update complete %1 pods at revision %2...")
                       .arg(intOf(v.status, u"currentReplicas")).arg(current));
}

Health daemonSetHealth(const View& v)
{
    if (!generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: observed daemon set generation less than desired generation"));
    const QString name = v.metadata.value(u"name"_s).toString();
    const qint64 desired = intOf(v.status, u"desiredNumberScheduled");
    const qint64 updated = intOf(v.status, u"updatedNumberScheduled");
    const qint64 available = intOf(v.status, u"numberAvailable");
    const QString type = v.spec.value(u"updateStrategy"_s).toObject().value(u"type"_s).toString();
    if (type == u"OnDelete"_s) // old pods stay until someone deletes them: that is the point
        return healthy(HealthAssessor::tr("daemon set %1 out of %2 new pods have been updated").arg(updated).arg(desired));
    if (updated < desired)
        return progressing(HealthAssessor::tr("Waiting for daemon set \"%1\" rollout to finish: %2 out of %3 new pods have been updated...")
                               .arg(name).arg(updated).arg(desired));
    if (available < desired)
        return progressing(HealthAssessor::tr("Waiting for daemon set \"%1\" rollout to finish: %2 of %3 updated pods are available...")
                               .arg(name).arg(available).arg(desired));
    return healthy();
}

Health replicaSetHealth(const View& v)
{
    if (!generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: observed replica set generation less than desired generation"));
    const QJsonObject failure = conditionIn(v.conditions, u"ReplicaFailure");
    if (isTrue(failure))
        return degraded(describe(failure));
    const qint64 desired = intOf(v.spec, u"replicas", 1);
    const qint64 available = intOf(v.status, u"availableReplicas");
    if (available < desired)
        return progressing(HealthAssessor::tr("Waiting for rollout to finish: %1 out of %2 new replicas are available...")
                               .arg(available).arg(desired));
    return healthy();
}

// ---- core -------------------------------------------------------------------

Health podHealth(const View& v)
{
    if (v.metadata.contains(u"deletionTimestamp"_s))
        return progressing(HealthAssessor::tr("Pending deletion"));

    const QString restartPolicy = v.spec.value(u"restartPolicy"_s).toString(u"Always"_s);
    QJsonArray containers = v.status.value(u"initContainerStatuses"_s).toArray();
    for (const QJsonValue& c : v.status.value(u"containerStatuses"_s).toArray())
        containers.append(c);

    // A waiting reason like CrashLoopBackOff or ImagePullBackOff means the pod
    // will not get better by itself. Only for long-running pods: a hook or a
    // job's pod (Never / OnFailure) marked Degraded here would fail its sync
    // for a condition the kubelet may still resolve.
    if (restartPolicy == u"Always"_s) {
        QStringList messages;
        bool bad = false;
        for (const QJsonValue& c : containers) {
            const QJsonObject waiting
                = c.toObject().value(u"state"_s).toObject().value(u"waiting"_s).toObject();
            const QString reason = waiting.value(u"reason"_s).toString();
            if (reason.startsWith(u"Err"_s) || reason.endsWith(u"Error"_s) || reason.endsWith(u"BackOff"_s)) {
                bad = true;
                const QString message = waiting.value(u"message"_s).toString();
                messages << (message.isEmpty() ? reason : reason + u": "_s + message);
            }
        }
        if (bad)
            return degraded(messages.join(u"; "_s));
    }

    const QString phase = v.status.value(u"phase"_s).toString();
    if (phase == u"Pending"_s)
        return progressing(v.status.value(u"message"_s).toString());
    if (phase == u"Succeeded"_s)
        return healthy(v.status.value(u"message"_s).toString());
    if (phase == u"Failed"_s) {
        QString message = v.status.value(u"message"_s).toString();
        if (message.isEmpty()) {
            // The pod says nothing; the first container that exited non-zero says why.
            for (const QJsonValue& c : containers) {
                const QJsonObject t = c.toObject().value(u"state"_s).toObject().value(u"terminated"_s).toObject();
                if (intOf(t, u"exitCode") != 0) {
                    message = t.value(u"message"_s).toString(t.value(u"reason"_s).toString());
                    break;
                }
            }
        }
        return degraded(message);
    }
    if (phase == u"Running"_s) {
        if (restartPolicy != u"Always"_s) // a pod meant to finish is not healthy until it has
            return progressing(v.status.value(u"message"_s).toString());
        if (isTrue(conditionIn(v.conditions, u"Ready")))
            return healthy(v.status.value(u"message"_s).toString());
        // Not ready and some container already died once: it is failing, not starting.
        for (const QJsonValue& c : containers) {
            const QJsonObject o = c.toObject();
            const QJsonObject last = o.value(u"lastState"_s).toObject().value(u"terminated"_s).toObject();
            if (!last.isEmpty()) {
                const QString message = last.value(u"message"_s).toString(last.value(u"reason"_s).toString());
                return degraded(HealthAssessor::tr("container \"%1\" terminated: %2")
                                    .arg(o.value(u"name"_s).toString(), message));
            }
        }
        return progressing(v.status.value(u"message"_s).toString());
    }
    return { Status::Unknown, v.status.value(u"message"_s).toString() };
}

bool hasIngressAddress(const View& v)
{
    return !v.status.value(u"loadBalancer"_s).toObject().value(u"ingress"_s).toArray().isEmpty();
}

Health serviceHealth(const View& v)
{
    if (v.spec.value(u"type"_s).toString() == u"LoadBalancer"_s && !hasIngressAddress(v))
        return progressing(HealthAssessor::tr("Waiting for the load balancer to get an address"));
    return healthy();
}

Health ingressHealth(const View& v)
{
    if (!hasIngressAddress(v))
        return progressing(HealthAssessor::tr("Waiting for the ingress to get an address"));
    return healthy();
}

Health pvcHealth(const View& v)
{
    const QString phase = v.status.value(u"phase"_s).toString();
    if (phase == u"Bound"_s)
        return healthy();
    if (phase == u"Pending"_s)
        return progressing(HealthAssessor::tr("Waiting for the claim to be bound"));
    if (phase == u"Lost"_s)
        return degraded(HealthAssessor::tr("The claim lost its volume"));
    return { Status::Unknown, {} };
}

// ---- batch ------------------------------------------------------------------

Health jobHealth(const View& v)
{
    // Complete / Failed are final; 1.31+ sets SuccessCriteriaMet / FailureTarget just before them.
    const QJsonObject complete = conditionIn(v.conditions, u"Complete");
    const QJsonObject failed = conditionIn(v.conditions, u"Failed");
    const QJsonObject failureTarget = conditionIn(v.conditions, u"FailureTarget");
    if (isTrue(complete) || isTrue(conditionIn(v.conditions, u"SuccessCriteriaMet")))
        return healthy(complete.value(u"message"_s).toString());
    if (isTrue(failed))
        return degraded(describe(failed));
    if (isTrue(failureTarget))
        return degraded(describe(failureTarget));
    if (v.spec.value(u"suspend"_s).toBool() || isTrue(conditionIn(v.conditions, u"Suspended")))
        return suspended(HealthAssessor::tr("Job is suspended"));
    return progressing(HealthAssessor::tr("Job is running"));
}

Health cronJobHealth(const View& v)
{
    if (v.spec.value(u"suspend"_s).toBool())
        return suspended(HealthAssessor::tr("CronJob is suspended"));
    // A CronJob does not record whether its last Job failed; that Job carries
    // its own health, so the schedule itself is healthy.
    if (!v.status.contains(u"lastScheduleTime"_s))
        return healthy(HealthAssessor::tr("CronJob has not run yet"));
    return healthy();
}

// ---- autoscaling --------------------------------------------------------------

Health hpaHealth(const View& v)
{
    QJsonArray conditions = v.conditions;
    if (conditions.isEmpty()) {
        // autoscaling/v1 keeps its conditions in an annotation, as a JSON string.
        const QString annotation = v.metadata.value(u"annotations"_s)
                                       .toObject()
                                       .value(u"autoscaling.alpha.kubernetes.io/conditions"_s)
                                       .toString();
        if (!annotation.isEmpty())
            conditions = QJsonDocument::fromJson(annotation.toUtf8()).array();
    }
    if (conditions.isEmpty())
        return progressing(HealthAssessor::tr("Waiting to autoscale"));
    // ScalingLimited only says the bounds were reached: that is the HPA working.
    for (const QStringView type : { QStringView(u"AbleToScale"), QStringView(u"ScalingActive") }) {
        const QJsonObject c = conditionIn(conditions, type);
        if (isFalse(c)) {
            // ScalingDisabled: the target was scaled to zero on purpose.
            if (c.value(u"reason"_s).toString() == u"ScalingDisabled"_s)
                return suspended(describe(c));
            return degraded(describe(c));
        }
    }
    return healthy();
}

// ---- aggregation, GitOps tools and custom resources ----------------------------

Health apiServiceHealth(const View& v)
{
    const QJsonObject available = conditionIn(v.conditions, u"Available");
    if (isTrue(available))
        return healthy(describe(available));
    if (available.isEmpty())
        return progressing(HealthAssessor::tr("Waiting for the API service to become available"));
    // The aggregator keeps retrying the backend, as Argo CD reads it.
    return progressing(describe(available));
}

Health argoApplicationHealth(const View& v)
{
    const QJsonObject health = v.status.value(u"health"_s).toObject();
    const QString status = health.value(u"status"_s).toString();
    const QString message = health.value(u"message"_s).toString();
    if (status == u"Healthy"_s)
        return healthy(message);
    if (status == u"Degraded"_s)
        return degraded(message);
    if (status == u"Suspended"_s)
        return suspended(message);
    if (status == u"Missing"_s)
        return { Status::Missing, message };
    if (status == u"Unknown"_s)
        return { Status::Unknown, message };
    // Progressing, or no health yet: the controller has not assessed it.
    return progressing(message);
}

// Ready / Available conditions as controller-runtime operators and Flux write
// them, read with kstatus' conventions: a status about an older generation, or
// one written while Reconciling, is a rollout under way rather than a verdict.
Health conditionsHealth(const View& v)
{
    if (v.status.contains(u"observedGeneration"_s) && !generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for the controller to observe the latest generation"));
    QJsonObject c = conditionIn(v.conditions, u"Ready");
    if (c.isEmpty())
        c = conditionIn(v.conditions, u"Available");
    if (isTrue(c))
        return healthy(c.value(u"message"_s).toString());
    if (isTrue(conditionIn(v.conditions, u"Reconciling")))
        return progressing(describe(c));
    if (isFalse(c))
        return degraded(describe(c));
    return progressing(describe(c));
}

bool hasReadyOrAvailable(const View& v)
{
    return !conditionIn(v.conditions, u"Ready").isEmpty() || !conditionIn(v.conditions, u"Available").isEmpty();
}

Health fluxHealth(const View& v)
{
    if (v.spec.value(u"suspend"_s).toBool())
        return suspended(HealthAssessor::tr("Reconciliation is suspended"));
    if (!generationObserved(v))
        return progressing(HealthAssessor::tr("Waiting for the controller to observe the latest generation"));
    if (conditionIn(v.conditions, u"Ready").isEmpty())
        return progressing(HealthAssessor::tr("Waiting for the first reconciliation"));
    // While a reconciliation runs Ready can still be False with the previous failure.
    return conditionsHealth(v);
}

using Check = Health (*)(const View&);

// The rule for a group and kind, or nullptr. Old group names (extensions,
// apps/v1beta*) hold the same shapes as today's.
Check checkFor(QStringView group, QStringView kind)
{
    const bool apps = group == u"apps" || group == u"extensions";
    if (apps && kind == u"Deployment")
        return deploymentHealth;
    if (apps && kind == u"StatefulSet")
        return statefulSetHealth;
    if (apps && kind == u"DaemonSet")
        return daemonSetHealth;
    if (apps && kind == u"ReplicaSet")
        return replicaSetHealth;
    if ((group == u"networking.k8s.io" || group == u"extensions") && kind == u"Ingress")
        return ingressHealth;
    if (group.isEmpty()) {
        if (kind == u"Pod")
            return podHealth;
        if (kind == u"Service")
            return serviceHealth;
        if (kind == u"PersistentVolumeClaim")
            return pvcHealth;
        return nullptr;
    }
    if (group == u"batch" && kind == u"Job")
        return jobHealth;
    if (group == u"batch" && kind == u"CronJob")
        return cronJobHealth;
    if (group == u"autoscaling" && kind == u"HorizontalPodAutoscaler")
        return hpaHealth;
    if (group == u"apiregistration.k8s.io" && kind == u"APIService")
        return apiServiceHealth;
    if (group == u"argoproj.io" && kind == u"Application")
        return argoApplicationHealth;
    if ((group == u"kustomize.toolkit.fluxcd.io" && kind == u"Kustomization")
        || (group == u"helm.toolkit.fluxcd.io" && kind == u"HelmRelease"))
        return fluxHealth;
    return nullptr;
}

QString groupOf(const QJsonObject& live)
{
    const QString apiVersion = live.value(u"apiVersion"_s).toString();
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

} // namespace

Health HealthAssessor::assess(const QJsonObject& live)
{
    if (live.isEmpty())
        return { Status::Missing, tr("Resource is not in the cluster") };
    const View v = viewOf(live);
    if (!v.readable)
        return { Status::Unknown, tr("The status of this resource cannot be read") };
    const QString kind = live.value(u"kind"_s).toString();
    if (const Check check = checkFor(groupOf(live), kind))
        return check(v);
    if (hasReadyOrAvailable(v))
        return conditionsHealth(v);
    return healthy();
}

bool HealthAssessor::hasHealthCheck(const QJsonObject& live)
{
    if (live.isEmpty())
        return true;
    const View v = viewOf(live);
    return checkFor(groupOf(live), live.value(u"kind"_s).toString()) != nullptr || hasReadyOrAvailable(v)
        || !v.readable;
}

QString HealthAssessor::statusName(Health::Status status)
{
    switch (status) {
    case Status::Healthy:
        return tr("Healthy");
    case Status::Progressing:
        return tr("Progressing");
    case Status::Degraded:
        return tr("Degraded");
    case Status::Suspended:
        return tr("Suspended");
    case Status::Missing:
        return tr("Missing");
    case Status::Unknown:
        return tr("Unknown");
    }
    return tr("Unknown");
}

QString HealthAssessor::statusKey(Health::Status status)
{
    switch (status) {
    case Status::Healthy:
        return u"Healthy"_s;
    case Status::Progressing:
        return u"Progressing"_s;
    case Status::Degraded:
        return u"Degraded"_s;
    case Status::Suspended:
        return u"Suspended"_s;
    case Status::Missing:
        return u"Missing"_s;
    case Status::Unknown:
        break;
    }
    return u"Unknown"_s;
}

Health::Status HealthAssessor::worse(Health::Status a, Health::Status b)
{
    auto rank = [](Status s) {
        switch (s) {
        case Status::Healthy:
            return 0;
        case Status::Suspended:
            return 1;
        case Status::Progressing:
            return 2;
        case Status::Missing:
            return 3;
        case Status::Degraded:
            return 4;
        case Status::Unknown:
            return 5;
        }
        return 5;
    };
    return rank(a) >= rank(b) ? a : b;
}

} // namespace driftline::engine
