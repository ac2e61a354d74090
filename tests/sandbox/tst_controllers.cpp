// The sandbox's controllers: Deployments roll out through ReplicaSets to Pods that
// become Ready, `broken` images crash-loop and degrade their Deployment,
// StatefulSets, Jobs and Service Endpoints follow, all through the real store.
#include "sandbox/controllermanager.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;

namespace
{

QJsonObject meta(const QJsonObject& o)
{
    return o.value(u"metadata"_s).toObject();
}
QJsonObject status(const QJsonObject& o)
{
    return o.value(u"status"_s).toObject();
}
QJsonObject conditionOf(const QJsonObject& o, const QString& type)
{
    for (const QJsonValue& c : status(o).value(u"conditions"_s).toArray()) {
        if (c.toObject().value(u"type"_s).toString() == type)
            return c.toObject();
    }
    return {};
}

QJsonObject podTemplate(const QJsonObject& labels, const QString& image, const QString& restartPolicy = {})
{
    QJsonObject spec { { u"containers"_s,
        QJsonArray { QJsonObject { { u"name"_s, u"main"_s }, { u"image"_s, image },
            { u"ports"_s, QJsonArray { QJsonObject { { u"name"_s, u"http"_s }, { u"containerPort"_s, 8080 } } } } } } } };
    if (!restartPolicy.isEmpty())
        spec.insert(u"restartPolicy"_s, restartPolicy);
    return QJsonObject { { u"metadata"_s, QJsonObject { { u"labels"_s, labels } } }, { u"spec"_s, spec } };
}

QJsonObject deployment(const QString& name, int replicas, const QString& image, int deadlineSeconds = 600)
{
    const QJsonObject labels { { u"app"_s, name } };
    return QJsonObject { { u"apiVersion"_s, u"apps/v1"_s }, { u"kind"_s, u"Deployment"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, name }, { u"namespace"_s, u"default"_s } } },
        { u"spec"_s,
            QJsonObject { { u"replicas"_s, replicas }, { u"progressDeadlineSeconds"_s, deadlineSeconds },
                { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
                { u"template"_s, podTemplate(labels, image) } } } };
}

} // namespace

class TestControllers : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    ResourceType m_deployments, m_replicaSets, m_pods, m_statefulSets, m_jobs, m_services, m_endpoints;

    ObjectStore& store() { return m_server->store(); }
    QJsonObject get(const ResourceType& type, const QString& name)
    {
        const auto o = store().get(type, u"default"_s, name);
        return o ? *o : QJsonObject {};
    }
    QList<QJsonObject> list(const ResourceType& type, const QString& selector = {})
    {
        ObjectStore::ListOptions options;
        options.ns = u"default"_s;
        if (!selector.isEmpty())
            options.labels = *driftline::sandbox::LabelSelector::parse(selector);
        const auto page = store().list(type, options);
        return page ? page->items : QList<QJsonObject> {};
    }
    int readyPods(const QString& selector)
    {
        int n = 0;
        for (const QJsonObject& pod : list(m_pods, selector))
            n += conditionOf(pod, u"Ready"_s).value(u"status"_s).toString() == u"True"_s ? 1 : 0;
        return n;
    }
    void update(const ResourceType& type, const QString& name, const std::function<void(QJsonObject&)>& edit)
    {
        QJsonObject o = get(type, name);
        edit(o);
        QVERIFY(store().update(type, u"default"_s, name, o).has_value());
    }

private slots:
    void initTestCase()
    {
        SandboxServer probe;
        auto find = [&](const QString& g, const QString& p) { return *probe.store().findType(g, u"v1"_s, p); };
        m_deployments = find(u"apps"_s, u"deployments"_s);
        m_replicaSets = find(u"apps"_s, u"replicasets"_s);
        m_statefulSets = find(u"apps"_s, u"statefulsets"_s);
        m_jobs = find(u"batch"_s, u"jobs"_s);
        m_pods = find(QString(), u"pods"_s);
        m_services = find(QString(), u"services"_s);
        m_endpoints = find(QString(), u"endpoints"_s);
    }

    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        m_server->setControllersEnabled(true);
        m_server->setPodStartDelay(50ms);
        m_server->controllers().setCrashRestartInterval(60ms);
    }
    void cleanup() { m_server.reset(); }

    void offMeansStatic()
    {
        m_server->setControllersEnabled(false);
        QVERIFY(!m_server->controllersEnabled());
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"web"_s, 2, u"nginx:1.27"_s)).has_value());
        m_server->controllers().reconcileNow();
        QVERIFY(list(m_replicaSets).isEmpty());
        QVERIFY(list(m_pods).isEmpty());
        // Switched on, the same store comes alive.
        m_server->setControllersEnabled(true);
        QTRY_COMPARE_WITH_TIMEOUT(readyPods(u"app=web"_s), 2, 5000);
    }

    void deploymentRollsOutToReadyPods()
    {
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"web"_s, 3, u"nginx:1.27"_s)).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(status(get(m_deployments, u"web"_s)).value(u"availableReplicas"_s).toInt(), 3, 5000);
        const QJsonObject d = get(m_deployments, u"web"_s);

        const QList<QJsonObject> sets = list(m_replicaSets);
        QCOMPARE(sets.size(), 1);
        const QJsonObject rs = sets.first();
        const QString hash = meta(rs).value(u"labels"_s).toObject().value(u"pod-template-hash"_s).toString();
        QVERIFY(!hash.isEmpty());
        QCOMPARE(meta(rs).value(u"name"_s).toString(), QString(u"web-"_s + hash));
        QCOMPARE(meta(rs).value(u"annotations"_s).toObject().value(u"deployment.kubernetes.io/revision"_s).toString(),
            u"1"_s);
        const QJsonObject owner = meta(rs).value(u"ownerReferences"_s).toArray().first().toObject();
        QCOMPARE(owner.value(u"kind"_s).toString(), u"Deployment"_s);
        QCOMPARE(owner.value(u"uid"_s).toString(), meta(d).value(u"uid"_s).toString());
        QVERIFY(owner.value(u"controller"_s).toBool());
        QVERIFY(owner.value(u"blockOwnerDeletion"_s).toBool());
        const QJsonObject rsSpec = rs.value(u"spec"_s).toObject();
        QCOMPARE(rsSpec.value(u"selector"_s).toObject().value(u"matchLabels"_s).toObject().value(u"pod-template-hash"_s)
                     .toString(),
            hash);
        QCOMPARE(rsSpec.value(u"template"_s).toObject().value(u"metadata"_s).toObject().value(u"labels"_s).toObject()
                     .value(u"pod-template-hash"_s).toString(),
            hash);
        QTRY_COMPARE_WITH_TIMEOUT(status(get(m_replicaSets, meta(rs).value(u"name"_s).toString()))
                                      .value(u"readyReplicas"_s).toInt(),
            3, 5000);

        const QList<QJsonObject> pods = list(m_pods, u"app=web"_s);
        QCOMPARE(pods.size(), 3);
        for (const QJsonObject& pod : pods) {
            const QString name = meta(pod).value(u"name"_s).toString();
            QVERIFY2(name.startsWith(u"web-"_s + hash + u'-') && name.size() == 4 + hash.size() + 6, qPrintable(name));
            QCOMPARE(meta(pod).value(u"ownerReferences"_s).toArray().first().toObject().value(u"kind"_s).toString(),
                u"ReplicaSet"_s);
            const QJsonObject s = status(pod);
            QCOMPARE(s.value(u"phase"_s).toString(), u"Running"_s);
            QVERIFY(s.value(u"podIP"_s).toString().startsWith(u"10.42."_s));
            QVERIFY(!s.value(u"hostIP"_s).toString().isEmpty());
            QVERIFY(!s.value(u"startTime"_s).toString().isEmpty());
            QCOMPARE(conditionOf(pod, u"Ready"_s).value(u"status"_s).toString(), u"True"_s);
            QCOMPARE(conditionOf(pod, u"ContainersReady"_s).value(u"status"_s).toString(), u"True"_s);
            const QJsonObject cs = s.value(u"containerStatuses"_s).toArray().first().toObject();
            QVERIFY(cs.value(u"ready"_s).toBool());
            QVERIFY(cs.value(u"state"_s).toObject().contains(u"running"_s));
        }

        QTRY_COMPARE_WITH_TIMEOUT(
            conditionOf(get(m_deployments, u"web"_s), u"Progressing"_s).value(u"reason"_s).toString(),
            u"NewReplicaSetAvailable"_s, 5000);
        const QJsonObject done = get(m_deployments, u"web"_s);
        const QJsonObject ds = status(done);
        QCOMPARE(ds.value(u"observedGeneration"_s).toInt(), meta(done).value(u"generation"_s).toInt(1));
        QCOMPARE(ds.value(u"replicas"_s).toInt(), 3);
        QCOMPARE(ds.value(u"updatedReplicas"_s).toInt(), 3);
        QCOMPARE(ds.value(u"readyReplicas"_s).toInt(), 3);
        QVERIFY(!ds.contains(u"unavailableReplicas"_s));
        const QJsonObject available = conditionOf(done, u"Available"_s);
        QCOMPARE(available.value(u"status"_s).toString(), u"True"_s);
        QCOMPARE(available.value(u"reason"_s).toString(), u"MinimumReplicasAvailable"_s);
        QCOMPARE(available.value(u"message"_s).toString(), u"Deployment has minimum availability."_s);
        QCOMPARE(conditionOf(done, u"Progressing"_s).value(u"message"_s).toString(),
            u"ReplicaSet \"%1\" has successfully progressed."_s.arg(meta(rs).value(u"name"_s).toString()));

        // Settled: a further pass writes nothing.
        QSignalSpy wrote(&m_server->controllers(), &driftline::sandbox::ControllerManager::reconciled);
        m_server->controllers().reconcileNow();
        QCOMPARE(wrote.count(), 0);
    }

    void scalingAndTemplateChangesRollOut()
    {
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"web"_s, 2, u"nginx:1.27"_s)).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(readyPods(u"app=web"_s), 2, 5000);
        update(m_deployments, u"web"_s, [](QJsonObject& d) {
            QJsonObject spec = d.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, 4);
            d.insert(u"spec"_s, spec);
        });
        QTRY_COMPARE_WITH_TIMEOUT(readyPods(u"app=web"_s), 4, 5000);
        QCOMPARE(list(m_replicaSets).size(), 1);

        update(m_deployments, u"web"_s, [](QJsonObject& d) {
            QJsonObject spec = d.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, 2);
            spec.insert(u"template"_s, podTemplate(QJsonObject { { u"app"_s, u"web"_s } }, u"nginx:1.28"_s));
            d.insert(u"spec"_s, spec);
        });
        // The new ReplicaSet takes over; the old one ends at zero and keeps its revision.
        QTRY_VERIFY_WITH_TIMEOUT(
            conditionOf(get(m_deployments, u"web"_s), u"Progressing"_s).value(u"reason"_s).toString()
                    == u"NewReplicaSetAvailable"_s
                && status(get(m_deployments, u"web"_s)).value(u"replicas"_s).toInt() == 2,
            5000);
        const QList<QJsonObject> sets = list(m_replicaSets);
        QCOMPARE(sets.size(), 2);
        QStringList revisions;
        for (const QJsonObject& rs : sets) {
            const QString revision
                = meta(rs).value(u"annotations"_s).toObject().value(u"deployment.kubernetes.io/revision"_s).toString();
            revisions.append(revision);
            QCOMPARE(rs.value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), revision == u"2"_s ? 2 : 0);
        }
        revisions.sort();
        QCOMPARE(revisions, (QStringList { u"1"_s, u"2"_s }));
        for (const QJsonObject& pod : list(m_pods, u"app=web"_s)) {
            QCOMPARE(pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray().first().toObject()
                         .value(u"image"_s).toString(),
                u"nginx:1.28"_s);
        }
        const QJsonObject d = get(m_deployments, u"web"_s);
        QCOMPARE(status(d).value(u"observedGeneration"_s).toInt(), meta(d).value(u"generation"_s).toInt());
    }

    void brokenImageCrashLoopsAndDegrades()
    {
        m_server->controllers().setProgressDeadlineScale(0.3); // 1 s -> 300 ms
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"bad"_s, 2, u"example/app:broken"_s, 1))
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(
            conditionOf(get(m_deployments, u"bad"_s), u"Progressing"_s).value(u"reason"_s).toString(),
            u"ProgressDeadlineExceeded"_s, 5000);
        const QJsonObject d = get(m_deployments, u"bad"_s);
        const QJsonObject progressing = conditionOf(d, u"Progressing"_s);
        QCOMPARE(progressing.value(u"status"_s).toString(), u"False"_s);
        QVERIFY(progressing.value(u"message"_s).toString().endsWith(u"has timed out progressing."_s));
        const QJsonObject available = conditionOf(d, u"Available"_s);
        QCOMPARE(available.value(u"status"_s).toString(), u"False"_s);
        QCOMPARE(available.value(u"reason"_s).toString(), u"MinimumReplicasUnavailable"_s);
        QCOMPARE(status(d).value(u"unavailableReplicas"_s).toInt(), 2);
        QVERIFY(!status(d).contains(u"readyReplicas"_s));

        const QList<QJsonObject> pods = list(m_pods, u"app=bad"_s);
        QCOMPARE(pods.size(), 2);
        const QString podName = meta(pods.first()).value(u"name"_s).toString();
        auto container = [&] {
            return status(get(m_pods, podName)).value(u"containerStatuses"_s).toArray().first().toObject();
        };
        QCOMPARE(status(pods.first()).value(u"phase"_s).toString(), u"Running"_s);
        QCOMPARE(conditionOf(pods.first(), u"Ready"_s).value(u"status"_s).toString(), u"False"_s);
        QCOMPARE(conditionOf(pods.first(), u"Ready"_s).value(u"reason"_s).toString(), u"ContainersNotReady"_s);
        QCOMPARE(container().value(u"state"_s).toObject().value(u"waiting"_s).toObject().value(u"reason"_s).toString(),
            u"CrashLoopBackOff"_s);
        QVERIFY(!container().value(u"ready"_s).toBool());
        const int restarts = container().value(u"restartCount"_s).toInt();
        QVERIFY(restarts >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(container().value(u"restartCount"_s).toInt() > restarts + 1, 5000);
        QVERIFY(container().value(u"lastState"_s).toObject().contains(u"terminated"_s));
    }

    // As the kubelet does: a ConfigMap key that does not exist keeps the pod
    // Pending with CreateContainerConfigError naming it, until the key appears.
    void missingConfigKeyBlocksThePod()
    {
        m_server->controllers().setCrashRestartInterval(100ms);
        const auto configMaps = *store().findType(QString(), u"v1"_s, u"configmaps"_s);
        QVERIFY(store().create(configMaps, u"default"_s,
                           QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"app-config"_s } } },
                               { u"data"_s, QJsonObject { { u"DATABASE_HOST"_s, u"db"_s } } } })
                    .has_value());
        QJsonObject d = deployment(u"cfg"_s, 1, u"example/app:2.0.0"_s);
        QJsonObject spec = d.value(u"spec"_s).toObject();
        QJsonObject templ = spec.value(u"template"_s).toObject();
        QJsonObject podSpec = templ.value(u"spec"_s).toObject();
        QJsonArray containers = podSpec.value(u"containers"_s).toArray();
        QJsonObject main = containers.first().toObject();
        main.insert(u"env"_s,
            QJsonArray { QJsonObject { { u"name"_s, u"HOST"_s },
                { u"valueFrom"_s,
                    QJsonObject { { u"configMapKeyRef"_s,
                        QJsonObject { { u"name"_s, u"app-config"_s }, { u"key"_s, u"DATABASE_HOSTNAME"_s } } } } } } });
        containers.replace(0, main);
        podSpec.insert(u"containers"_s, containers);
        templ.insert(u"spec"_s, podSpec);
        spec.insert(u"template"_s, templ);
        d.insert(u"spec"_s, spec);
        QVERIFY(store().create(m_deployments, u"default"_s, d).has_value());

        auto waiting = [&] {
            const QList<QJsonObject> pods = list(m_pods, u"app=cfg"_s);
            return pods.isEmpty() ? QJsonObject {}
                                  : status(pods.first()).value(u"containerStatuses"_s).toArray().first().toObject()
                                        .value(u"state"_s).toObject().value(u"waiting"_s).toObject();
        };
        QTRY_COMPARE_WITH_TIMEOUT(waiting().value(u"reason"_s).toString(), u"CreateContainerConfigError"_s, 5000);
        QCOMPARE(waiting().value(u"message"_s).toString(),
            u"couldn't find key DATABASE_HOSTNAME in ConfigMap default/app-config"_s);
        const QJsonObject pod = list(m_pods, u"app=cfg"_s).first();
        QCOMPARE(status(pod).value(u"phase"_s).toString(), u"Pending"_s);
        QCOMPARE(conditionOf(pod, u"Ready"_s).value(u"status"_s).toString(), u"False"_s);
        const QString rv = meta(pod).value(u"resourceVersion"_s).toString();
        QTest::qWait(300); // retries that find the same error write nothing
        QCOMPARE(meta(list(m_pods, u"app=cfg"_s).first()).value(u"resourceVersion"_s).toString(), rv);

        QVERIFY(store().patch(configMaps, u"default"_s, u"app-config"_s, ObjectStore::PatchType::Merge,
                           R"({"data":{"DATABASE_HOSTNAME":"db"}})")
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(readyPods(u"app=cfg"_s), 1, 5000);
    }

    void statefulSetPodsByOrdinal()
    {
        const QJsonObject labels { { u"app"_s, u"db"_s } };
        const QJsonObject sts { { u"metadata"_s, QJsonObject { { u"name"_s, u"db"_s } } },
            { u"spec"_s,
                QJsonObject { { u"replicas"_s, 3 }, { u"serviceName"_s, u"db"_s },
                    { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
                    { u"template"_s, podTemplate(labels, u"postgres:16"_s) } } } };
        QVERIFY(store().create(m_statefulSets, u"default"_s, sts).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(status(get(m_statefulSets, u"db"_s)).value(u"readyReplicas"_s).toInt(), 3, 5000);
        QStringList names;
        for (const QJsonObject& pod : list(m_pods, u"app=db"_s))
            names.append(meta(pod).value(u"name"_s).toString());
        names.sort();
        QCOMPARE(names, (QStringList { u"db-0"_s, u"db-1"_s, u"db-2"_s }));
        const QJsonObject s = status(get(m_statefulSets, u"db"_s));
        QCOMPARE(s.value(u"replicas"_s).toInt(), 3);
        QCOMPARE(s.value(u"availableReplicas"_s).toInt(), 3);
        QCOMPARE(s.value(u"updatedReplicas"_s).toInt(), 3);
        QCOMPARE(s.value(u"currentRevision"_s).toString(), s.value(u"updateRevision"_s).toString());
        QVERIFY(s.value(u"updateRevision"_s).toString().startsWith(u"db-"_s));

        update(m_statefulSets, u"db"_s, [](QJsonObject& o) {
            QJsonObject spec = o.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, 1);
            o.insert(u"spec"_s, spec);
        });
        QTRY_COMPARE_WITH_TIMEOUT(list(m_pods, u"app=db"_s).size(), 1, 5000);
        QCOMPARE(meta(list(m_pods, u"app=db"_s).first()).value(u"name"_s).toString(), u"db-0"_s);
    }

    // As the apiextensions server does: a new CRD's names are accepted and it is
    // Established, the shape of the k3s dump's CRDs.
    void customResourceDefinitionsAreEstablished()
    {
        const auto crds = *store().findType(u"apiextensions.k8s.io"_s, u"v1"_s, u"customresourcedefinitions"_s);
        const QJsonObject crd = QJsonDocument::fromJson(R"({
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "widgets.example.com"},
            "spec": {"group": "example.com", "scope": "Namespaced",
                     "names": {"plural": "widgets", "kind": "Widget"},
                     "versions": [{"name": "v1", "served": true, "storage": true,
                                   "schema": {"openAPIV3Schema": {"type": "object",
                                       "x-kubernetes-preserve-unknown-fields": true}}}]}})")
                                    .object();
        QVERIFY(store().create(crds, QString(), crd).has_value());
        const auto established = [&] {
            const auto o = store().get(crds, QString(), u"widgets.example.com"_s);
            return o ? conditionOf(*o, u"Established"_s) : QJsonObject {};
        };
        QTRY_COMPARE_WITH_TIMEOUT(established().value(u"status"_s).toString(), u"True"_s, 5000);
        QCOMPARE(established().value(u"reason"_s).toString(), u"InitialNamesAccepted"_s);
        const QJsonObject stored = *store().get(crds, QString(), u"widgets.example.com"_s);
        QCOMPARE(conditionOf(stored, u"NamesAccepted"_s).value(u"status"_s).toString(), u"True"_s);
        QCOMPARE(status(stored).value(u"acceptedNames"_s).toObject().value(u"listKind"_s).toString(),
            u"WidgetList"_s);
        QCOMPARE(status(stored).value(u"storedVersions"_s).toArray(), QJsonArray {u"v1"_s});
        // Once established, later passes leave it alone.
        const QString rv = meta(stored).value(u"resourceVersion"_s).toString();
        m_server->controllers().reconcileNow();
        QCOMPARE(meta(*store().get(crds, QString(), u"widgets.example.com"_s)).value(u"resourceVersion"_s).toString(), rv);
    }

    void serviceEndpointsFollowReadyPods()
    {
        const QJsonObject svc { { u"metadata"_s,
                                    QJsonObject { { u"name"_s, u"web"_s },
                                        { u"labels"_s, QJsonObject { { u"tier"_s, u"front"_s } } } } },
            { u"spec"_s,
                QJsonObject { { u"selector"_s, QJsonObject { { u"app"_s, u"web"_s } } },
                    { u"ports"_s,
                        QJsonArray { QJsonObject { { u"name"_s, u"http"_s }, { u"port"_s, 80 },
                            { u"targetPort"_s, u"http"_s } } } } } } };
        QVERIFY(store().create(m_services, u"default"_s, svc).has_value());
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"web"_s, 2, u"nginx:1.27"_s)).has_value());
        auto addresses = [&](const QString& key) {
            const QJsonArray subsets = get(m_endpoints, u"web"_s).value(u"subsets"_s).toArray();
            return subsets.isEmpty() ? QJsonArray {} : subsets.first().toObject().value(key).toArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(addresses(u"addresses"_s).size(), 2, 5000);
        const QJsonObject ep = get(m_endpoints, u"web"_s);
        QCOMPARE(meta(ep).value(u"labels"_s).toObject().value(u"tier"_s).toString(), u"front"_s);
        const QJsonObject port = ep.value(u"subsets"_s).toArray().first().toObject().value(u"ports"_s).toArray()
                                     .first().toObject();
        QCOMPARE(port.value(u"port"_s).toInt(), 8080); // the named targetPort, resolved
        QCOMPARE(port.value(u"name"_s).toString(), u"http"_s);
        QCOMPARE(port.value(u"protocol"_s).toString(), u"TCP"_s);
        const QJsonObject address = addresses(u"addresses"_s).first().toObject();
        QVERIFY(address.value(u"ip"_s).toString().startsWith(u"10.42."_s));
        QCOMPARE(address.value(u"targetRef"_s).toObject().value(u"kind"_s).toString(), u"Pod"_s);

        // A crash-looping pod is listed as not ready.
        update(m_deployments, u"web"_s, [](QJsonObject& d) {
            QJsonObject spec = d.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, 3);
            spec.insert(u"template"_s, podTemplate(QJsonObject { { u"app"_s, u"web"_s } }, u"nginx:broken"_s));
            d.insert(u"spec"_s, spec);
        });
        QTRY_COMPARE_WITH_TIMEOUT(addresses(u"notReadyAddresses"_s).size(), 3, 5000);
        QCOMPARE(addresses(u"addresses"_s).size(), 2); // the old pods stay while the new ones fail

        QVERIFY(store().remove(m_services, u"default"_s, u"web"_s).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!store().get(m_endpoints, u"default"_s, u"web"_s).has_value(), 5000);
    }

    void jobRunsToCompletion()
    {
        const QJsonObject job { { u"metadata"_s, QJsonObject { { u"name"_s, u"migrate"_s } } },
            { u"spec"_s,
                QJsonObject { { u"template"_s,
                    podTemplate(QJsonObject { { u"task"_s, u"migrate"_s } }, u"busybox:1.36"_s, u"Never"_s) } } } };
        QVERIFY(store().create(m_jobs, u"default"_s, job).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(conditionOf(get(m_jobs, u"migrate"_s), u"Complete"_s).value(u"status"_s).toString()
                == u"True"_s,
            5000);
        const QJsonObject s = status(get(m_jobs, u"migrate"_s));
        QCOMPARE(s.value(u"succeeded"_s).toInt(), 1);
        QVERIFY(!s.contains(u"active"_s));
        QVERIFY(!s.value(u"completionTime"_s).toString().isEmpty());
        QVERIFY(!s.value(u"startTime"_s).toString().isEmpty());
        const QList<QJsonObject> pods = list(m_pods, u"job-name=migrate"_s);
        QCOMPARE(pods.size(), 1);
        QCOMPARE(status(pods.first()).value(u"phase"_s).toString(), u"Succeeded"_s);
        QCOMPARE(status(pods.first()).value(u"containerStatuses"_s).toArray().first().toObject().value(u"state"_s)
                     .toObject().value(u"terminated"_s).toObject().value(u"reason"_s).toString(),
            u"Completed"_s);
    }

    void deletedDeploymentStaysDeleted()
    {
        QVERIFY(store().create(m_deployments, u"default"_s, deployment(u"web"_s, 2, u"nginx:1.27"_s)).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(readyPods(u"app=web"_s), 2, 5000);
        QVERIFY(store().remove(m_deployments, u"default"_s, u"web"_s).has_value());
        // The garbage collector removes the ReplicaSet and Pods; nothing refills them.
        QTRY_VERIFY_WITH_TIMEOUT(list(m_replicaSets).isEmpty() && list(m_pods).isEmpty(), 5000);
        for (int i = 0; i < 3; ++i)
            m_server->controllers().reconcileNow();
        QVERIFY(list(m_replicaSets).isEmpty());
        QVERIFY(list(m_pods).isEmpty());
    }

    // A captured cluster is adopted as it is: its ReplicaSets match their Deployments'
    // templates, so no new rollout starts and no Pod is replaced.
    void loadedClusterIsAdoptedNotRolled()
    {
        m_server->setControllersEnabled(false);
        const auto report = driftline::sandbox::StorePersistence::loadClusterDump(
            store(), QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/cluster-dump-k3s-v1.31"));
        QVERIFY(report.has_value());
        auto names = [&](const ResourceType& type) {
            QStringList out;
            ObjectStore::ListOptions all;
            const auto page = store().list(type, all);
            for (const QJsonObject& o : page->items)
                out.append(meta(o).value(u"namespace"_s).toString() + u'/' + meta(o).value(u"name"_s).toString());
            return out;
        };
        const QStringList sets = names(m_replicaSets);
        const QStringList pods = names(m_pods);
        QCOMPARE(sets.size(), 4);
        m_server->setControllersEnabled(true);
        for (int i = 0; i < 5; ++i)
            m_server->controllers().reconcileNow();
        // Converged: one more pass writes nothing (no endless rewrite of Endpoints or statuses).
        QSignalSpy wrote(&m_server->controllers(), &driftline::sandbox::ControllerManager::reconciled);
        m_server->controllers().reconcileNow();
        QCOMPARE(wrote.count(), 0);
        QCOMPARE(names(m_replicaSets), sets);
        QCOMPARE(names(m_pods), pods);
        ObjectStore::ListOptions kubeSystem;
        kubeSystem.ns = u"kube-system"_s;
        const auto deployments = store().list(m_deployments, kubeSystem);
        QCOMPARE(deployments->items.size(), 4);
        for (const QJsonObject& d : deployments->items) {
            QCOMPARE(conditionOf(d, u"Available"_s).value(u"status"_s).toString(), u"True"_s);
        }
    }

    // The whole path over HTTPS: a client creates a Deployment and reads its rollout back.
    void overHttps()
    {
        QVERIFY(m_server->listen().has_value());
        QNetworkAccessManager nam;
        auto request = [&](const QString& path) {
            QUrl url = m_server->url();
            url.setPath(path);
            QNetworkRequest r(url);
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates({ m_server->certificates().caCertificate() });
            r.setSslConfiguration(ssl);
            r.setRawHeader("Authorization", "Bearer " + m_server->token());
            r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
            return r;
        };
        std::unique_ptr<QNetworkReply> created(nam.post(request(u"/apis/apps/v1/namespaces/default/deployments"_s),
            QJsonDocument(deployment(u"api"_s, 2, u"nginx:1.27"_s)).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(created->isFinished(), 5000);
        QCOMPARE(created->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        auto readyOverHttps = [&] {
            std::unique_ptr<QNetworkReply> reply(nam.get(request(u"/apis/apps/v1/namespaces/default/deployments/api"_s)));
            if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
                return -1;
            return status(QJsonDocument::fromJson(reply->readAll()).object()).value(u"readyReplicas"_s).toInt();
        };
        QTRY_COMPARE_WITH_TIMEOUT(readyOverHttps(), 2, 5000);
    }
};

QTEST_GUILESS_MAIN(TestControllers)
#include "tst_controllers.moc"
