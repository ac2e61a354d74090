// Health per kind: every real object of gitops-engine's health fixtures judged
// as gitops-engine's own tests expect, hand-written objects for the kinds those
// fixtures lack, and the sandbox's controllers driving a Deployment to Healthy
// or, with a `broken` image, its Pods and then itself to Degraded.
#include "core/manifestparser.h"
#include "engine/health.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using driftline::ManifestParser;
using driftline::engine::Health;
using driftline::engine::HealthAssessor;
using driftline::test::await;
using driftline::test::why;
namespace kube = driftline::kube;

using Status = Health::Status;
Q_DECLARE_METATYPE(Health::Status)

namespace
{

QString fixtureDir()
{
    return QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/objects/gitops-engine/health");
}

// What gitops-engine's pkg/health tests expect of each of its fixtures.
const QHash<QString, Status>& fixtureExpectations()
{
    static const QHash<QString, Status> expected {
        { u"daemonset-ondelete.yaml"_s, Status::Healthy },
        { u"deployment-degraded.yaml"_s, Status::Degraded },
        { u"deployment-progressing.yaml"_s, Status::Progressing },
        { u"deployment-suspended.yaml"_s, Status::Suspended },
        { u"ingress.yaml"_s, Status::Healthy },
        { u"ingress-nonemptylist.yaml"_s, Status::Healthy },
        { u"ingress-unassigned.yaml"_s, Status::Progressing },
        { u"job-failed.yaml"_s, Status::Degraded },
        { u"job-running.yaml"_s, Status::Progressing },
        { u"job-succeeded.yaml"_s, Status::Healthy },
        { u"job-suspended.yaml"_s, Status::Suspended },
        { u"pod-crashloop.yaml"_s, Status::Degraded },
        { u"pod-deletion.yaml"_s, Status::Progressing },
        { u"pod-error.yaml"_s, Status::Degraded },
        { u"pod-failed.yaml"_s, Status::Degraded },
        { u"pod-imagepullbackoff.yaml"_s, Status::Degraded },
        { u"pod-pending.yaml"_s, Status::Progressing },
        { u"pod-running-not-ready.yaml"_s, Status::Progressing },
        { u"pod-running-restart-always.yaml"_s, Status::Healthy },
        { u"pod-running-restart-never.yaml"_s, Status::Progressing },
        { u"pod-running-restart-onfailure.yaml"_s, Status::Progressing },
        { u"pod-succeeded.yaml"_s, Status::Healthy },
        { u"pvc-bound.yaml"_s, Status::Healthy },
        { u"pvc-pending.yaml"_s, Status::Progressing },
        { u"statefulset.yaml"_s, Status::Healthy },
        { u"statefulset-ondelete.yaml"_s, Status::Healthy },
        { u"svc-clusterip.yaml"_s, Status::Healthy },
        { u"svc-loadbalancer.yaml"_s, Status::Healthy },
        { u"svc-loadbalancer-nonemptylist.yaml"_s, Status::Healthy },
        { u"svc-loadbalancer-unassigned.yaml"_s, Status::Progressing },
    };
    return expected;
}

const char* name(Status s)
{
    switch (s) {
    case Status::Healthy:
        return "Healthy";
    case Status::Progressing:
        return "Progressing";
    case Status::Degraded:
        return "Degraded";
    case Status::Suspended:
        return "Suspended";
    case Status::Missing:
        return "Missing";
    case Status::Unknown:
        return "Unknown";
    }
    return "?";
}

QJsonObject deployment(const QString& name, int replicas, const QString& image, int deadlineSeconds)
{
    const QJsonObject labels { { u"app"_s, name } };
    const QJsonObject container { { u"name"_s, u"main"_s }, { u"image"_s, image } };
    return QJsonObject { { u"apiVersion"_s, u"apps/v1"_s }, { u"kind"_s, u"Deployment"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, name }, { u"namespace"_s, u"default"_s } } },
        { u"spec"_s,
            QJsonObject { { u"replicas"_s, replicas }, { u"progressDeadlineSeconds"_s, deadlineSeconds },
                { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
                { u"template"_s,
                    QJsonObject { { u"metadata"_s, QJsonObject { { u"labels"_s, labels } } },
                        { u"spec"_s, QJsonObject { { u"containers"_s, QJsonArray { container } } } } } } } } };
}

} // namespace

class TestHealth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<driftline::sandbox::SandboxServer> m_server;
    std::unique_ptr<kube::KubeClient> m_client;

    // The Deployment as the server answers it, judged.
    Health deploymentHealth(const QString& name)
    {
        const auto live = await(m_client->get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"default"_s, name));
        return live ? HealthAssessor::assess(*live) : Health { Status::Unknown, why(live) };
    }
    // Every Pod of app=`app`, judged.
    QList<Status> podStatuses(const QString& app)
    {
        const auto pods = await(m_client->list(QString(), u"v1"_s, u"Pod"_s, u"default"_s, u"app="_s + app));
        QList<Status> statuses;
        if (pods) {
            for (const QJsonObject& pod : pods->items)
                statuses.append(HealthAssessor::assess(pod).status);
        }
        return statuses;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<driftline::sandbox::SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        m_server->setControllersEnabled(true);
        m_server->setPodStartDelay(50ms);
        m_server->controllers().setCrashRestartInterval(60ms);
        const QString path = m_dir.filePath(u"sandbox.kubeconfig"_s);
        QVERIFY(m_server->kubeconfig(path).has_value());
        auto config = kube::Kubeconfig::loadFile(path);
        QVERIFY(config.has_value());
        m_client = std::make_unique<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(fixtureDir()).entryList({ u"*.yaml"_s }, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 30, qPrintable(fixtureDir()));
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QVERIFY2(fixtureExpectations().contains(file), "a new fixture needs its expected health in this test");
        QFile f(QDir(fixtureDir()).filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto parsed = ManifestParser::parse(f.readAll(), file);
        QVERIFY(parsed.errors.isEmpty());
        QCOMPARE(parsed.resources.size(), 1);
        const QJsonObject object = parsed.resources.first().object();
        const Health health = HealthAssessor::assess(object);
        const Status expected = fixtureExpectations().value(file);
        QVERIFY2(health.status == expected,
            qPrintable(u"%1: got %2 (%3), expected %4"_s.arg(
                file, QLatin1StringView(name(health.status)), health.message, QLatin1StringView(name(expected)))));
        QVERIFY(HealthAssessor::hasHealthCheck(object));
    }

    void fixtureMessages()
    {
        auto load = [](const QString& file) {
            QFile f(QDir(fixtureDir()).filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                return QJsonObject {};
            const auto parsed = ManifestParser::parse(f.readAll(), file);
            return parsed.resources.isEmpty() ? QJsonObject {} : parsed.resources.first().object();
        };
        QCOMPARE(HealthAssessor::assess(load(u"deployment-suspended.yaml"_s)).message, u"Deployment is paused"_s);
        QVERIFY(HealthAssessor::assess(load(u"deployment-degraded.yaml"_s))
                    .message.contains(u"exceeded its progress deadline"_s));
        QVERIFY(HealthAssessor::assess(load(u"deployment-progressing.yaml"_s))
                    .message.startsWith(u"Waiting for rollout to finish"_s));
        QVERIFY(HealthAssessor::assess(load(u"pod-crashloop.yaml"_s)).message.contains(u"Back-off"_s));
        QCOMPARE(HealthAssessor::assess(load(u"pod-deletion.yaml"_s)).message, u"Pending deletion"_s);
    }

    void handWritten_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<Status>("expected");
        QTest::addColumn<QString>("message"); // a part of the message, or empty
        QTest::addColumn<bool>("checked");    // hasHealthCheck()

        // Deployment details the fixtures do not cover.
        QTest::newRow("deployment-generation-not-observed") << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 3}
spec: {replicas: 1}
status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1}
)") << Status::Progressing << u"observed deployment generation less than desired"_s << true;
        QTest::newRow("deployment-updated-not-available") << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 3}
status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 1}
)") << Status::Progressing << u"Waiting for rollout to finish: 1 of 3 updated replicas are available..."_s << true;
        QTest::newRow("deployment-old-pending-termination") << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 2}
status: {observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2}
)") << Status::Progressing << u"1 old replicas are pending termination"_s << true;
        QTest::newRow("deployment-healthy") << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 2}
spec: {replicas: 2}
status:
  observedGeneration: 2
  replicas: 2
  updatedReplicas: 2
  availableReplicas: 2
  conditions:
  - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
)") << Status::Healthy << QString() << true;

        // StatefulSet partition and revisions, DaemonSet and ReplicaSet rollouts.
        QTest::newRow("statefulset-partition-done") << QByteArray(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}}
status: {observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}
)") << Status::Healthy << u"partitioned roll out complete"_s << true;
        QTest::newRow("statefulset-partition-waiting") << QByteArray(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}}
status: {observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}
)") << Status::Progressing << u"1 out of 2 new pods"_s << true;
        QTest::newRow("statefulset-revision-rolling") << QByteArray(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 2}
spec: {replicas: 2, updateStrategy: {type: RollingUpdate}}
status: {observedGeneration: 2, readyReplicas: 2, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}
)") << Status::Progressing << u"revision db-2"_s << true;
        QTest::newRow("statefulset-not-ready") << QByteArray(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, generation: 1}
spec: {replicas: 3, updateStrategy: {type: OnDelete}}
status: {observedGeneration: 1, readyReplicas: 1}
)") << Status::Progressing << u"Waiting for 2 pods to be ready"_s << true;
        QTest::newRow("daemonset-rolling") << QByteArray(R"(
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 5}
spec: {updateStrategy: {type: RollingUpdate}}
status: {observedGeneration: 5, desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3}
)") << Status::Progressing << u"2 out of 3 new pods"_s << true;
        QTest::newRow("daemonset-healthy") << QByteArray(R"(
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, generation: 5}
spec: {updateStrategy: {type: RollingUpdate}}
status: {observedGeneration: 5, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3}
)") << Status::Healthy << QString() << true;
        QTest::newRow("replicaset-failure") << QByteArray(R"(
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-1, generation: 1}
spec: {replicas: 2}
status:
  observedGeneration: 1
  availableReplicas: 0
  conditions:
  - {type: ReplicaFailure, status: "True", reason: FailedCreate, message: 'pods "web-1-x" is forbidden: exceeded quota'}
)") << Status::Degraded << u"exceeded quota"_s << true;
        QTest::newRow("replicaset-scaling") << QByteArray(R"(
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-1, generation: 1}
spec: {replicas: 2}
status: {observedGeneration: 1, availableReplicas: 1}
)") << Status::Progressing << u"1 out of 2 new replicas are available"_s << true;

        // Pods: waiting reasons the kubelet will not fix by itself.
        const char* podTemplate = R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {restartPolicy: %1, containers: [{name: main, image: x}]}
status:
  phase: %2
  containerStatuses:
  - {name: main, ready: false, restartCount: 0, state: {waiting: {reason: %3, message: "the reason text"}}}
)";
        auto pod = [&](const QString& policy, const QString& phase, const QString& reason) {
            return QString::fromLatin1(podTemplate).arg(policy, phase, reason).toUtf8();
        };
        QTest::newRow("pod-imagepullbackoff") << pod(u"Always"_s, u"Pending"_s, u"ImagePullBackOff"_s)
                                              << Status::Degraded << u"ImagePullBackOff: the reason text"_s << true;
        QTest::newRow("pod-errimagepull") << pod(u"Always"_s, u"Pending"_s, u"ErrImagePull"_s) << Status::Degraded
                                          << u"ErrImagePull"_s << true;
        QTest::newRow("pod-createcontainerconfigerror")
            << pod(u"Always"_s, u"Pending"_s, u"CreateContainerConfigError"_s) << Status::Degraded
            << u"CreateContainerConfigError"_s << true;
        QTest::newRow("pod-crashloop-running") << pod(u"Always"_s, u"Running"_s, u"CrashLoopBackOff"_s)
                                               << Status::Degraded << u"CrashLoopBackOff"_s << true;
        // A hook or job pod may still get its image: not Degraded yet.
        QTest::newRow("pod-never-imagepullbackoff")
            << pod(u"Never"_s, u"Pending"_s, u"ImagePullBackOff"_s) << Status::Progressing << QString() << true;
        QTest::newRow("pod-container-creating") << pod(u"Always"_s, u"Pending"_s, u"ContainerCreating"_s)
                                                << Status::Progressing << QString() << true;
        QTest::newRow("pod-phase-unknown") << QByteArray(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: main, image: x}]}
status: {phase: Unknown, message: node lost}
)") << Status::Unknown << u"node lost"_s << true;

        // Services, PVC.
        QTest::newRow("service-nodeport") << QByteArray(R"(
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {type: NodePort, ports: [{port: 80}]}
status: {loadBalancer: {}}
)") << Status::Healthy << QString() << true;
        QTest::newRow("pvc-lost") << QByteArray(R"(
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce]}
status: {phase: Lost}
)") << Status::Degraded << QString() << true;

        // Jobs and CronJobs.
        QTest::newRow("job-spec-suspend") << QByteArray(R"(
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {suspend: true}
status: {}
)") << Status::Suspended << QString() << true;
        QTest::newRow("job-failure-target") << QByteArray(R"(
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {}
status:
  conditions:
  - {type: FailureTarget, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}
)") << Status::Degraded << u"BackoffLimitExceeded: Job has reached the specified backoff limit"_s << true;
        QTest::newRow("cronjob-suspended") << QByteArray(R"(
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec: {schedule: "0 3 * * *", suspend: true}
status: {lastScheduleTime: "2026-11-25T03:00:00Z"}
)") << Status::Suspended << QString() << true;
        QTest::newRow("cronjob-scheduled") << QByteArray(R"(
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec: {schedule: "0 3 * * *", suspend: false}
status: {lastScheduleTime: "2026-11-25T03:00:00Z", lastSuccessfulTime: "2026-11-24T03:00:10Z"}
)") << Status::Healthy << QString() << true;
        QTest::newRow("cronjob-never-ran") << QByteArray(R"(
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec: {schedule: "0 3 * * *"}
)") << Status::Healthy << u"not run yet"_s << true;

        // HorizontalPodAutoscaler.
        QTest::newRow("hpa-scaling-inactive") << QByteArray(R"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {minReplicas: 1, maxReplicas: 5}
status:
  conditions:
  - {type: AbleToScale, status: "True", reason: SucceededGetScale}
  - {type: ScalingActive, status: "False", reason: FailedGetResourceMetric, message: 'failed to get cpu utilization'}
)") << Status::Degraded << u"FailedGetResourceMetric: failed to get cpu utilization"_s << true;
        QTest::newRow("hpa-unable-to-scale") << QByteArray(R"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
status:
  conditions:
  - {type: AbleToScale, status: "False", reason: FailedGetScale, message: deployments/scale "web" not found}
)") << Status::Degraded << u"FailedGetScale"_s << true;
        QTest::newRow("hpa-scaling-limited") << QByteArray(R"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
status:
  conditions:
  - {type: AbleToScale, status: "True", reason: ReadyForNewScale}
  - {type: ScalingActive, status: "True", reason: ValidMetricFound}
  - {type: ScalingLimited, status: "True", reason: TooManyReplicas}
)") << Status::Healthy << QString() << true;
        QTest::newRow("hpa-v1-annotation") << QByteArray(R"(
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
  annotations:
    autoscaling.alpha.kubernetes.io/conditions: '[{"type":"AbleToScale","status":"True"},{"type":"ScalingActive","status":"False","reason":"FailedGetResourceMetric","message":"no metrics"}]'
status: {currentReplicas: 1, desiredReplicas: 1}
)") << Status::Degraded << u"no metrics"_s << true;
        QTest::newRow("hpa-target-scaled-to-zero") << QByteArray(R"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
status:
  conditions:
  - {type: AbleToScale, status: "True", reason: SucceededGetScale}
  - {type: ScalingActive, status: "False", reason: ScalingDisabled, message: scaling is disabled since the replica count of the target is zero}
)") << Status::Suspended << u"ScalingDisabled"_s << true;
        QTest::newRow("hpa-no-conditions") << QByteArray(R"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
status: {}
)") << Status::Progressing << QString() << true;

        // GitOps tools' own objects.
        QTest::newRow("argocd-application-degraded") << QByteArray(R"(
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop}
status: {health: {status: Degraded, message: one pod crashes}, sync: {status: Synced}}
)") << Status::Degraded << u"one pod crashes"_s << true;
        QTest::newRow("argocd-application-healthy") << QByteArray(R"(
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop}
status: {health: {status: Healthy}}
)") << Status::Healthy << QString() << true;
        QTest::newRow("argocd-application-new") << QByteArray(R"(
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop}
spec: {project: default}
)") << Status::Progressing << QString() << true;
        QTest::newRow("flux-kustomization-ready") << QByteArray(R"(
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, generation: 4}
spec: {interval: 10m}
status:
  observedGeneration: 4
  conditions:
  - {type: Ready, status: "True", reason: ReconciliationSucceeded, message: "Applied revision: main@sha1:0123"}
)") << Status::Healthy << u"Applied revision"_s << true;
        QTest::newRow("flux-kustomization-failed") << QByteArray(R"(
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, generation: 4}
status:
  observedGeneration: 4
  conditions:
  - {type: Ready, status: "False", reason: BuildFailed, message: "kustomize build failed: missing resource"}
)") << Status::Degraded << u"BuildFailed: kustomize build failed"_s << true;
        QTest::newRow("flux-kustomization-suspended") << QByteArray(R"(
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, generation: 4}
spec: {suspend: true}
status:
  observedGeneration: 4
  conditions:
  - {type: Ready, status: "True", reason: ReconciliationSucceeded}
)") << Status::Suspended << QString() << true;
        QTest::newRow("flux-kustomization-reconciling") << QByteArray(R"(
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, generation: 5}
status:
  observedGeneration: 5
  conditions:
  - {type: Reconciling, status: "True", reason: Progressing}
  - {type: Ready, status: "Unknown", reason: Progressing, message: Reconciliation in progress}
)") << Status::Progressing << u"Reconciliation in progress"_s << true;
        QTest::newRow("flux-helmrelease-failed") << QByteArray(R"(
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: redis, generation: 1}
status:
  observedGeneration: 1
  conditions:
  - {type: Ready, status: "False", reason: InstallFailed, message: "install retries exhausted"}
)") << Status::Degraded << u"install retries exhausted"_s << true;
        QTest::newRow("flux-helmrelease-not-observed") << QByteArray(R"(
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: redis, generation: 2}
status:
  observedGeneration: 1
  conditions:
  - {type: Ready, status: "True", reason: UpgradeSucceeded}
)") << Status::Progressing << QString() << true;
        QTest::newRow("apiservice-available") << QByteArray(R"(
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
status: {conditions: [{type: Available, status: "True", reason: Passed, message: all checks passed}]}
)") << Status::Healthy << QString() << true;
        QTest::newRow("apiservice-unavailable") << QByteArray(R"(
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
status: {conditions: [{type: Available, status: "False", reason: MissingEndpoints, message: endpoints for service/metrics-server have no addresses}]}
)") << Status::Progressing << u"MissingEndpoints"_s << true;

        // Custom resources with standard conditions, and kinds with no health at all.
        QTest::newRow("crd-ready-false") << QByteArray(R"(
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: tls}
status:
  conditions:
  - {type: Ready, status: "False", reason: DoesNotExist, message: Issuer letsencrypt not found}
)") << Status::Degraded << u"DoesNotExist: Issuer letsencrypt not found"_s << true;
        QTest::newRow("crd-ready-unknown") << QByteArray(R"(
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: tls}
status: {conditions: [{type: Ready, status: "Unknown", reason: Pending}]}
)") << Status::Progressing << u"Pending"_s << true;
        QTest::newRow("crd-reconciling") << QByteArray(R"(
apiVersion: example.com/v1
kind: Database
metadata: {name: main}
status:
  conditions:
  - {type: Reconciling, status: "True"}
  - {type: Ready, status: "False", reason: Creating, message: creating replicas}
)") << Status::Progressing << u"creating replicas"_s << true;
        QTest::newRow("crd-old-generation") << QByteArray(R"(
apiVersion: example.com/v1
kind: Database
metadata: {name: main, generation: 3}
status: {observedGeneration: 2, conditions: [{type: Ready, status: "True"}]}
)") << Status::Progressing << QString() << true;
        QTest::newRow("crd-available-true") << QByteArray(R"(
apiVersion: example.com/v1
kind: Database
metadata: {name: main}
status: {conditions: [{type: Available, status: "True", message: serving}]}
)") << Status::Healthy << u"serving"_s << true;
        QTest::newRow("crd-other-conditions") << QByteArray(R"(
apiVersion: example.com/v1
kind: Database
metadata: {name: main}
status: {conditions: [{type: Backup, status: "False"}]}
)") << Status::Healthy << QString() << false;
        QTest::newRow("configmap") << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: b}
)") << Status::Healthy << QString() << false;
        QTest::newRow("clusterrole") << QByteArray(R"(
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
)") << Status::Healthy << QString() << false;

        // What cannot be read is Unknown, never a guess.
        QTest::newRow("status-not-an-object") << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
status: broken
)") << Status::Unknown << QString() << true;
        QTest::newRow("conditions-not-a-list") << QByteArray(R"(
apiVersion: example.com/v1
kind: Database
metadata: {name: main}
status: {conditions: {Ready: "True"}}
)") << Status::Unknown << QString() << true;
        QTest::newRow("pvc-no-phase") << QByteArray(R"(
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
)") << Status::Unknown << QString() << true;
    }

    void handWritten()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(Status, expected);
        QFETCH(QString, message);
        QFETCH(bool, checked);
        const auto value = ManifestParser::parseYamlValue(yaml);
        QVERIFY(value.has_value());
        const QJsonObject object = value->toObject();
        QVERIFY(!object.isEmpty());
        const Health health = HealthAssessor::assess(object);
        QVERIFY2(health.status == expected,
            qPrintable(u"got %1 (%2), expected %3"_s.arg(
                QLatin1StringView(name(health.status)), health.message, QLatin1StringView(name(expected)))));
        if (!message.isEmpty())
            QVERIFY2(health.message.contains(message), qPrintable(health.message));
        QCOMPARE(HealthAssessor::hasHealthCheck(object), checked);
    }

    void missingAndNames()
    {
        const Health missing = HealthAssessor::assess(QJsonObject {});
        QCOMPARE(missing.status, Status::Missing);
        QVERIFY(!missing.message.isEmpty());
        QCOMPARE(HealthAssessor::statusName(Status::Healthy), u"Healthy"_s);
        QCOMPARE(HealthAssessor::statusName(Status::Progressing), u"Progressing"_s);
        QCOMPARE(HealthAssessor::statusName(Status::Degraded), u"Degraded"_s);
        QCOMPARE(HealthAssessor::statusName(Status::Suspended), u"Suspended"_s);
        QCOMPARE(HealthAssessor::statusName(Status::Missing), u"Missing"_s);
        QCOMPARE(HealthAssessor::statusName(Status::Unknown), u"Unknown"_s);
        QCOMPARE(HealthAssessor::worse(Status::Healthy, Status::Progressing), Status::Progressing);
        QCOMPARE(HealthAssessor::worse(Status::Degraded, Status::Missing), Status::Degraded);
        QCOMPARE(HealthAssessor::worse(Status::Suspended, Status::Healthy), Status::Suspended);
        QCOMPARE(HealthAssessor::worse(Status::Degraded, Status::Unknown), Status::Unknown);
    }

    void sandboxDeploymentBecomesHealthy()
    {
        const auto created = await(m_client->create(deployment(u"web"_s, 2, u"nginx:1.27"_s, 600)));
        QVERIFY2(created, qPrintable(why(created)));
        // Before the controllers answer, the rollout has not even been observed.
        QCOMPARE(HealthAssessor::assess(*created).status, Status::Progressing);
        QTRY_COMPARE_WITH_TIMEOUT(deploymentHealth(u"web"_s).status, Status::Healthy, 10000);
        const QList<Status> pods = podStatuses(u"web"_s);
        QCOMPARE(pods, (QList<Status> { Status::Healthy, Status::Healthy }));
    }

    void sandboxBrokenImageDegrades()
    {
        // A 1 s progress deadline, scaled to 400 ms: long enough to see the rollout progress first.
        m_server->controllers().setProgressDeadlineScale(0.4);
        const auto created = await(m_client->create(deployment(u"bad"_s, 2, u"example/app:broken"_s, 1)));
        QVERIFY2(created, qPrintable(why(created)));

        // The rollout is first under way, its Pods then crash-loop, and once the
        // deadline passes without progress the Deployment is Degraded.
        QTRY_COMPARE_WITH_TIMEOUT(deploymentHealth(u"bad"_s).status, Status::Progressing, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(podStatuses(u"bad"_s), (QList<Status> { Status::Degraded, Status::Degraded }), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(deploymentHealth(u"bad"_s).status, Status::Degraded, 10000);
        const Health last = deploymentHealth(u"bad"_s);
        QVERIFY2(last.message.contains(u"exceeded its progress deadline"_s), qPrintable(last.message));
        // The Pods stay Degraded: the image never gets better.
        QCOMPARE(podStatuses(u"bad"_s), (QList<Status> { Status::Degraded, Status::Degraded }));
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
