// The sandbox's controllers, so a cluster looks alive: Deployment -> ReplicaSet ->
// Pods, StatefulSet -> Pods, Job -> Pod -> completion, Service -> Endpoints, and
// the pods' own lifecycle (Pending, then Running and Ready, or CrashLoopBackOff for
// an image tagged `broken`). Level-triggered like the real ones: any relevant
// store change queues one reconcile pass over the whole store, run from the event
// loop (never inside the store's listener call); timers wake it for pod start-up,
// crash restarts and progress deadlines. Same thread as its store.
#pragma once

#include "sandbox/objectstore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <chrono>

class QTimer;

namespace driftline::sandbox
{

class ControllerManager : public QObject
{
    Q_OBJECT
public:
    explicit ControllerManager(ObjectStore& store, QObject* parent = nullptr);
    ~ControllerManager() override;

    // Off: nothing is reconciled (a static store for tests); on again: one full pass.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // How long a new Pod stays Pending before it runs (default 1.5 s).
    void setPodStartDelay(std::chrono::milliseconds delay) { m_podStartDelay = delay; }
    std::chrono::milliseconds podStartDelay() const { return m_podStartDelay; }
    // How often a `broken` container restarts (default 10 s; the real back-off grows).
    void setCrashRestartInterval(std::chrono::milliseconds interval) { m_crashInterval = interval; }
    // progressDeadlineSeconds is multiplied by this (tests use e.g. 0.001 to time out in ms).
    void setProgressDeadlineScale(double factor) { m_deadlineScale = factor; }

    // Runs a reconcile pass now (tests; normally passes are queued).
    void reconcileNow();

    static QString fieldManager() { return QStringLiteral("kube-controller-manager"); }

signals:
    // After each pass that changed something (tests wait on it).
    void reconciled();

private:
    using Clock = std::chrono::steady_clock;

    void onChange(const ObjectStore::Change& change);
    void schedule();
    void reconcile();
    bool syncDeployments();
    bool syncReplicaSets();
    bool syncStatefulSets();
    bool syncJobs();
    bool syncPods();
    // What the kubelet would say about a container's ConfigMap and Secret references
    // ("couldn't find key K in ConfigMap ns/name"), empty when they all resolve.
    QString containerConfigError(const QJsonObject& container, const QString& ns) const;
    bool syncReplicaSetStatus();
    bool syncStatefulSetStatus();
    bool syncJobStatus();
    bool syncDeploymentStatus();
    bool syncEndpoints();
    // What k3s's service load balancer and ingress controller, and the autoscaler, write.
    bool syncLoadBalancerAddresses();
    bool syncAutoscalers();
    bool syncCustomResourceDefinitions();

    QList<QJsonObject> all(const QString& group, const QString& plural) const;
    bool writeStatus(const ResourceType& type, QJsonObject object, const QJsonObject& status);
    bool createPod(const QJsonObject& owner, const QString& ownerKind, const QString& ownerApiVersion,
        const QString& name, const QJsonObject& templ, const QJsonObject& extraLabels);
    void wakeAt(Clock::time_point when);

    ObjectStore& m_store;
    int m_listenerId = 0;
    bool m_enabled = true;
    bool m_scheduled = false;
    bool m_inPass = false;
    QTimer* m_wakeTimer = nullptr;
    Clock::time_point m_nextWake = Clock::time_point::max();
    std::chrono::milliseconds m_podStartDelay { 1500 };
    std::chrono::milliseconds m_crashInterval { 10000 };
    double m_deadlineScale = 1.0;
    // Per pod uid: when it runs; when a crashing container restarts next.
    QHash<QString, Clock::time_point> m_podStartAt;
    QHash<QString, Clock::time_point> m_crashAt;
    // Per deployment uid: the last time its rollout made progress.
    QHash<QString, Clock::time_point> m_lastProgress;
    QHash<QString, QString> m_progressKey; // what "progress" looked like then
    QSet<QString> m_ownedEndpoints; // "ns/name" of Endpoints this manager created
    int m_nextPodIp = 10;
};

} // namespace driftline::sandbox
