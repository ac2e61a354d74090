// Comparison of desired and live objects: applied and untouched objects of each common
// kind (through a real sandbox's server-side apply) compare equal; values equal by
// meaning compare equal; each kind of real change is a difference naming exactly its
// path and, for live edits, the field manager that made it; defaults and controller
// fields are not drift; ignoreDifferences hides exactly what it names; and the
// gitops-engine ssa-diff fixtures (real live objects) give the expected verdicts.
#include "core/canonicalyaml.h"
#include "core/manifestparser.h"
#include "engine/comparison.h"
#include "engine/ignoredifferences.h"
#include "sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using driftline::CanonicalYaml;
using driftline::ManifestParser;
using driftline::engine::Comparison;
using driftline::engine::ComparisonResult;
using driftline::engine::Difference;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;
using driftline::workspace::IgnoreDifference;

Q_DECLARE_METATYPE(QList<IgnoreDifference>)

namespace {

const QString kSsaDiff = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/objects/gitops-engine/ssa-diff/");

QJsonObject yaml(const QString& text)
{
    const auto value = ManifestParser::parseYamlValue(text.toUtf8());
    return value ? value->toObject() : QJsonObject();
}

QJsonObject yamlFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto value = ManifestParser::parseYamlValue(file.readAll(), path);
    return value ? value->toObject() : QJsonObject();
}

// "Changed /spec/replicas (kubectl-scale)" lines, for readable failures and comparisons.
QStringList describe(const ComparisonResult& result)
{
    QStringList lines;
    for (const Difference& d : result.differences) {
        const QString kind = d.kind == Difference::Changed ? u"Changed"_s
            : d.kind == Difference::Added                  ? u"Added"_s
                                                           : u"Removed"_s;
        lines.append(kind + u' ' + d.path + (d.manager.isEmpty() ? QString() : u" ("_s + d.manager + u')'));
    }
    return lines;
}

const QString kDeployment = uR"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web, tier: front}
  annotations: {team: shop}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
          name: http
        env:
        - name: MODE
          value: fast
        - name: LEVEL
          value: "3"
        resources:
          requests: {cpu: 250m, memory: 64Mi}
          limits: {cpu: "1", memory: 1Gi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
        volumeMounts:
        - name: config
          mountPath: /etc/web
      volumes:
      - name: config
        configMap: {name: web}
)"_s;

const QString kService = uR"(
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - name: metrics
    port: 9090
)"_s;

QList<std::pair<const char*, QString>> commonKinds()
{
    return {
        {"Deployment", kDeployment},
        {"Service", kService},
        {"ConfigMap", uR"(
apiVersion: v1
kind: ConfigMap
metadata: {name: web, namespace: default}
data: {port: "80", mode: fast, empty: ""}
)"_s},
        {"Secret", uR"(
apiVersion: v1
kind: Secret
metadata: {name: web, namespace: default}
stringData: {password: hunter2}
data: {token: c2VjcmV0}
)"_s},
        {"Ingress", uR"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: default}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
)"_s},
        {"StatefulSet", uR"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: default}
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests: {storage: 1Gi}
)"_s},
        {"CronJob", uR"(
apiVersion: batch/v1
kind: CronJob
metadata: {name: cleanup, namespace: default}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: cleanup
            image: busybox:1.36
            command: [sh, -c, "echo done"]
)"_s},
        {"HorizontalPodAutoscaler", uR"(
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: default}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 70}
)"_s},
        {"DaemonSet", uR"(
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - {operator: Exists}
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0
        livenessProbe:
          tcpSocket: {port: 2020}
        volumeMounts:
        - {name: logs, mountPath: /var/log, readOnly: true}
      volumes:
      - name: logs
        hostPath: {path: /var/log}
)"_s},
        {"Job", uR"(
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: default}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: shop/migrate:2
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
)"_s},
        {"PersistentVolumeClaim", uR"(
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: default}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: 512Mi}
)"_s},
        {"Namespace", uR"(
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shop}
)"_s},
        {"NetworkPolicy", uR"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: default}
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - ports:
    - {port: 80}
)"_s},
        {"ServiceAccount", uR"(
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: default}
)"_s},
        {"Role", uR"(
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: default}
rules:
- apiGroups: [""]
  resources: [pods, configmaps]
  verbs: [get, list, watch]
)"_s},
        {"RoleBinding", uR"(
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: web, namespace: default}
)"_s},
    };
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

    SandboxServer m_server;

    std::optional<ResourceType> typeOf(const QJsonObject& object)
    {
        const QString apiVersion = object.value(u"apiVersion").toString();
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        const QString version = apiVersion.section(u'/', -1);
        for (const ResourceType& type : m_server.store().types()) {
            if (type.group == group && type.version == version && type.kind == object.value(u"kind").toString())
                return type;
        }
        return std::nullopt;
    }

    // Applies `desired` as Driftline does (its tracking annotation added, field manager
    // "driftline") and returns the live object as the server stores it.
    QJsonObject applyToSandbox(QJsonObject desired)
    {
        const auto type = typeOf(desired);
        if (!type)
            return {};
        QJsonObject metadata = desired.value(u"metadata").toObject();
        QJsonObject annotations = metadata.value(u"annotations").toObject();
        annotations.insert(u"driftline.io/tracking-id"_s,
            QString(u"web:"_s + type->group + u'/' + type->kind + u':' + metadata.value(u"namespace").toString() + u'/'
                + metadata.value(u"name").toString()));
        metadata.insert(u"annotations"_s, annotations);
        desired.insert(u"metadata"_s, metadata);
        ObjectStore::ApplyOptions options;
        options.fieldManager = u"driftline"_s;
        options.force = true; // a sync takes fields back from whoever edited them
        const auto applied = m_server.store().apply(*type, metadata.value(u"namespace").toString(),
            metadata.value(u"name").toString(), desired, options);
        if (!applied) {
            qWarning() << "apply failed:" << applied.error().message;
            return {};
        }
        return applied->object;
    }

    // Deletes what an earlier row left, so each row starts from a fresh object.
    QJsonObject applyFresh(const QJsonObject& desired)
    {
        const auto type = typeOf(desired);
        if (!type)
            return {};
        const QJsonObject metadata = desired.value(u"metadata").toObject();
        const QString ns = metadata.value(u"namespace").toString();
        const QString name = metadata.value(u"name").toString();
        if (m_server.store().get(*type, ns, name))
            m_server.store().remove(*type, ns, name);
        if (m_server.store().get(*type, ns, name))
            return {};
        return applyToSandbox(desired);
    }

    QJsonObject patchLive(const QJsonObject& object, const QString& manager, const QByteArray& body,
        ObjectStore::PatchType patchType = ObjectStore::PatchType::Merge)
    {
        const auto type = typeOf(object);
        if (!type)
            return {};
        const QJsonObject metadata = object.value(u"metadata").toObject();
        ObjectStore::WriteOptions options;
        options.fieldManager = manager;
        const auto patched = m_server.store().patch(*type, metadata.value(u"namespace").toString(),
            metadata.value(u"name").toString(), patchType, body, options);
        if (!patched) {
            qWarning() << "patch failed:" << patched.error().message;
            return {};
        }
        return *patched;
    }

private slots:
    void initTestCase()
    {
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().message));
        QVERIFY(m_server.port() > 0);
    }

    void appliedObjectComparesEqual_data()
    {
        QTest::addColumn<QString>("manifest");
        for (const auto& [name, manifest] : commonKinds())
            QTest::newRow(name) << manifest;
    }
    void appliedObjectComparesEqual()
    {
        QFETCH(QString, manifest);
        const QJsonObject desired = yaml(manifest);
        QVERIFY(!desired.isEmpty());
        const QJsonObject live = applyFresh(desired);
        QVERIFY(!live.isEmpty());
        QVERIFY(live.value(u"metadata").toObject().contains(u"managedFields"));
        const ComparisonResult result = Comparison::compare(desired, live);
        QVERIFY2(result.equal, qPrintable(describe(result).join(u"; "_s)));
        QCOMPARE(CanonicalYaml::write(result.normalizedLive), CanonicalYaml::write(result.normalizedDesired));

        // The same without managedFields (a cluster that strips them, an old dump):
        // the table of server defaults has to carry it alone.
        QJsonObject bare = live;
        QJsonObject metadata = bare.value(u"metadata").toObject();
        metadata.remove(u"managedFields"_s);
        bare.insert(u"metadata"_s, metadata);
        const ComparisonResult withoutFields = Comparison::compare(desired, bare);
        QVERIFY2(withoutFields.equal, qPrintable(describe(withoutFields).join(u"; "_s)));
    }

    void serverNoiseIsIgnored()
    {
        const QJsonObject desired = yaml(kService);
        QJsonObject live = applyFresh(desired);
        QJsonObject metadata = live.value(u"metadata").toObject();
        QVERIFY(metadata.contains(u"uid"));
        QVERIFY(metadata.contains(u"resourceVersion"));
        metadata.insert(u"selfLink"_s, u"/api/v1/namespaces/default/services/web"_s);
        metadata.insert(u"generation"_s, 7);
        QJsonObject annotations = metadata.value(u"annotations").toObject();
        annotations.insert(u"kubectl.kubernetes.io/last-applied-configuration"_s, u"{}"_s);
        metadata.insert(u"annotations"_s, annotations);
        live.insert(u"metadata"_s, metadata);
        live.insert(u"status"_s, QJsonObject{{u"loadBalancer"_s, QJsonObject{}}});
        const ComparisonResult result = Comparison::compare(desired, live);
        QVERIFY2(result.equal, qPrintable(describe(result).join(u"; "_s)));
        QVERIFY(!result.normalizedLive.contains(u"status"));
        const QJsonObject shownMetadata = result.normalizedLive.value(u"metadata").toObject();
        QVERIFY(!shownMetadata.contains(u"uid"));
        QVERIFY(!shownMetadata.contains(u"managedFields"));
        QVERIFY(!shownMetadata.contains(u"annotations")); // tracking id and last-applied gone
        // The allocated clusterIP is the server's: not shown, not drift.
        QVERIFY(!result.normalizedLive.value(u"spec").toObject().contains(u"clusterIP"));
    }

    void sameMeaning_data()
    {
        QTest::addColumn<QString>("desired");
        QTest::addColumn<QString>("live");
        QTest::addColumn<bool>("equal");
        const QString head = u"apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"_s;
        QTest::newRow("key order") << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\ndata: {x: '1', y: '2'}\n"_s
                                   << u"data: {y: '2', x: '1'}\nmetadata: {namespace: b, name: a}\nkind: ConfigMap\napiVersion: v1\n"_s
                                   << true;
        QTest::newRow("flow vs block style") << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: '1'}\n"_s
                                             << u"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n"_s
                                             << true;
        QTest::newRow("targetPort quoted") << head + u"spec: {ports: [{port: 80, targetPort: '8080'}]}"_s
                                           << head + u"spec: {ports: [{port: 80, targetPort: 8080, protocol: TCP}]}"_s
                                           << true;
        QTest::newRow("targetPort name vs number") << head + u"spec: {ports: [{port: 80, targetPort: http}]}"_s
                                                   << head + u"spec: {ports: [{port: 80, targetPort: 8080}]}"_s
                                                   << false;
        QTest::newRow("ConfigMap data never coerced")
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {port: '80'}\n"_s
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {port: 80}\n"_s << false;
        QTest::newRow("maxSurge int or string")
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {strategy: {rollingUpdate: {maxSurge: 1}}}\n"_s
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {strategy: {rollingUpdate: {maxSurge: '1'}}}\n"_s
            << true;
        const QString pod = u"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    image: x:1\n"_s;
        QTest::newRow("cpu 500m vs 0.5") << pod + u"    resources: {requests: {cpu: 500m}}\n"_s
                                         << pod + u"    resources: {requests: {cpu: 0.5}}\n"_s << true;
        QTest::newRow("memory 1Gi vs 1024Mi") << pod + u"    resources: {limits: {memory: 1Gi}}\n"_s
                                              << pod + u"    resources: {limits: {memory: 1024Mi}}\n"_s << true;
        QTest::newRow("cpu 1000m vs 1") << pod + u"    resources: {limits: {cpu: 1000m}}\n"_s
                                        << pod + u"    resources: {limits: {cpu: '1'}}\n"_s << true;
        QTest::newRow("memory 1Gi vs 1G") << pod + u"    resources: {limits: {memory: 1Gi}}\n"_s
                                          << pod + u"    resources: {limits: {memory: 1G}}\n"_s << false;
        QTest::newRow("PVC storage") << u"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a}\nspec: {resources: {requests: {storage: 2048Mi}}}\n"_s
                                     << u"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a}\nspec: {resources: {requests: {storage: 2Gi}}, volumeMode: Filesystem}\n"_s
                                     << true;
        QTest::newRow("ResourceQuota hard") << u"apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: a}\nspec: {hard: {requests.cpu: '2', limits.memory: 4Gi}}\n"_s
                                            << u"apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: a}\nspec: {hard: {requests.cpu: 2000m, limits.memory: 4096Mi}}\n"_s
                                            << true;
        QTest::newRow("quantity-like text elsewhere is text")
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {size: 1Gi}\n"_s
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {size: 1024Mi}\n"_s << false;
        QTest::newRow("empty map vs absent") << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {}}\ndata: {}\n"_s
                                             << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"_s << true;
        QTest::newRow("empty list vs absent") << pod + u"    args: []\n"_s << pod << true;
        QTest::newRow("null vs absent") << pod + u"    command: null\n"_s << pod << true;
        QTest::newRow("securityContext {} live only") << pod << pod + u"  securityContext: {}\n"_s << true;
        QTest::newRow("template creationTimestamp null")
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {template: {metadata: {labels: {a: b}}}}\n"_s
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {template: {metadata: {creationTimestamp: null, labels: {a: b}}}}\n"_s
            << true;
        QTest::newRow("env order by name is the same list")
            << pod + u"    env: [{name: A, value: '1'}, {name: B, value: '2'}]\n"_s
            << pod + u"    env: [{name: B, value: '2'}, {name: A, value: '1'}]\n"_s << true;
        QTest::newRow("atomic list order matters") << pod + u"    args: [a, b]\n"_s << pod + u"    args: [b, a]\n"_s
                                                   << false;
        QTest::newRow("Secret stringData vs data")
            << u"apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n"_s
            << u"apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ntype: Opaque\ndata: {k: dg==}\n"_s << true;
        QTest::newRow("Secret changed value")
            << u"apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n"_s
            << u"apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ndata: {k: dw==}\n"_s << false;
        QTest::newRow("namespace from the context")
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"_s
            << u"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n"_s << true;
        QTest::newRow("HPA minReplicas default")
            << u"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {maxReplicas: 3}\n"_s
            << u"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {maxReplicas: 3, minReplicas: 1}\n"_s
            << true;
        QTest::newRow("HPA minReplicas changed")
            << u"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {maxReplicas: 3}\n"_s
            << u"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {maxReplicas: 3, minReplicas: 2}\n"_s
            << false;
        QTest::newRow("imagePullPolicy default for :latest")
            << u"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: 'x:latest'}]}\n"_s
            << u"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: 'x:latest', imagePullPolicy: Always}]}\n"_s
            << true;
        QTest::newRow("imagePullPolicy not the default")
            << u"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: 'x:1.0'}]}\n"_s
            << u"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: 'x:1.0', imagePullPolicy: Always}]}\n"_s
            << false;
        QTest::newRow("Service targetPort defaults to port")
            << u"apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"_s
            << u"apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {clusterIP: 10.43.0.7, clusterIPs: [10.43.0.7], ports: [{port: 80, protocol: TCP, targetPort: 80}], type: ClusterIP}\n"_s
            << true;
        QTest::newRow("Service targetPort other than port")
            << u"apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"_s
            << u"apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80, protocol: TCP, targetPort: 81}]}\n"_s
            << false;
        QTest::newRow("same group, other version")
            << u"apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: a}\n"_s
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"_s << true;
        QTest::newRow("other group")
            << u"apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: a}\n"_s
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"_s << false;
        QTest::newRow("non-default live value without managedFields")
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {}\n"_s
            << u"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: 4, revisionHistoryLimit: 10}\n"_s
            << false;
    }
    void sameMeaning()
    {
        QFETCH(QString, desired);
        QFETCH(QString, live);
        QFETCH(bool, equal);
        const QJsonObject d = yaml(desired);
        const QJsonObject l = yaml(live);
        QVERIFY(!d.isEmpty());
        QVERIFY(!l.isEmpty());
        const ComparisonResult result = Comparison::compare(d, l);
        QVERIFY2(result.equal == equal, qPrintable(describe(result).join(u"; "_s)));
        QCOMPARE(result.differences.isEmpty(), equal);
        // The drift status's shortcut finds exactly the same differences.
        const QList<Difference> only = Comparison::differences(d, l);
        QCOMPARE(only.size(), result.differences.size());
        for (qsizetype i = 0; i < only.size(); ++i) {
            QCOMPARE(only.at(i).path, result.differences.at(i).path);
            QCOMPARE(only.at(i).manager, result.differences.at(i).manager);
            QCOMPARE(only.at(i).kind, result.differences.at(i).kind);
        }
        if (equal)
            QCOMPARE(CanonicalYaml::write(result.normalizedLive), CanonicalYaml::write(result.normalizedDesired));
        else
            QVERIFY(CanonicalYaml::write(result.normalizedLive) != CanonicalYaml::write(result.normalizedDesired));
    }

    // Each row edits the live object the way a person would and expects exactly one
    // difference, at that path, with the manager that made it.
    void liveEditIsDrift_data()
    {
        QTest::addColumn<QString>("manifest");
        QTest::addColumn<QString>("manager");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<int>("patchType");
        QTest::addColumn<QStringList>("expected");
        const int merge = int(ObjectStore::PatchType::Merge);
        const int strategic = int(ObjectStore::PatchType::Strategic);
        QTest::newRow("replicas scaled") << kDeployment << u"kubectl-scale"_s << QByteArray(R"({"spec":{"replicas":5}})")
                                         << merge << QStringList{u"Added /spec/replicas (kubectl-scale)"_s};
        QTest::newRow("image")
            << kDeployment << u"kubectl-edit"_s
            << QByteArray(R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}})")
            << strategic << QStringList{u"Changed /spec/template/spec/containers/0/image (kubectl-edit)"_s};
        QTest::newRow("env var")
            << kDeployment << u"kubectl-edit"_s
            << QByteArray(R"({"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"MODE","value":"slow"}]}]}}}})")
            << strategic << QStringList{u"Changed /spec/template/spec/containers/0/env/0/value (kubectl-edit)"_s};
        QTest::newRow("label") << kDeployment << u"kubectl-label"_s
                               << QByteArray(R"({"metadata":{"labels":{"tier":"back"}}})") << merge
                               << QStringList{u"Changed /metadata/labels/tier (kubectl-label)"_s};
        QTest::newRow("annotation") << kDeployment << u"kubectl-annotate"_s
                                    << QByteArray(R"({"metadata":{"annotations":{"team":"ops"}}})") << merge
                                    << QStringList{u"Changed /metadata/annotations/team (kubectl-annotate)"_s};
        QTest::newRow("added annotation") << kDeployment << u"kubectl-edit"_s
                                          << QByteArray(R"({"metadata":{"annotations":{"example.com/note":"x"}}})") << merge
                                          << QStringList{u"Added /metadata/annotations/example.com~1note (kubectl-edit)"_s};
        QTest::newRow("port") << kService << u"kubectl-edit"_s
                              << QByteArray(R"({"spec":{"ports":[{"name":"http","port":80,"targetPort":8081}]}})")
                              << strategic << QStringList{u"Changed /spec/ports/0/targetPort (kubectl-edit)"_s};
        QTest::newRow("removed label") << kDeployment << u"kubectl-edit"_s
                                       << QByteArray(R"({"metadata":{"labels":{"tier":null}}})") << merge
                                       << QStringList{u"Removed /metadata/labels/tier"_s};
        QTest::newRow("added nodeSelector") << kDeployment << u"kubectl-edit"_s
                                            << QByteArray(R"({"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}})")
                                            << merge << QStringList{u"Added /spec/template/spec/nodeSelector/disk (kubectl-edit)"_s};
        QTest::newRow("added field set to its default value by a person")
            << kDeployment << u"kubectl-patch"_s << QByteArray(R"({"spec":{"paused":true}})") << merge
            << QStringList{u"Added /spec/paused (kubectl-patch)"_s};
        QTest::newRow("unknown manager") << kService << u"some-operator"_s
                                         << QByteArray(R"({"spec":{"sessionAffinity":"ClientIP"}})") << merge
                                         << QStringList{u"Added /spec/sessionAffinity (some-operator)"_s};
    }
    void liveEditIsDrift()
    {
        QFETCH(QString, manifest);
        QFETCH(QString, manager);
        QFETCH(QByteArray, patch);
        QFETCH(int, patchType);
        QFETCH(QStringList, expected);
        const QJsonObject desired = yaml(manifest);
        const QJsonObject applied = applyFresh(desired);
        QVERIFY(!applied.isEmpty());
        QVERIFY(Comparison::compare(desired, applied).equal);
        const QJsonObject live = patchLive(applied, manager, patch, ObjectStore::PatchType(patchType));
        QVERIFY(!live.isEmpty());
        const ComparisonResult result = Comparison::compare(desired, live);
        QCOMPARE(describe(result), expected);
        QVERIFY(!result.equal);
        QVERIFY(CanonicalYaml::write(result.normalizedLive) != CanonicalYaml::write(result.normalizedDesired));
        // Re-applying Git (as a sync does) takes the field back: equal again, except what
        // the other manager still owns and Git never mentions (as on a real server).
        const QJsonObject synced = applyToSandbox(desired);
        const ComparisonResult after = Comparison::compare(desired, synced);
        for (const Difference& d : after.differences)
            QCOMPARE(d.kind, Difference::Added);
    }

    // A changed desired object (a Git commit) against an untouched live one.
    void gitChangeIsDrift_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("replicas") << u"  selector:"_s << u"  replicas: 3\n  selector:"_s
                                  << QStringList{u"Changed /spec/replicas"_s}; // the server defaulted it: nobody owns it
        QTest::newRow("image") << u"nginx:1.25"_s << u"nginx:1.26"_s
                               << QStringList{u"Changed /spec/template/spec/containers/0/image (driftline)"_s};
        QTest::newRow("env var") << u"value: fast"_s << u"value: slow"_s
                                 << QStringList{u"Changed /spec/template/spec/containers/0/env/0/value (driftline)"_s};
        QTest::newRow("label") << u"tier: front"_s << u"tier: back"_s
                               << QStringList{u"Changed /metadata/labels/tier (driftline)"_s};
        QTest::newRow("annotation") << u"team: shop"_s << u"team: ops"_s
                                    << QStringList{u"Changed /metadata/annotations/team (driftline)"_s};
        QTest::newRow("port") << u"containerPort: 80"_s << u"containerPort: 81"_s
                              << QStringList{u"Removed /spec/template/spec/containers/0/ports/0"_s,
                                     u"Added /spec/template/spec/containers/0/ports/0 (driftline)"_s};
        QTest::newRow("field removed from Git") << u"labels: {app: web, tier: front}"_s << u"labels: {app: web}"_s
                                                << QStringList{u"Added /metadata/labels/tier (driftline)"_s};
        QTest::newRow("cpu request") << u"cpu: 250m"_s << u"cpu: 300m"_s
                                     << QStringList{u"Changed /spec/template/spec/containers/0/resources/requests/cpu (driftline)"_s};
    }
    void gitChangeIsDrift()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, expected);
        const QJsonObject original = yaml(kDeployment);
        const QJsonObject live = applyFresh(original);
        QVERIFY(!live.isEmpty());
        QString changedText = kDeployment;
        QVERIFY(changedText.contains(from));
        changedText.replace(from, to);
        const QJsonObject changed = yaml(changedText);
        QVERIFY(!changed.isEmpty());
        const ComparisonResult result = Comparison::compare(changed, live);
        QCOMPARE(describe(result), expected);
    }

    void defaultsAndControllersAreNotDrift()
    {
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject applied = applyFresh(desired);
        // Nobody owns the defaults Driftline's apply left to the server.
        const ComparisonResult applyResult = Comparison::compare(desired, applied);
        QVERIFY2(applyResult.equal, qPrintable(describe(applyResult).join(u"; "_s)));
        QCOMPARE(applied.value(u"spec").toObject().value(u"replicas").toInt(), 1);

        // A controller's field (the deployment controller's revision annotation, a
        // controller-owned label) is the cluster's, not drift.
        const QJsonObject byController = patchLive(applied, u"kube-controller-manager"_s,
            R"({"metadata":{"annotations":{"deployment.kubernetes.io/revision":"2","autoscaling.example/seen":"yes"}}})");
        QVERIFY(!byController.isEmpty());
        const ComparisonResult controllerResult = Comparison::compare(desired, byController);
        QVERIFY2(controllerResult.equal, qPrintable(describe(controllerResult).join(u"; "_s)));

        // An object created with a plain create (kubectl create: an Update that owns every
        // field it sent, defaults included): defaults at their default value are not drift.
        const QJsonObject cm = yaml(u"apiVersion: v1\nkind: Service\nmetadata: {name: created, namespace: default}\n"
                                    "spec: {selector: {app: x}, type: ClusterIP, sessionAffinity: None, ports: [{port: 80, protocol: TCP, targetPort: 80}]}\n"_s);
        ObjectStore::WriteOptions options;
        options.fieldManager = u"kubectl-create"_s;
        const auto created = m_server.store().create(*typeOf(cm), u"default"_s, cm, options);
        QVERIFY(created);
        const QJsonObject gitSide
            = yaml(u"apiVersion: v1\nkind: Service\nmetadata: {name: created, namespace: default}\n"
                   "spec: {selector: {app: x}, ports: [{port: 80}]}\n"_s);
        const ComparisonResult createdResult = Comparison::compare(gitSide, *created);
        QVERIFY2(createdResult.equal, qPrintable(describe(createdResult).join(u"; "_s)));
    }

    void ignoreDifferences_data()
    {
        QTest::addColumn<QList<IgnoreDifference>>("rules");
        QTest::addColumn<QStringList>("expected");
        const QStringList all{u"Added /metadata/annotations/example.com~1note (kubectl-edit)"_s,
            u"Added /spec/replicas (kubectl-edit)"_s,
            u"Changed /spec/template/spec/containers/0/image (kubectl-edit)"_s};
        const auto rule = [](QString group, QString kind, QString name, QStringList pointers) {
            IgnoreDifference r;
            r.group = group;
            r.kind = kind;
            r.name = name;
            r.jsonPointers = pointers;
            return r;
        };
        QTest::newRow("no rules") << QList<IgnoreDifference>{} << all;
        QTest::newRow("replicas of Deployments")
            << QList<IgnoreDifference>{rule(u"apps"_s, u"Deployment"_s, {}, {u"/spec/replicas"_s})}
            << QStringList{all.at(0), all.at(2)};
        QTest::newRow("escaped annotation key")
            << QList<IgnoreDifference>{rule({}, {}, {}, {u"/metadata/annotations/example.com~1note"_s})}
            << QStringList{all.at(1), all.at(2)};
        QTest::newRow("array index")
            << QList<IgnoreDifference>{rule({}, u"Deployment"_s, u"web"_s, {u"/spec/template/spec/containers/0/image"_s})}
            << QStringList{all.at(0), all.at(1)};
        QTest::newRow("all three") << QList<IgnoreDifference>{rule({}, {}, {}, {u"/spec/replicas"_s,
                                          u"/metadata/annotations/example.com~1note"_s,
                                          u"/spec/template/spec/containers/0/image"_s})}
                                   << QStringList{};
        QTest::newRow("other kind") << QList<IgnoreDifference>{rule({}, u"StatefulSet"_s, {}, {u"/spec/replicas"_s})}
                                    << all;
        QTest::newRow("other group") << QList<IgnoreDifference>{rule(u"extensions"_s, u"Deployment"_s, {}, {u"/spec/replicas"_s})}
                                     << all;
        QTest::newRow("other name") << QList<IgnoreDifference>{rule({}, u"Deployment"_s, u"api"_s, {u"/spec/replicas"_s})}
                                    << all;
        QTest::newRow("pointer to nothing") << QList<IgnoreDifference>{rule({}, {}, {}, {u"/spec/nothing/here"_s})}
                                            << all;
    }
    void ignoreDifferences()
    {
        QFETCH(QList<IgnoreDifference>, rules);
        QFETCH(QStringList, expected);
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject applied = applyFresh(desired);
        const QJsonObject live = patchLive(applied, u"kubectl-edit"_s,
            R"({"metadata":{"annotations":{"example.com/note":"x"}},"spec":{"replicas":4,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}})",
            ObjectStore::PatchType::Strategic);
        QVERIFY(!live.isEmpty());
        const ComparisonResult result = Comparison::compare(desired, live, rules);
        QCOMPARE(describe(result), expected);
        QCOMPARE(result.equal, expected.isEmpty());
        // Ignored fields are gone from both displayed sides.
        if (expected.isEmpty())
            QCOMPARE(CanonicalYaml::write(result.normalizedLive), CanonicalYaml::write(result.normalizedDesired));
    }

    void jsonPointers_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<bool>("removed");
        QTest::addColumn<QString>("remaining");
        const QString object = uR"({"a":{"b/c":1,"d~e":2,"list":[{"x":1},{"x":2}]},"k":3})"_s;
        QTest::newRow("plain") << u"/k"_s << true << uR"({"a":{"b/c":1,"d~e":2,"list":[{"x":1},{"x":2}]}})"_s;
        QTest::newRow("~1 is a slash") << u"/a/b~1c"_s << true << uR"({"a":{"d~e":2,"list":[{"x":1},{"x":2}]},"k":3})"_s;
        QTest::newRow("~0 is a tilde") << u"/a/d~0e"_s << true << uR"({"a":{"b/c":1,"list":[{"x":1},{"x":2}]},"k":3})"_s;
        QTest::newRow("array element") << u"/a/list/0"_s << true << uR"({"a":{"b/c":1,"d~e":2,"list":[{"x":2}]},"k":3})"_s;
        QTest::newRow("inside array element") << u"/a/list/1/x"_s << true
                                              << uR"({"a":{"b/c":1,"d~e":2,"list":[{"x":1},{}]},"k":3})"_s;
        QTest::newRow("index out of range") << u"/a/list/2"_s << false << object;
        QTest::newRow("not an index") << u"/a/list/x"_s << false << object;
        QTest::newRow("missing") << u"/a/nothing"_s << false << object;
        QTest::newRow("empty pointer") << QString() << false << object;
    }
    void jsonPointers()
    {
        QFETCH(QString, pointer);
        QFETCH(bool, removed);
        QFETCH(QString, remaining);
        QJsonObject object = QJsonDocument::fromJson(
            R"({"a":{"b/c":1,"d~e":2,"list":[{"x":1},{"x":2}]},"k":3})").object();
        QCOMPARE(driftline::engine::IgnoreDifferences::removePointer(object, pointer), removed);
        QCOMPARE(object, QJsonDocument::fromJson(remaining.toUtf8()).object());
    }

    void ruleFilters()
    {
        using driftline::engine::IgnoreDifferences;
        const QJsonObject deployment = yaml(kDeployment);
        IgnoreDifference rule;
        QVERIFY(IgnoreDifferences::matches(rule, deployment)); // empty filter: any
        rule.namespace_ = u"default"_s;
        QVERIFY(IgnoreDifferences::matches(rule, deployment));
        rule.namespace_ = u"shop"_s;
        QVERIFY(!IgnoreDifferences::matches(rule, deployment));
        rule = {};
        rule.group = u"apps"_s;
        QVERIFY(IgnoreDifferences::matches(rule, deployment));
        rule.group = QString();
        rule.kind = u"Service"_s;
        QVERIFY(!IgnoreDifferences::matches(rule, deployment));
        rule.kind = u"Service"_s;
        QVERIFY(IgnoreDifferences::matches(rule, yaml(kService))); // core group "" matches any-group rule
        rule.group = u"apps"_s;
        QVERIFY(!IgnoreDifferences::matches(rule, yaml(kService)));
    }

    // compare() is pure: the same inputs on several threads at once give the same answers.
    void concurrentComparisons()
    {
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject live = patchLive(applyFresh(desired), u"kubectl-edit"_s,
            R"({"metadata":{"annotations":{"example.com/note":"x"}}})");
        QVERIFY(!live.isEmpty());
        const QStringList expected = describe(Comparison::compare(desired, live));
        QCOMPARE(expected.size(), 1);
        std::atomic<int> mismatches = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 50; ++i) {
                    if (describe(Comparison::compare(desired, live)) != expected)
                        ++mismatches;
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }

    // A big object (20,000 keys, 1,000 of them edited by hand) compares in well under a
    // second, so a drift pass over thousands of objects stays cheap.
    void bigObject()
    {
        QJsonObject data;
        for (int i = 0; i < 20000; ++i)
            data.insert(u"key-%1"_s.arg(i), u"value %1"_s.arg(i));
        const QJsonObject desired{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"big"_s}, {u"namespace"_s, u"default"_s}}}, {u"data"_s, data}};
        const QJsonObject applied = applyFresh(desired);
        QVERIFY(!applied.isEmpty());
        QJsonObject edits;
        for (int i = 0; i < 1000; ++i)
            edits.insert(u"extra-%1"_s.arg(i), u"x"_s);
        const QJsonObject live = patchLive(applied, u"kubectl-edit"_s,
            QJsonDocument(QJsonObject{{u"data"_s, edits}}).toJson(QJsonDocument::Compact));
        QVERIFY(!live.isEmpty());
        QElapsedTimer timer;
        timer.start();
        const ComparisonResult result = Comparison::compare(desired, live);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(result.differences.size(), 1000);
        QCOMPARE(result.differences.first().manager, u"kubectl-edit"_s);
        QVERIFY2(elapsed < 1000, qPrintable(u"%1 ms"_s.arg(elapsed)));
        qInfo() << "20,000-key ConfigMap with 1,000 edits compared in" << elapsed << "ms";
    }

    // Real live objects from gitops-engine's health fixtures that kept kubectl's
    // last-applied-configuration: that configuration is what was applied, and the
    // objects carry no managedFields, so this is the defaults table against a real server.
    void lastAppliedFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        const QString dir = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/objects/gitops-engine/health/");
        for (const QString& name : QDir(dir).entryList({u"*.yaml"_s}, QDir::Files, QDir::Name)) {
            const QJsonObject live = yamlFile(dir + name);
            if (!live.value(u"metadata").toObject().value(u"annotations").toObject().contains(
                    u"kubectl.kubernetes.io/last-applied-configuration"))
                continue;
            QStringList expected;
            if (name == u"deployment-suspended.yaml") // kubectl rollout pause: real drift
                expected = QStringList{u"Added /spec/paused"_s};
            if (name == u"pvc-bound.yaml") // an old hostpath provisioner's mark, writer unknown
                expected = QStringList{u"Added /metadata/annotations/control-plane.alpha.kubernetes.io~1leader"_s};
            QTest::newRow(qPrintable(name)) << dir + name << expected;
        }
    }
    void lastAppliedFixtures()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const QJsonObject live = yamlFile(file);
        const QJsonObject desired = QJsonDocument::fromJson(live.value(u"metadata")
                                                                 .toObject()
                                                                 .value(u"annotations")
                                                                 .toObject()
                                                                 .value(u"kubectl.kubernetes.io/last-applied-configuration")
                                                                 .toString()
                                                                 .toUtf8())
                                        .object();
        QVERIFY(!desired.isEmpty());
        const ComparisonResult result = Comparison::compare(desired, live);
        QCOMPARE(describe(result), expected);
    }

    // gitops-engine's server-side diff fixtures: real live objects from a cluster.
    void ssaDiffFixtures_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("live");
        QTest::addColumn<QStringList>("expected");
        // Argo CD applied (its Apply entry owns protocol: TCP, a server default: not
        // drift); Git has a third nginx port (8080) that was never applied.
        QTest::newRow("composite port keys")
            << u"ssd-deploy-composite-key-config.yaml"_s << u"ssd-deploy-composite-key-live.yaml"_s
            << QStringList{u"Removed /spec/template/spec/containers/0/ports/2"_s};
        // Git gained ENV_VAR2 and the https port after the live object was applied.
        QTest::newRow("nested") << u"ssd-deploy-nested-config.yaml"_s << u"ssd-deploy-nested-live.yaml"_s
                                << QStringList{u"Removed /spec/template/spec/containers/0/env/1"_s,
                                       u"Removed /spec/template/spec/containers/0/ports/1"_s};
        // Someone ran kubectl apply (client-side) adding an "idle" container Git does not
        // have: drift owned by kubectl-client-side-apply, which Argo CD's diff misses;
        // Git's https port on 40 was never applied.
        QTest::newRow("manual apply")
            << u"ssd-deploy-with-manual-apply-config.yaml"_s << u"ssd-deploy-with-manual-apply-live.yaml"_s
            << QStringList{u"Removed /spec/template/spec/containers/0/ports/1"_s,
                   u"Added /spec/template/spec/containers/1 (kubectl-client-side-apply)"_s};
        // Argo CD-applied Service with defaults (protocol, targetPort = port, clusterIP…): equal.
        QTest::newRow("service") << u"ssd-service-config.yaml"_s << u"ssd-service-live.yaml"_s << QStringList{};
        // A label another applier (argocd-controller) still owns and Git no longer has.
        QTest::newRow("service label") << u"ssd-svc-no-label-config.yaml"_s << u"ssd-svc-label-live.yaml"_s
                                       << QStringList{u"Added /metadata/labels/delete-me (argocd-controller)"_s};
    }
    void ssaDiffFixtures()
    {
        QFETCH(QString, config);
        QFETCH(QString, live);
        QFETCH(QStringList, expected);
        const QJsonObject desired = yamlFile(kSsaDiff + config);
        const QJsonObject liveObject = yamlFile(kSsaDiff + live);
        QVERIFY(!desired.isEmpty());
        QVERIFY(!liveObject.isEmpty());
        const ComparisonResult result = Comparison::compare(desired, liveObject);
        QCOMPARE(describe(result), expected);
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
