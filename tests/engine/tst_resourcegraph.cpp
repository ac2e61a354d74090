// The dependency graph of an application: real k3s objects (a Deployment, its
// ReplicaSet and Pod, a Service with its EndpointSlice) give the owner chain, the
// app's Contains edges, the uses and selects edges; hand-written objects give an
// edge of every other type, references to objects that exist nowhere (kept as
// missing nodes), folding of a large sibling set, and sync and health taken from
// an ApplicationDrift.
#include "engine/resourcegraph.h"
#include "kube/trackingid.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;

namespace {

const QString kDump = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/cluster-dump-k3s-v1.31/cluster-resources/");

QList<QJsonObject> itemsOf(const QString& kind)
{
    QFile file(kDump + kind + u"/kube-system.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> items;
    for (const QJsonValue& v : QJsonDocument::fromJson(file.readAll()).object().value(u"items"_s).toArray())
        items.append(v.toObject());
    return items;
}

QJsonObject named(const QList<QJsonObject>& items, const QString& name)
{
    for (const QJsonObject& o : items) {
        if (o[u"metadata"_s][u"name"_s].toString() == name)
            return o;
    }
    return {};
}

Resource resourceOf(const QJsonObject& o)
{
    return Resource(kube::LiveSnapshot::keyOf(o), o);
}

std::shared_ptr<const kube::LiveSnapshot> snapshotOf(const QList<QJsonObject>& objects, const ResourceList& desired)
{
    kube::LiveSnapshot::Input input;
    QHash<ResourceKey, QJsonObject> bucket;
    for (const QJsonObject& o : objects)
        bucket.insert(kube::LiveSnapshot::keyOf(o), o);
    input.buckets.insert(u"all"_s, bucket);
    for (const Resource& r : desired)
        input.desiredKeys.insert(r.key());
    input.complete = true;
    return kube::LiveSnapshot::build(input);
}

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& name, const QJsonObject& rest = {},
    const QString& ns = u"shop"_s)
{
    QJsonObject o = rest;
    o.insert(u"apiVersion"_s, apiVersion);
    o.insert(u"kind"_s, kind);
    QJsonObject metadata = o.value(u"metadata"_s).toObject();
    metadata.insert(u"name"_s, name);
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject fromJson(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

bool hasEdge(const ResourceGraph& g, EdgeType type, const QString& from, const QString& to)
{
    const QList<GraphEdge> out = g.edgesFrom(from);
    return std::any_of(out.begin(), out.end(), [&](const GraphEdge& e) { return e.type == type && e.to == to; });
}

QString edgeList(const ResourceGraph& g)
{
    QStringList lines;
    for (const GraphEdge& e : g.edges())
        lines << e.from + u" -"_s + ResourceGraph::edgeTypeName(e.type) + u"-> "_s + e.to;
    return lines.join(u'\n');
}

// A generated application of `deployments` x (Deployment, ReplicaSet, 5 Pods, ConfigMap,
// Service selecting the Pods, Secret): 10 nodes each (5 Pods stay below the fold
// threshold), in 6 namespaces. Trouble: Pod 3 of Deployment 17 failed, Deployment 42
// reads a ConfigMap that exists nowhere; `drift` (when given) makes Service 99
// OutOfSync and Deployment 150 Degraded.
struct Generated {
    std::shared_ptr<const kube::LiveSnapshot> live;
    ApplicationDrift drift;
};

QString ns(int i)
{
    return u"ns-%1"_s.arg(i % 6);
}

Generated generatedApplication(int deployments)
{
    QList<QJsonObject> objects;
    const auto tracked = [&](QJsonObject o) {
        objects.append(kube::TrackingId::annotated(o, u"big"_s, kube::LiveSnapshot::keyOf(o)));
    };
    for (int i = 0; i < deployments; ++i) {
        const QString name = u"d-%1"_s.arg(i, 3, 10, QChar(u'0'));
        const QString depUid = u"dep-"_s + name;
        const QString rsUid = u"rs-"_s + name;
        const QString rsName = name + u"-rs"_s;
        QJsonObject container {{u"name"_s, u"c"_s},
            {u"envFrom"_s, QJsonArray {QJsonObject {{u"configMapRef"_s, QJsonObject {{u"name"_s, name}}}}}}};
        if (i == 42)
            container[u"envFrom"_s] = QJsonArray {QJsonObject {{u"configMapRef"_s, QJsonObject {{u"name"_s, u"nowhere"_s}}}}};
        const QJsonObject labels {{u"app"_s, name}};
        const QJsonObject podSpec {{u"containers"_s, QJsonArray {container}},
            {u"volumes"_s, QJsonArray {QJsonObject {{u"name"_s, u"s"_s}, {u"secret"_s, QJsonObject {{u"secretName"_s, name}}}}}}};
        tracked(object(u"apps/v1"_s, u"Deployment"_s, name,
            QJsonObject {{u"metadata"_s, QJsonObject {{u"uid"_s, depUid}, {u"generation"_s, 1}}},
                {u"status"_s, fromJson(R"({"observedGeneration":1,"replicas":5,"updatedReplicas":5,"readyReplicas":5,
                    "availableReplicas":5})")},
                {u"spec"_s, QJsonObject {{u"replicas"_s, 5}, {u"template"_s, QJsonObject {{u"metadata"_s, QJsonObject {{u"labels"_s, labels}}},
                    {u"spec"_s, podSpec}}}}}},
            ns(i)));
        tracked(object(u"v1"_s, u"ConfigMap"_s, name, {}, ns(i)));
        tracked(object(u"v1"_s, u"Secret"_s, name, {}, ns(i)));
        tracked(object(u"v1"_s, u"Service"_s, name,
            QJsonObject {{u"spec"_s, QJsonObject {{u"selector"_s, labels}}}}, ns(i)));
        const QJsonObject rsOwner {{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"Deployment"_s}, {u"name"_s, name},
            {u"uid"_s, depUid}, {u"controller"_s, true}};
        objects.append(object(u"apps/v1"_s, u"ReplicaSet"_s, rsName,
            QJsonObject {{u"metadata"_s, QJsonObject {{u"uid"_s, rsUid}, {u"ownerReferences"_s, QJsonArray {rsOwner}}}},
                {u"status"_s, fromJson(R"({"replicas":5,"availableReplicas":5})")},
                {u"spec"_s, QJsonObject {{u"replicas"_s, 5},
                    {u"template"_s, QJsonObject {{u"metadata"_s, QJsonObject {{u"labels"_s, labels}}}}}}}},
            ns(i)));
        const QJsonObject podOwner {{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"ReplicaSet"_s},
            {u"name"_s, rsName}, {u"uid"_s, rsUid}, {u"controller"_s, true}};
        for (int p = 0; p < 5; ++p) {
            const bool failed = i == 17 && p == 3;
            objects.append(object(u"v1"_s, u"Pod"_s, rsName + u'-' + QString::number(p),
                QJsonObject {{u"metadata"_s, QJsonObject {{u"uid"_s, u"pod-%1-%2"_s.arg(name).arg(p)},
                                  {u"labels"_s, labels}, {u"ownerReferences"_s, QJsonArray {podOwner}}}},
                    {u"spec"_s, podSpec},
                    {u"status"_s, failed ? QJsonObject {{u"phase"_s, u"Failed"_s}}
                                         : fromJson(R"({"phase":"Running","conditions":[{"type":"Ready","status":"True"}]})")}},
                ns(i)));
        }
    }
    Generated g;
    g.live = snapshotOf(objects, {});
    g.drift.id = u"prod/big"_s;
    ResourceDrift service;
    service.key = {{}, {}, u"Service"_s, ns(99), u"d-099"_s};
    service.sync = SyncStatus::OutOfSync;
    service.health = {Health::Status::Healthy, {}};
    service.healthChecked = true;
    ResourceDrift deployment;
    deployment.key = {u"apps"_s, {}, u"Deployment"_s, ns(150), u"d-150"_s};
    deployment.sync = SyncStatus::Synced;
    deployment.health = {Health::Status::Degraded, u"Deployment exceeded its progress deadline"_s};
    deployment.healthChecked = true;
    g.drift.resources = {service, deployment};
    return g;
}

QStringList nodeIdsOf(const ResourceGraph& g)
{
    QStringList ids;
    for (const GraphNode& n : g.nodes())
        ids << n.id;
    return ids;
}

} // namespace

class TestResourceGraph : public QObject
{
    Q_OBJECT

private slots:
    void realClusterObjects()
    {
        const QList<QJsonObject> deployments = itemsOf(u"deployments"_s);
        const QList<QJsonObject> services = itemsOf(u"services"_s);
        const QList<QJsonObject> configMaps = itemsOf(u"configmaps"_s);
        const QList<QJsonObject> accounts = itemsOf(u"serviceaccounts"_s);
        QVERIFY(!deployments.isEmpty());
        QList<QJsonObject> all = deployments + services + configMaps + accounts + itemsOf(u"replicasets"_s)
            + itemsOf(u"pods"_s) + itemsOf(u"endpointslices"_s);
        const ResourceList desired {resourceOf(named(deployments, u"coredns"_s)),
            resourceOf(named(services, u"kube-dns"_s)), resourceOf(named(configMaps, u"coredns"_s)),
            resourceOf(named(accounts, u"coredns"_s))};
        const auto live = snapshotOf(all, desired);
        const ResourceGraph g = ResourceGraph::build({u"dns"_s, desired, live.get(), nullptr, {}});

        const QString app = u"app:dns"_s;
        const QString deployment = u"apps/Deployment/kube-system/coredns"_s;
        const QString replicaSet = u"apps/ReplicaSet/kube-system/coredns-56f6fc8fd7"_s;
        const QString pod = u"Pod/kube-system/coredns-56f6fc8fd7-p4x9z"_s;
        const QString service = u"Service/kube-system/kube-dns"_s;
        const QString slice = u"discovery.k8s.io/EndpointSlice/kube-system/kube-dns-zvp9g"_s;
        const QString configMap = u"ConfigMap/kube-system/coredns"_s;
        const QString account = u"ServiceAccount/kube-system/coredns"_s;
        QCOMPARE(g.rootId(), app);
        for (const QString& id : {deployment, replicaSet, pod, service, slice, configMap, account}) {
            QVERIFY2(g.node(id), qPrintable(id));
            QVERIFY(g.node(id)->live);
            QVERIFY(!g.node(id)->missing);
        }
        QVERIFY(g.node(deployment)->inGit);
        QVERIFY(!g.node(pod)->inGit);
        QCOMPARE(g.node(deployment)->key.kind, u"Deployment"_s);
        QCOMPARE(g.node(pod)->namespace_, u"kube-system"_s);

        // Owner chain Deployment -> ReplicaSet -> Pod; the Service owns its EndpointSlice.
        QVERIFY2(hasEdge(g, EdgeType::Owns, deployment, replicaSet), qPrintable(edgeList(g)));
        QVERIFY(hasEdge(g, EdgeType::Owns, replicaSet, pod));
        QVERIFY(hasEdge(g, EdgeType::Owns, service, slice));
        // The application contains what Git holds, not the children.
        for (const QString& id : {deployment, service, configMap, account})
            QVERIFY2(hasEdge(g, EdgeType::Contains, app, id), qPrintable(id));
        QCOMPARE(g.edgesFrom(app).size(), 4);
        QVERIFY(g.edgesTo(replicaSet).size() == 1);

        // The pod template mounts the coredns ConfigMap and runs as its ServiceAccount;
        // the optional coredns-custom ConfigMap, absent, is no missing node.
        QVERIFY(hasEdge(g, EdgeType::Uses, deployment, configMap));
        QCOMPARE(g.edgesTo(configMap).constLast().detail, u"volume config-volume"_s);
        QVERIFY(hasEdge(g, EdgeType::Uses, deployment, account));
        QVERIFY(!g.node(u"ConfigMap/kube-system/coredns-custom"_s));
        // The Pod repeats its template: no second set of uses edges.
        QVERIFY(!hasEdge(g, EdgeType::Uses, pod, configMap));

        // kube-dns selects the Pod and the Deployment whose template carries the labels, not the ReplicaSet.
        QVERIFY(hasEdge(g, EdgeType::Selects, service, pod));
        QVERIFY(hasEdge(g, EdgeType::Selects, service, deployment));
        QVERIFY(!hasEdge(g, EdgeType::Selects, service, replicaSet));

        // Health of a live child is judged from its object.
        const QJsonObject podObject = named(itemsOf(u"pods"_s), u"coredns-56f6fc8fd7-p4x9z"_s);
        QVERIFY(g.node(pod)->health.has_value());
        QCOMPARE(*g.node(pod)->health, HealthAssessor::assess(podObject).status);
        QVERIFY(!g.node(configMap)->health.has_value()); // a ConfigMap has no health
    }

    void edgeTypes_data()
    {
        QTest::addColumn<QByteArray>("objects"); // a JSON array of objects in Git
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("missing"); // the target exists nowhere

        QTest::newRow("uses: pvc and projected secret of a Pod")
            << QByteArray(R"([{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},
                "spec":{"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data"}},
                {"name":"all","projected":{"sources":[{"secret":{"name":"tls"}}]}}],"containers":[{"name":"c"}]}},
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"shop"}}])")
            << int(EdgeType::Uses) << u"Pod/shop/p"_s << u"PersistentVolumeClaim/shop/data"_s << false;
        QTest::newRow("uses: projected secret, absent")
            << QByteArray(R"([{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},
                "spec":{"volumes":[{"name":"all","projected":{"sources":[{"secret":{"name":"tls"}}]}}],"containers":[{"name":"c"}]}}])")
            << int(EdgeType::Uses) << u"Pod/shop/p"_s << u"Secret/shop/tls"_s << true;
        QTest::newRow("uses: CronJob env configMapKeyRef")
            << QByteArray(R"([{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly","namespace":"shop"},
                "spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"MODE",
                "valueFrom":{"configMapKeyRef":{"name":"settings","key":"mode"}}}]}]}}}}}},
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"shop"}}])")
            << int(EdgeType::Uses) << u"batch/CronJob/shop/nightly"_s << u"ConfigMap/shop/settings"_s << false;
        QTest::newRow("uses: imagePullSecrets, absent")
            << QByteArray(R"([{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"shop"},
                "spec":{"template":{"spec":{"imagePullSecrets":[{"name":"registry"}],"containers":[{"name":"c"}]}}}}])")
            << int(EdgeType::Uses) << u"apps/DaemonSet/shop/agent"_s << u"Secret/shop/registry"_s << true;
        QTest::newRow("selects: NetworkPolicy matchExpressions -> Deployment")
            << QByteArray(R"([{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"np","namespace":"shop"},
                "spec":{"podSelector":{"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]}]}}},
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
                "spec":{"template":{"metadata":{"labels":{"tier":"web"}},"spec":{"containers":[{"name":"c"}]}}}}])")
            << int(EdgeType::Selects) << u"networking.k8s.io/NetworkPolicy/shop/np"_s << u"apps/Deployment/shop/web"_s
            << false;
        QTest::newRow("selects: PodDisruptionBudget -> StatefulSet")
            << QByteArray(R"([{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"pdb","namespace":"shop"},
                "spec":{"selector":{"matchLabels":{"app":"db"}}}},
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"shop"},
                "spec":{"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c"}]}}}}])")
            << int(EdgeType::Selects) << u"policy/PodDisruptionBudget/shop/pdb"_s << u"apps/StatefulSet/shop/db"_s << false;
        QTest::newRow("routes: Ingress rule -> Service")
            << QByteArray(R"([{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"in","namespace":"shop"},
                "spec":{"rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix",
                "backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}},
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{}}])")
            << int(EdgeType::Routes) << u"networking.k8s.io/Ingress/shop/in"_s << u"Service/shop/web"_s << false;
        QTest::newRow("routes: Ingress defaultBackend -> absent Service")
            << QByteArray(R"([{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"in","namespace":"shop"},
                "spec":{"defaultBackend":{"service":{"name":"ghost","port":{"number":80}}}}}])")
            << int(EdgeType::Routes) << u"networking.k8s.io/Ingress/shop/in"_s << u"Service/shop/ghost"_s << true;
        QTest::newRow("routes: HTTPRoute backendRefs -> Service")
            << QByteArray(R"([{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"r","namespace":"shop"},
                "spec":{"rules":[{"backendRefs":[{"name":"web","port":80}]}]}},
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{}}])")
            << int(EdgeType::Routes) << u"gateway.networking.k8s.io/HTTPRoute/shop/r"_s << u"Service/shop/web"_s << false;
        QTest::newRow("scales: HPA -> Deployment")
            << QByteArray(R"([{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"shop"},
                "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5}},
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{}}])")
            << int(EdgeType::Scales) << u"autoscaling/HorizontalPodAutoscaler/shop/web"_s << u"apps/Deployment/shop/web"_s
            << false;
        QTest::newRow("scales: HPA -> absent StatefulSet")
            << QByteArray(R"([{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"db","namespace":"shop"},
                "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db"},"maxReplicas":5}}])")
            << int(EdgeType::Scales) << u"autoscaling/HorizontalPodAutoscaler/shop/db"_s << u"apps/StatefulSet/shop/db"_s
            << true;
        const QByteArray roleBinding = R"([{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
            "metadata":{"name":"rb","namespace":"shop"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},
            "subjects":[{"kind":"ServiceAccount","name":"web"},{"kind":"User","name":"alice"}]},
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader","namespace":"shop"}},
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web","namespace":"shop"}}])";
        QTest::newRow("binds: RoleBinding -> Role")
            << roleBinding << int(EdgeType::Binds) << u"rbac.authorization.k8s.io/RoleBinding/shop/rb"_s
            << u"rbac.authorization.k8s.io/Role/shop/reader"_s << false;
        QTest::newRow("binds: RoleBinding -> ServiceAccount subject")
            << roleBinding << int(EdgeType::Binds) << u"rbac.authorization.k8s.io/RoleBinding/shop/rb"_s
            << u"ServiceAccount/shop/web"_s << false;
        QTest::newRow("binds: ClusterRoleBinding -> built-in ClusterRole")
            << QByteArray(R"([{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"crb"},
                "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
                "subjects":[{"kind":"ServiceAccount","name":"web","namespace":"shop"}]},
                {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web","namespace":"shop"}}])")
            << int(EdgeType::Binds) << u"rbac.authorization.k8s.io/ClusterRoleBinding//crb"_s
            << u"rbac.authorization.k8s.io/ClusterRole//view"_s << false;
        QTest::newRow("binds: ClusterRoleBinding -> absent ClusterRole")
            << QByteArray(R"([{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"crb"},
                "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"shop-reader"}}])")
            << int(EdgeType::Binds) << u"rbac.authorization.k8s.io/ClusterRoleBinding//crb"_s
            << u"rbac.authorization.k8s.io/ClusterRole//shop-reader"_s << true;
    }

    void edgeTypes()
    {
        QFETCH(QByteArray, objects);
        QFETCH(int, type);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, missing);
        QJsonParseError error;
        const QJsonArray array = QJsonDocument::fromJson(objects, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        ResourceList desired;
        for (const QJsonValue& v : array)
            desired.append(resourceOf(v.toObject()));
        const ResourceGraph g = ResourceGraph::build({u"shop"_s, desired, nullptr, nullptr, {}});
        QVERIFY2(hasEdge(g, EdgeType(type), from, to), qPrintable(edgeList(g)));
        const GraphNode* target = g.node(to);
        QVERIFY(target);
        QCOMPARE(target->missing, missing);
        QCOMPARE(target->inGit, !missing && !target->external);
        if (missing) {
            QCOMPARE(target->health, std::optional(Health::Status::Missing));
            QVERIFY2(target->reason.contains(g.node(from)->key.displayName()), qPrintable(target->reason));
            QVERIFY(!hasEdge(g, EdgeType::Contains, g.rootId(), to)); // not the application's
        }
        // Exactly one edge of that type between the two, whatever references it twice.
        const QList<GraphEdge> out = g.edgesFrom(from);
        QCOMPARE(std::count_if(out.begin(), out.end(), [&](const GraphEdge& e) { return e.to == to && e.type == EdgeType(type); }), 1);
    }

    void missingReferences()
    {
        // Git only, nothing applied yet: a Deployment reading an absent ConfigMap and Secret,
        // an Ingress routing to an absent Service and to one that exists, and a Service
        // selecting no Pods (that is not a missing node).
        const QJsonObject deployment = fromJson(R"({"apiVersion":"apps/v1","kind":"Deployment",
            "metadata":{"name":"web","namespace":"shop"},"spec":{"template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"volumes":[{"name":"cfg","configMap":{"name":"settings"}},
                                {"name":"extra","secret":{"secretName":"extra","optional":true}}],
            "containers":[{"name":"web","envFrom":[{"configMapRef":{"name":"settings"}}],
            "env":[{"name":"DB","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}]}]}}}})");
        const QJsonObject ingress = fromJson(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress",
            "metadata":{"name":"shop","namespace":"shop"},"spec":{"rules":[{"host":"shop.example.com","http":{"paths":[
            {"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}},
            {"path":"/api","backend":{"service":{"name":"api","port":{"number":80}}}}]}}]}})");
        const QJsonObject service = object(u"v1"_s, u"Service"_s, u"web"_s,
            fromJson(R"({"spec":{"selector":{"app":"nothing-has-this"}}})"));
        const ResourceList desired {resourceOf(deployment), resourceOf(ingress), resourceOf(service)};
        const ResourceGraph g = ResourceGraph::build({u"shop"_s, desired, nullptr, nullptr, {}});

        const QString dep = u"apps/Deployment/shop/web"_s;
        const QString ing = u"networking.k8s.io/Ingress/shop/shop"_s;
        for (const QString& id : {u"ConfigMap/shop/settings"_s, u"Secret/shop/db"_s, u"Service/shop/api"_s}) {
            const GraphNode* n = g.node(id);
            QVERIFY2(n, qPrintable(id));
            QVERIFY(n->missing);
            QVERIFY(!n->live);
            QVERIFY(!n->inGit);
        }
        QVERIFY(hasEdge(g, EdgeType::Uses, dep, u"ConfigMap/shop/settings"_s));
        QVERIFY(hasEdge(g, EdgeType::Uses, dep, u"Secret/shop/db"_s));
        QVERIFY(hasEdge(g, EdgeType::Routes, ing, u"Service/shop/api"_s));
        QVERIFY(hasEdge(g, EdgeType::Routes, ing, u"Service/shop/web"_s));
        QVERIFY(!g.node(u"Service/shop/web"_s)->missing);
        QVERIFY(!g.node(u"Secret/shop/extra"_s)); // optional: absent is fine
        // Mounted and read through envFrom: one edge naming both.
        const QList<GraphEdge> toSettings = g.edgesTo(u"ConfigMap/shop/settings"_s);
        QCOMPARE(toSettings.size(), 1);
        QCOMPARE(toSettings.first().detail, u"volume cfg, envFrom"_s);
        // The route detail says which rule.
        const QList<GraphEdge> toApi = g.edgesTo(u"Service/shop/api"_s);
        QCOMPARE(toApi.first().detail, u"shop.example.com/api"_s);
        // The Service selects nothing: no selects edge, nothing missing.
        QVERIFY(g.edgesFrom(u"Service/shop/web"_s).isEmpty());
        // The implicit "default" ServiceAccount is not in the picture.
        QVERIFY(!g.node(u"ServiceAccount/shop/default"_s));

        // Told that the Secret exists in the cluster (made by hand), it is external, not missing.
        const ResourceGraph told = ResourceGraph::build(
            {u"shop"_s, desired, nullptr, nullptr, {ResourceKey {{}, {}, u"Secret"_s, u"shop"_s, u"db"_s}}});
        QVERIFY(!told.node(u"Secret/shop/db"_s)->missing);
        QVERIFY(told.node(u"Secret/shop/db"_s)->external);
        QVERIFY(told.node(u"Secret/shop/db"_s)->live);
    }

    void folding()
    {
        // A tracked Deployment, its ReplicaSet, 12 Pods (3 failed) and a Service selecting them.
        const ResourceKey depKey {u"apps"_s, {}, u"Deployment"_s, u"shop"_s, u"web"_s};
        QJsonObject deployment = object(u"apps/v1"_s, u"Deployment"_s, u"web"_s,
            fromJson(R"({"metadata":{"uid":"dep-1"},"spec":{"template":{"metadata":{"labels":{"app":"web"}},
                "spec":{"containers":[{"name":"c"}]}}}})"));
        deployment = kube::TrackingId::annotated(deployment, u"shop"_s, depKey);
        const QJsonObject replicaSet = object(u"apps/v1"_s, u"ReplicaSet"_s, u"web-1"_s,
            fromJson(R"({"metadata":{"uid":"rs-1","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment",
                "name":"web","uid":"dep-1","controller":true}]},"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}})"));
        QList<QJsonObject> objects {deployment, replicaSet,
            object(u"v1"_s, u"Service"_s, u"web"_s, fromJson(R"({"spec":{"selector":{"app":"web"}}})"))};
        objects.last() = kube::TrackingId::annotated(objects.last(), u"shop"_s, kube::LiveSnapshot::keyOf(objects.last()));
        objects.append(object(u"v1"_s, u"Endpoints"_s, u"web"_s)); // no ownerReference: found by name
        for (int i = 0; i < 12; ++i) {
            QJsonObject pod = fromJson(R"({"metadata":{"labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1",
                "kind":"ReplicaSet","name":"web-1","uid":"rs-1","controller":true}]},
                "spec":{"containers":[{"name":"c"}]},
                "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}})");
            if (i >= 9)
                pod[u"status"_s] = fromJson(R"({"phase":"Failed"})");
            QJsonObject metadata = pod[u"metadata"_s].toObject();
            metadata[u"uid"_s] = u"pod-%1"_s.arg(i);
            pod[u"metadata"_s] = metadata;
            objects.append(object(u"v1"_s, u"Pod"_s, u"web-1-%1"_s.arg(i, 2, 10, QChar(u'0')), pod));
        }
        const auto live = snapshotOf(objects, {});
        const ResourceGraph g = ResourceGraph::build({u"shop"_s, {}, live.get(), nullptr, {}});
        const QString dep = u"apps/Deployment/shop/web"_s;
        const QString rs = u"apps/ReplicaSet/shop/web-1"_s;
        const QString svc = u"Service/shop/web"_s;
        QCOMPARE(g.nodes().size(), 1 + 4 + 12);
        QVERIFY(hasEdge(g, EdgeType::Owns, svc, u"Endpoints/shop/web"_s));
        QVERIFY(g.node(dep)->live && !g.node(dep)->inGit);
        QVERIFY2(hasEdge(g, EdgeType::Contains, g.rootId(), dep), qPrintable(edgeList(g)));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), svc));
        QVERIFY(!hasEdge(g, EdgeType::Contains, g.rootId(), rs));
        QCOMPARE(g.edgesFrom(rs).size(), 12);

        const QString group = u"group:apps/ReplicaSet/shop/web-1/Pod"_s;
        const ResourceGraph folded = ResourceGraph::fold(g);
        QCOMPARE(folded.nodes().size(), 1 + 4 + 1);
        const GraphNode* n = folded.node(group);
        QVERIFY(n);
        QCOMPARE(n->type, GraphNode::Type::Group);
        QCOMPARE(n->name, u"12 Pods"_s);
        QCOMPARE(n->kind, u"Pod"_s);
        QCOMPARE(n->members.size(), 12);
        QCOMPARE(n->members.first(), u"Pod/shop/web-1-00"_s);
        QCOMPARE(n->healthCounts.value(Health::Status::Healthy), 9);
        QCOMPARE(n->healthCounts.value(Health::Status::Degraded), 3);
        QCOMPARE(n->health, std::optional(Health::Status::Degraded)); // the worst member shows
        QVERIFY(!folded.node(u"Pod/shop/web-1-00"_s));
        // Edges of the members move to the group, once.
        QCOMPARE(folded.edgesFrom(rs).size(), 1);
        QVERIFY(hasEdge(folded, EdgeType::Owns, rs, group));
        QVERIFY(hasEdge(folded, EdgeType::Selects, svc, group));
        QVERIFY(hasEdge(folded, EdgeType::Selects, svc, dep));
        QCOMPARE(folded.edgesFrom(svc).size(), 3); // and owns its Endpoints
        for (const GraphEdge& e : folded.edges())
            QVERIFY2(folded.node(e.from) && folded.node(e.to), qPrintable(e.from + u" -> "_s + e.to));

        // Expanded, the group shows its Pods again.
        const ResourceGraph expanded = ResourceGraph::fold(g, ResourceGraph::DefaultFoldThreshold, {group});
        QVERIFY(!expanded.node(group));
        QCOMPARE(expanded.nodes().size(), g.nodes().size());
        QVERIFY(hasEdge(expanded, EdgeType::Owns, rs, u"Pod/shop/web-1-11"_s));
        // The threshold: 12 siblings fold above 11, not at 12.
        QVERIFY(ResourceGraph::fold(g, 11).node(group));
        QVERIFY(!ResourceGraph::fold(g, 12).node(group));
    }

    void largeApplication()
    {
        // 5,000 Pods of one ReplicaSet selected by a Service fold into one node, quickly.
        QJsonObject deployment = object(u"apps/v1"_s, u"Deployment"_s, u"web"_s,
            fromJson(R"({"metadata":{"uid":"dep-1"},"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}})"));
        deployment = kube::TrackingId::annotated(deployment, u"shop"_s, kube::LiveSnapshot::keyOf(deployment));
        QJsonObject service = object(u"v1"_s, u"Service"_s, u"web"_s, fromJson(R"({"spec":{"selector":{"app":"web"}}})"));
        service = kube::TrackingId::annotated(service, u"shop"_s, kube::LiveSnapshot::keyOf(service));
        QList<QJsonObject> objects {deployment, service,
            object(u"apps/v1"_s, u"ReplicaSet"_s, u"web-1"_s,
                fromJson(R"({"metadata":{"uid":"rs-1","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment",
                    "name":"web","uid":"dep-1","controller":true}]}})"))};
        const QJsonObject pod = fromJson(R"({"metadata":{"labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1",
            "kind":"ReplicaSet","name":"web-1","uid":"rs-1","controller":true}]},"status":{"phase":"Pending"}})");
        for (int i = 0; i < 5000; ++i) {
            QJsonObject p = object(u"v1"_s, u"Pod"_s, u"web-1-%1"_s.arg(i), pod);
            QJsonObject metadata = p[u"metadata"_s].toObject();
            metadata[u"uid"_s] = u"pod-%1"_s.arg(i);
            p[u"metadata"_s] = metadata;
            objects.append(p);
        }
        const auto live = snapshotOf(objects, {});
        QElapsedTimer timer;
        timer.start();
        const ResourceGraph g = ResourceGraph::build({u"shop"_s, {}, live.get(), nullptr, {}});
        const qint64 built = timer.elapsed();
        const ResourceGraph folded = ResourceGraph::fold(g);
        qInfo("5,000 Pods: build %lld ms, fold %lld ms", built, timer.elapsed() - built);
        QCOMPARE(g.nodes().size(), 1 + 3 + 5000);
        QCOMPARE(g.edgesFrom(u"Service/shop/web"_s).size(), 5001); // the Pods and the Deployment
        QCOMPARE(folded.nodes().size(), 1 + 3 + 1);
        const GraphNode* group = folded.node(u"group:apps/ReplicaSet/shop/web-1/Pod"_s);
        QVERIFY(group);
        QCOMPARE(group->healthCounts.value(Health::Status::Progressing), 5000);
        QCOMPARE(folded.edges().size(), 2 + 1 + 1 + 2); // contains ×2, owns ×2, selects ×2
    }

    void simplifyKeepsWhatNeedsAttention()
    {
        const Generated generated = generatedApplication(300);
        const ResourceGraph full = ResourceGraph::build({u"big"_s, {}, generated.live.get(), &generated.drift, {}});
        const ResourceGraph folded = ResourceGraph::fold(full);
        // 300 x 10 and the root, and the ConfigMap that exists nowhere (d-042 reads it
        // instead of its own, which is still there).
        QCOMPARE(folded.nodes().size(), 1 + 300 * 10 + 1);
        const QString failedPod = u"Pod/ns-5/d-017-rs-3"_s;
        const QString missing = u"ConfigMap/ns-0/nowhere"_s;
        const QString outOfSync = u"Service/ns-3/d-099"_s;
        const QString degraded = u"apps/Deployment/ns-0/d-150"_s;
        QCOMPARE(folded.node(failedPod)->health, std::optional(Health::Status::Degraded));
        QVERIFY(folded.node(missing)->missing);
        QCOMPARE(folded.node(outOfSync)->sync, std::optional(SyncStatus::OutOfSync));
        QCOMPARE(folded.node(degraded)->health, std::optional(Health::Status::Degraded));

        QElapsedTimer timer;
        timer.start();
        const ResourceGraph::Simplified simple = ResourceGraph::simplify(folded);
        qInfo("simplify: %d nodes shown as %d in %lld ms", simple.nodesBefore, simple.nodesShown, timer.elapsed());
        const ResourceGraph& g = simple.graph;
        QCOMPARE(simple.nodesBefore, int(folded.nodes().size()));
        QCOMPARE(simple.nodesShown, int(g.nodes().size()));
        QVERIFY(simple.simplified());
        QVERIFY2(g.nodes().size() <= ResourceGraph::DefaultMaxNodes, qPrintable(QString::number(g.nodes().size())));
        QCOMPARE(g.rootId(), folded.rootId());

        // Every node that needs attention stays, and so does its way to the root.
        int attention = 0;
        for (const GraphNode& n : folded.nodes()) {
            if (ResourceGraph::needsAttention(n)) {
                ++attention;
                QVERIFY2(g.node(n.id), qPrintable(n.id));
            }
        }
        QCOMPARE(attention, 4);
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), u"apps/Deployment/ns-5/d-017"_s));
        QVERIFY(hasEdge(g, EdgeType::Owns, u"apps/Deployment/ns-5/d-017"_s, u"apps/ReplicaSet/ns-5/d-017-rs"_s));
        QVERIFY(hasEdge(g, EdgeType::Owns, u"apps/ReplicaSet/ns-5/d-017-rs"_s, failedPod));
        QVERIFY(hasEdge(g, EdgeType::Uses, u"apps/Deployment/ns-0/d-042"_s, missing));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), u"apps/Deployment/ns-0/d-042"_s));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), outOfSync));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), degraded));

        // Nothing is lost: each resource is a node or a member of exactly one group or summary.
        QHash<QString, int> shownBy;
        for (const GraphNode& n : g.nodes()) {
            if (n.type == GraphNode::Type::Group) {
                for (const QString& m : n.members)
                    ++shownBy[m];
            } else {
                ++shownBy[n.id];
            }
        }
        for (const GraphNode& n : full.nodes())
            QVERIFY2(shownBy.value(n.id) == 1, qPrintable(n.id + u" shown "_s + QString::number(shownBy.value(n.id))));
        QCOMPARE(shownBy.size(), full.nodes().size());
        for (const GraphEdge& e : g.edges())
            QVERIFY2(g.node(e.from) && g.node(e.to), qPrintable(e.from + u" -> "_s + e.to));
        QVERIFY(simple.resourcesHidden > 2000);

        // A healthy Deployment's Pods are behind a summary that says so; the view finds them.
        const QString summary = ResourceGraph::nodeShowing(g, {{}, {}, u"Pod"_s, u"ns-1"_s, u"d-001-rs-0"_s});
        QVERIFY2(summary.startsWith(u"summary:"_s), qPrintable(summary));
        QVERIFY2(g.node(summary)->name.endsWith(u" more · healthy"_s), qPrintable(g.node(summary)->name));
        QCOMPARE(g.node(summary)->health, std::optional(Health::Status::Healthy));
        // A selection without the root: the chosen Pod leads, with its owner and the Service selecting it.
        const ResourceGraph pod = ResourceGraph::selection(full, {{{}, u"v1"_s, u"Pod"_s, u"ns-1"_s, u"d-001-rs-0"_s}});
        QCOMPARE(pod.rootId(), u"Pod/ns-1/d-001-rs-0"_s);
        QCOMPARE(nodeIdsOf(pod).size(), 3);
        QVERIFY(hasEdge(pod, EdgeType::Owns, u"apps/ReplicaSet/ns-1/d-001-rs"_s, pod.rootId()));
        QVERIFY(hasEdge(pod, EdgeType::Selects, u"Service/ns-1/d-001"_s, pod.rootId()));
        // Deterministic.
        const ResourceGraph::Simplified again = ResourceGraph::simplify(folded);
        QCOMPARE(nodeIdsOf(again.graph), nodeIdsOf(g));
        QCOMPARE(again.graph.edges(), g.edges());

        // A summary asked to stay expanded is not made; one smaller step does (the limit
        // then may not be reached, which is fine: the person asked for it).
        const ResourceGraph::Simplified expanded = ResourceGraph::simplify(folded, 1000, {summary});
        QVERIFY(!expanded.graph.node(summary));

        // Under the limit nothing changes; a tighter limit collapses more, keeping the same nodes.
        const ResourceGraph::Simplified same = ResourceGraph::simplify(folded, 5000);
        QVERIFY(!same.simplified());
        QCOMPARE(nodeIdsOf(same.graph), nodeIdsOf(folded));
        const ResourceGraph::Simplified tight = ResourceGraph::simplify(folded, 100);
        QVERIFY2(tight.nodesShown <= 100, qPrintable(QString::number(tight.nodesShown)));
        for (const QString& id : {failedPod, missing, outOfSync, degraded, u"apps/ReplicaSet/ns-5/d-017-rs"_s})
            QVERIFY2(tight.graph.node(id), qPrintable(id));
    }

    void environmentGraph()
    {
        // Two applications of "staging": web holds the ConfigMap both read; api only reads it.
        const QJsonObject configMap = object(u"v1"_s, u"ConfigMap"_s, u"shared"_s);
        const auto deployment = [](const QString& name) {
            return object(u"apps/v1"_s, u"Deployment"_s, name,
                fromJson(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"shared"}}]}]}}}})"));
        };
        const QJsonObject service = object(u"v1"_s, u"Service"_s, u"api"_s, fromJson(R"({"spec":{"selector":{"app":"api"}}})"));
        ResourceGraph::EnvironmentInput input;
        input.environment = u"staging"_s;
        input.applications = {{u"web"_s, {resourceOf(configMap), resourceOf(deployment(u"web"_s))}, nullptr},
            {u"api"_s, {resourceOf(deployment(u"api"_s)), resourceOf(service)}, nullptr}};
        EnvironmentDrift drift;
        drift.sync = SyncStatus::OutOfSync;
        drift.health = Health::Status::Progressing;
        input.drift = &drift;
        const ResourceGraph g = ResourceGraph::buildEnvironment(input);

        QCOMPARE(g.rootId(), u"env:staging"_s);
        QCOMPARE(g.node(g.rootId())->type, GraphNode::Type::Application);
        QCOMPARE(g.node(g.rootId())->kind, u"Environment"_s);
        QCOMPARE(g.node(g.rootId())->sync, std::optional(SyncStatus::OutOfSync));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), u"app:web"_s));
        QVERIFY(hasEdge(g, EdgeType::Contains, g.rootId(), u"app:api"_s));
        // Every node and edge of each application's own graph.
        for (const auto& application : input.applications) {
            const ResourceGraph one = ResourceGraph::build({application.name, application.desired, nullptr, nullptr, {}});
            for (const GraphNode& n : one.nodes())
                QVERIFY2(g.node(n.id), qPrintable(n.id));
            for (const GraphEdge& e : one.edges())
                QVERIFY2(hasEdge(g, e.type, e.from, e.to), qPrintable(e.from + u" -> "_s + e.to));
        }
        QCOMPARE(g.nodes().size(), 1 + 2 + 4);
        // api alone sees the ConfigMap as missing; in the environment web holds it.
        const QString shared = u"ConfigMap/shop/shared"_s;
        QVERIFY(ResourceGraph::build({u"api"_s, input.applications.at(1).desired, nullptr, nullptr, {}}).node(shared)->missing);
        QVERIFY(!g.node(shared)->missing);
        QVERIFY(g.node(shared)->inGit);
        QVERIFY(hasEdge(g, EdgeType::Uses, u"apps/Deployment/shop/web"_s, shared));
        QVERIFY(hasEdge(g, EdgeType::Uses, u"apps/Deployment/shop/api"_s, shared));
        QVERIFY(hasEdge(g, EdgeType::Contains, u"app:web"_s, shared));
        QVERIFY(!hasEdge(g, EdgeType::Contains, u"app:api"_s, shared));
        QCOMPARE(g.edgesTo(shared).size(), 3);

        // An empty environment is its root alone.
        ResourceGraph::EnvironmentInput empty;
        empty.environment = u"prod"_s;
        QCOMPARE(ResourceGraph::buildEnvironment(empty).nodes().size(), 1);
    }

    void selectionGraph()
    {
        const QJsonObject configMap = object(u"v1"_s, u"ConfigMap"_s, u"shared"_s);
        const auto deployment = [](const QString& name) {
            return object(u"apps/v1"_s, u"Deployment"_s, name,
                fromJson(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"shared"}}]}]}}}})"));
        };
        const QJsonObject ingress = fromJson(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress",
            "metadata":{"name":"shop","namespace":"shop"},"spec":{"defaultBackend":{"service":{"name":"api","port":{"number":80}}}}})");
        const QJsonObject service = object(u"v1"_s, u"Service"_s, u"api"_s);
        const ResourceList desired {resourceOf(configMap), resourceOf(deployment(u"web"_s)), resourceOf(deployment(u"api"_s)),
            resourceOf(service), resourceOf(ingress)};
        const ResourceGraph g = ResourceGraph::build({u"shop"_s, desired, nullptr, nullptr, {}});
        QCOMPARE(g.nodes().size(), 6);

        // The Service: the Ingress routing to it and the application containing it.
        const ResourceGraph one = ResourceGraph::selection(g, {{{}, u"v1"_s, u"Service"_s, u"shop"_s, u"api"_s}});
        QCOMPARE(nodeIdsOf(one), (QStringList {u"app:shop"_s, u"Service/shop/api"_s, u"networking.k8s.io/Ingress/shop/shop"_s}));
        QCOMPARE(one.rootId(), u"app:shop"_s);
        QVERIFY(hasEdge(one, EdgeType::Routes, u"networking.k8s.io/Ingress/shop/shop"_s, u"Service/shop/api"_s));
        QVERIFY(hasEdge(one, EdgeType::Contains, u"app:shop"_s, u"Service/shop/api"_s));
        QCOMPARE(one.edges().size(), 3); // and the application contains the Ingress

        // Two selected: the ConfigMap's readers are its neighbours; the web Deployment's
        // neighbours too; edges only among the chosen and their neighbours.
        const ResourceGraph two = ResourceGraph::selectionOfNodes(g, {u"ConfigMap/shop/shared"_s, u"Service/shop/api"_s});
        for (const QString& id : {u"apps/Deployment/shop/web"_s, u"apps/Deployment/shop/api"_s, u"ConfigMap/shop/shared"_s,
                 u"Service/shop/api"_s, u"app:shop"_s, u"networking.k8s.io/Ingress/shop/shop"_s})
            QVERIFY2(two.node(id), qPrintable(id));
        QCOMPARE(two.nodes().size(), 6);
        for (const GraphEdge& e : two.edges())
            QVERIFY(two.node(e.from) && two.node(e.to));
        QCOMPARE(two.edges().size(), g.edges().size());

        // Unknown keys are skipped.
        QVERIFY(ResourceGraph::selection(g, {{{}, {}, u"Secret"_s, u"shop"_s, u"none"_s}}).nodes().isEmpty());
    }

    void syncAndHealthFromDrift()
    {
        const QJsonObject configMap = object(u"v1"_s, u"ConfigMap"_s, u"settings"_s);
        const QJsonObject deployment = object(u"apps/v1"_s, u"Deployment"_s, u"web"_s,
            fromJson(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"settings"}}]}]}}}})"));
        const ResourceList desired {resourceOf(configMap), resourceOf(deployment)};

        ApplicationDrift drift;
        drift.id = u"staging/web"_s;
        drift.sync = SyncStatus::OutOfSync;
        drift.health = Health::Status::Degraded;
        drift.reason = u"1 OutOfSync"_s;
        ResourceDrift cm;
        cm.key = {{}, u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s};
        cm.sync = SyncStatus::Synced;
        cm.health = {Health::Status::Healthy, {}};
        cm.healthChecked = false;
        ResourceDrift dep;
        dep.key = {u"apps"_s, {}, u"Deployment"_s, u"shop"_s, u"web"_s};
        dep.sync = SyncStatus::OutOfSync;
        dep.health = {Health::Status::Degraded, u"Deployment exceeded its progress deadline"_s};
        dep.healthChecked = true;
        dep.reason = u"/spec/replicas (kubectl-scale)"_s;
        drift.resources = {cm, dep};

        const ResourceGraph g = ResourceGraph::build({u"web"_s, desired, nullptr, &drift, {}});
        const GraphNode* root = g.node(u"app:web"_s);
        QVERIFY(root);
        QCOMPARE(root->type, GraphNode::Type::Application);
        QCOMPARE(root->sync, std::optional(SyncStatus::OutOfSync));
        QCOMPARE(root->health, std::optional(Health::Status::Degraded));
        const GraphNode* d = g.node(u"apps/Deployment/shop/web"_s);
        QCOMPARE(d->sync, std::optional(SyncStatus::OutOfSync));
        QCOMPARE(d->health, std::optional(Health::Status::Degraded));
        QCOMPARE(d->reason, u"/spec/replicas (kubectl-scale)"_s);
        const GraphNode* c = g.node(u"ConfigMap/shop/settings"_s);
        QCOMPARE(c->sync, std::optional(SyncStatus::Synced));
        QVERIFY(!c->health.has_value()); // no health check for a ConfigMap
        QVERIFY(hasEdge(g, EdgeType::Uses, d->id, c->id));
        QCOMPARE(g.edgesFrom(g.rootId()).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestResourceGraph)
#include "tst_resourcegraph.moc"
