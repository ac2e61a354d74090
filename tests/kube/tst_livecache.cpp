// LiveSnapshot's index and LiveCache against an in-process sandbox over real
// HTTPS: what gets indexed (tracked, Git-matched, children) and what not, new
// snapshots on events while old ones stay as they were, coalescing, kinds the
// server does not serve, and the connection states (connected, unauthorized,
// unreachable, not configured).
#include "kube/connectionstate.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubeerror.h"
#include "kube/livecache.h"
#include "kube/livesnapshot.h"
#include "kube/trackingid.h"
#include "sandbox/resourcetype.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::kube::ConnectionState;
using driftline::kube::LiveCache;
using driftline::kube::LiveSnapshot;
using driftline::kube::TrackingId;
using driftline::sandbox::SandboxServer;

namespace {

constexpr int kTimeout = 15'000;

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
    const QJsonObject& annotations = {}, const QJsonObject& labels = {})
{
    QJsonObject metadata{{u"name"_s, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    if (!annotations.isEmpty())
        metadata.insert(u"annotations"_s, annotations);
    if (!labels.isEmpty())
        metadata.insert(u"labels"_s, labels);
    return QJsonObject{{u"apiVersion"_s, apiVersion}, {u"kind"_s, kind}, {u"metadata"_s, metadata}};
}

QJsonObject tracked(const QString& app, QJsonObject o)
{
    const ResourceKey key = LiveSnapshot::keyOf(o);
    QJsonObject metadata = o.value(u"metadata"_s).toObject();
    QJsonObject annotations = metadata.value(u"annotations"_s).toObject();
    annotations.insert(TrackingId::DriftlineAnnotation, TrackingId::forResource(app, key).toString());
    metadata.insert(u"annotations"_s, annotations);
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject withUid(QJsonObject o, const QString& uid, const QString& ownerUid = {})
{
    QJsonObject metadata = o.value(u"metadata"_s).toObject();
    metadata.insert(u"uid"_s, uid);
    if (!ownerUid.isEmpty())
        metadata.insert(u"ownerReferences"_s,
            QJsonArray{QJsonObject{{u"uid"_s, ownerUid}, {u"controller"_s, true}, {u"name"_s, u"x"_s}}});
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject withOwner(QJsonObject o, const QJsonObject& owner)
{
    const QJsonObject ownerMeta = owner.value(u"metadata"_s).toObject();
    QJsonObject metadata = o.value(u"metadata"_s).toObject();
    metadata.insert(u"ownerReferences"_s,
        QJsonArray{QJsonObject{{u"apiVersion"_s, owner.value(u"apiVersion"_s)}, {u"kind"_s, owner.value(u"kind"_s)},
            {u"name"_s, ownerMeta.value(u"name"_s)}, {u"uid"_s, ownerMeta.value(u"uid"_s)},
            {u"controller"_s, true}}});
    o.insert(u"metadata"_s, metadata);
    return o;
}

ResourceKey key(const QString& group, const QString& kind, const QString& ns, const QString& name)
{
    return ResourceKey{group, QString(), kind, ns, name};
}

// One snapshotChanged emission, as received.
struct Published {
    std::shared_ptr<const LiveSnapshot> snapshot;
    QSet<ResourceKey> changed;
};

} // namespace

class TestLiveCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::shared_ptr<kube::KubeClient> m_client;

    std::shared_ptr<kube::KubeClient> clientFor(const QByteArray& yaml, const QString& fileName)
    {
        const QString path = m_dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size())
            return nullptr;
        file.close();
        auto config = kube::Kubeconfig::loadFile(path);
        if (!config || !config->errors().isEmpty())
            return nullptr;
        return std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    }

    sandbox::ResourceType type(const QString& group, const QString& kind)
    {
        for (const auto& t : m_server->store().types()) {
            if (t.group == group && t.kind == kind)
                return t;
        }
        qFatal("the sandbox serves no %s", qPrintable(kind));
    }

    // The store may leave kind and apiVersion out, as the server does in lists.
    QJsonObject typed(QJsonObject o, const ResourceKey& k)
    {
        o.insert(u"apiVersion"_s, type(k.group, k.kind).groupVersion());
        o.insert(u"kind"_s, k.kind);
        return o;
    }

    // Stores `o` straight into the sandbox; answers the stored object (uid, resourceVersion).
    QJsonObject store(const QJsonObject& o)
    {
        const ResourceKey k = LiveSnapshot::keyOf(o);
        auto created = m_server->store().create(type(k.group, k.kind), k.namespace_, o);
        if (!created)
            qFatal("create %s: %s", qPrintable(k.displayName()), qPrintable(created.error().message));
        return typed(*created, k);
    }

    QJsonObject storeUpdate(const QJsonObject& o)
    {
        const ResourceKey k = LiveSnapshot::keyOf(o);
        auto updated = m_server->store().update(type(k.group, k.kind), k.namespace_, k.name, o);
        if (!updated)
            qFatal("update %s: %s", qPrintable(k.displayName()), qPrintable(updated.error().message));
        return typed(*updated, k);
    }

    QJsonObject storeGet(const ResourceKey& k)
    {
        auto got = m_server->store().get(type(k.group, k.kind), k.namespace_, k.name);
        if (!got)
            qFatal("get %s: %s", qPrintable(k.displayName()), qPrintable(got.error().message));
        return typed(*got, k);
    }

    // A running cache over the shared sandbox for namespace `ns`, Git holding Services,
    // ConfigMaps, Deployments and a custom kind the sandbox does not serve.
    std::unique_ptr<LiveCache> startedCache(const QString& ns, const QSet<ResourceKey>& desired = {})
    {
        auto cache = std::make_unique<LiveCache>(m_client, u"driftline-sandbox"_s);
        cache->setNamespaces({ns});
        cache->setApplications({u"web"_s});
        cache->setGitKinds({{QString(), u"Service"_s}, {QString(), u"ConfigMap"_s}, {u"apps"_s, u"Deployment"_s},
            {u"example.com"_s, u"Widget"_s}});
        cache->setDesiredKeys(desired);
        cache->start();
        return cache;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        m_client = clientFor(m_server->kubeconfigYaml(), u"sandbox.kubeconfig"_s);
        QVERIFY(m_client);
        for (const QString& ns : {u"shop"_s, u"other"_s, u"events"_s, u"burst"_s, u"drops"_s})
            store(object(u"v1"_s, u"Namespace"_s, {}, ns));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    // The index on its own, from hand-made input.
    void snapshotIndex()
    {
        LiveSnapshot::Input input;
        const QJsonObject deployment
            = withUid(tracked(u"web"_s, object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s)), u"d1"_s);
        const QJsonObject replicaSet
            = withUid(object(u"apps/v1"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s), u"r1"_s, u"d1"_s);
        const QJsonObject pod = withUid(object(u"v1"_s, u"Pod"_s, u"shop"_s, u"web-abc-1"_s), u"p1"_s, u"r1"_s);
        const QJsonObject strayPod = withUid(object(u"v1"_s, u"Pod"_s, u"shop"_s, u"stray"_s), u"p2"_s, u"zz"_s);
        const QJsonObject desiredMap = object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s);
        const QJsonObject otherMap = object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"unrelated"_s);
        const QJsonObject otherApp = tracked(u"api"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"api"_s));
        const QJsonObject otherNamespace = tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"elsewhere"_s, u"web"_s));
        const QJsonObject service = tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s));
        const QJsonObject endpoints = object(u"v1"_s, u"Endpoints"_s, u"shop"_s, u"web"_s);
        // A chart's instance label copied onto a Pod its workload made: a child, not a root.
        const QJsonObject labelledPod = withUid(object(u"v1"_s, u"Pod"_s, u"shop"_s, u"labelled"_s, {},
                                                   {{TrackingId::InstanceLabel, u"web"_s}}),
            u"p3"_s, u"unknown-owner"_s);
        const QJsonObject clusterRole = tracked(
            u"web"_s, object(u"rbac.authorization.k8s.io/v1"_s, u"ClusterRole"_s, {}, u"web-reader"_s));
        for (const QJsonObject& o : {deployment, replicaSet, pod, strayPod, desiredMap, otherMap, otherApp,
                 otherNamespace, service, endpoints, labelledPod, clusterRole})
            input.buckets[LiveSnapshot::keyOf(o).kind].insert(LiveSnapshot::keyOf(o), o);
        // Git names the ConfigMap with a version; the live side has none.
        input.desiredKeys = {ResourceKey{QString(), u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s}};
        input.applications = {u"web"_s};
        input.namespaces = {u"shop"_s};
        input.kindErrors.insert(u"example.com/Widget"_s, Error::make(Error::Code::Unsupported, u"no"_s));
        input.resourceVersions.insert(u"apps/Deployment"_s, u"42"_s);
        input.complete = true;

        const auto snapshot = LiveSnapshot::build(input);
        const QList<ResourceKey> expected{key({}, u"ConfigMap"_s, u"shop"_s, u"settings"_s),
            key({}, u"Endpoints"_s, u"shop"_s, u"web"_s), key({}, u"Pod"_s, u"shop"_s, u"web-abc-1"_s),
            key({}, u"Service"_s, u"shop"_s, u"web"_s), key(u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s),
            key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s),
            key(u"rbac.authorization.k8s.io"_s, u"ClusterRole"_s, {}, u"web-reader"_s)};
        QList<ResourceKey> sortedExpected = expected;
        std::sort(sortedExpected.begin(), sortedExpected.end());
        QCOMPARE(snapshot->keys(), sortedExpected);

        QCOMPARE(snapshot->applications(), QStringList{u"web"_s});
        QCOMPARE(snapshot->applicationKeys(u"web"_s).size(), 3);
        QVERIFY(snapshot->isTracked(key(u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s)));
        QVERIFY(!snapshot->isTracked(key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s)));
        QVERIFY(snapshot->isDesired(key({}, u"ConfigMap"_s, u"shop"_s, u"settings"_s)));
        // Lookups ignore the version.
        const auto byVersion = snapshot->object(ResourceKey{u"apps"_s, u"v1beta2"_s, u"Deployment"_s, u"shop"_s, u"web"_s});
        QVERIFY(byVersion);
        QCOMPARE(*byVersion, deployment);
        QCOMPARE(snapshot->children(u"d1"_s), QList{key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s)});
        QCOMPARE(snapshot->children(key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s)),
            QList{key({}, u"Pod"_s, u"shop"_s, u"web-abc-1"_s)});
        QCOMPARE(snapshot->keyOfUid(u"r1"_s), key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s));
        QVERIFY(snapshot->kindError(u"example.com"_s, u"Widget"_s));
        QVERIFY(!snapshot->kindError(u"apps"_s, u"Deployment"_s));
        QCOMPARE(snapshot->resourceVersion(u"apps"_s, u"Deployment"_s), u"42"_s);
        QVERIFY(snapshot->isComplete());

        // Without an application list, other applications' objects count too.
        input.applications.clear();
        QVERIFY(LiveSnapshot::build(input)->contains(key({}, u"Service"_s, u"shop"_s, u"api"_s)));
        // Without a namespace list, so do other namespaces.
        input.namespaces.clear();
        QVERIFY(LiveSnapshot::build(input)->contains(key({}, u"Service"_s, u"elsewhere"_s, u"web"_s)));
    }

    void snapshotChangedKeys()
    {
        LiveSnapshot::Input input;
        auto rv = [](QJsonObject o, const QString& version) {
            QJsonObject metadata = o.value(u"metadata"_s).toObject();
            metadata.insert(u"resourceVersion"_s, version);
            o.insert(u"metadata"_s, metadata);
            return o;
        };
        const QJsonObject a = rv(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"a"_s)), u"1"_s);
        const QJsonObject b = rv(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"b"_s)), u"2"_s);
        const QJsonObject c = rv(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"c"_s)), u"3"_s);
        auto& bucket = input.buckets[u"Service"_s];
        bucket.insert(LiveSnapshot::keyOf(a), a);
        bucket.insert(LiveSnapshot::keyOf(b), b);
        const auto before = LiveSnapshot::build(input);

        bucket.insert(LiveSnapshot::keyOf(a), rv(a, u"4"_s));
        bucket.remove(LiveSnapshot::keyOf(b));
        bucket.insert(LiveSnapshot::keyOf(c), c);
        const auto after = LiveSnapshot::build(input);
        QCOMPARE(LiveSnapshot::changedKeys(*before, *after),
            (QSet{LiveSnapshot::keyOf(a), LiveSnapshot::keyOf(b), LiveSnapshot::keyOf(c)}));
        QVERIFY(LiveSnapshot::changedKeys(*after, *after).isEmpty());
        // The earlier snapshot is untouched by building the next one.
        QCOMPARE(before->size(), 2);
        QVERIFY(before->contains(LiveSnapshot::keyOf(b)));
    }

    void connectionStateTexts()
    {
        const Error unauthorized = kube::KubeError::fromResponse(401, {}, u"list"_s, u"pods"_s, u"c"_s);
        const Error forbidden = kube::KubeError::fromResponse(403,
            R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"secrets is forbidden","reason":"Forbidden","code":403})",
            u"list"_s, u"secrets"_s, u"c"_s);
        const Error refused = kube::KubeError::connectionFailure(u"c"_s, QUrl(u"https://127.0.0.1:1"_s), u"refused"_s);
        QCOMPARE(ConnectionState::statusFor(unauthorized), ConnectionState::Status::Unauthorized);
        QCOMPARE(ConnectionState::statusFor(forbidden), ConnectionState::Status::Forbidden);
        QCOMPARE(ConnectionState::statusFor(refused), ConnectionState::Status::Unreachable);

        ConnectionState state;
        state.status = ConnectionState::Status::Forbidden;
        state.context = u"prod"_s;
        state.reason = forbidden.message;
        QCOMPARE(state.text(), u"Forbidden"_s);
        QVERIFY(state.toolTip().contains(u"prod"_s));
        QVERIFY(state.toolTip().contains(u"list secrets"_s));
        QVERIFY(!state.toolTip().contains(u"insecure"_s));
        state.status = ConnectionState::Status::Connected;
        state.insecure = true;
        QVERIFY(state.text() != u"Connected"_s);
        QVERIFY(state.toolTip().contains(u"insecure-skip-tls-verify"_s));
    }

    void indexesTrackedAndGitObjects()
    {
        const QJsonObject deployment
            = store(tracked(u"web"_s, object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s)));
        const QJsonObject replicaSet = store(withOwner(
            object(u"apps/v1"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c"_s,
                // Deployments copy their annotations onto their ReplicaSets.
                deployment.value(u"metadata"_s).toObject().value(u"annotations"_s).toObject()),
            deployment));
        const QJsonObject pod = store(withOwner(object(u"v1"_s, u"Pod"_s, u"shop"_s, u"web-5d9c-x1"_s), replicaSet));
        store(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s)));
        store(object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s));
        store(object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"unrelated"_s));
        store(tracked(u"api"_s, object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"api-config"_s)));
        store(tracked(u"web"_s, object(u"v1"_s, u"ConfigMap"_s, u"other"_s, u"web-elsewhere"_s)));
        store(object(u"v1"_s, u"Pod"_s, u"shop"_s, u"lonely"_s));

        auto cache = startedCache(u"shop"_s, {ResourceKey{{}, u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s}});
        QList<ConnectionState> states;
        connect(cache.get(), &LiveCache::connectionStateChanged, this,
            [&states](const ConnectionState& s) { states.append(s); });
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->isComplete(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cache->connectionState().status, ConnectionState::Status::Connected, kTimeout);
        QVERIFY(!states.isEmpty());
        QCOMPARE(states.constLast().status, ConnectionState::Status::Connected);
        QCOMPARE(cache->connectionState().context, u"driftline-sandbox"_s);
        QCOMPARE(cache->connectionState().text(), u"Connected"_s);

        const auto snapshot = cache->snapshot();
        QList<ResourceKey> expected{key(u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s),
            key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c"_s), key({}, u"Pod"_s, u"shop"_s, u"web-5d9c-x1"_s),
            key({}, u"Service"_s, u"shop"_s, u"web"_s), key({}, u"ConfigMap"_s, u"shop"_s, u"settings"_s)};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(snapshot->keys(), expected);
        QCOMPARE(snapshot->applicationKeys(u"web"_s).size(), 2); // the copy on the ReplicaSet is no ownership
        const auto copied = snapshot->ownership(key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c"_s));
        QVERIFY(copied && !copied->matchesObject);
        const QString deploymentUid = deployment.value(u"metadata"_s).toObject().value(u"uid"_s).toString();
        QCOMPARE(snapshot->children(deploymentUid), QList{key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c"_s)});
        QCOMPARE(snapshot->children(key(u"apps"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c"_s)),
            QList{key({}, u"Pod"_s, u"shop"_s, u"web-5d9c-x1"_s)});
        QCOMPARE(snapshot->object(key({}, u"Pod"_s, u"shop"_s, u"web-5d9c-x1"_s))->value(u"metadata"_s)
                     .toObject()
                     .value(u"uid"_s),
            pod.value(u"metadata"_s).toObject().value(u"uid"_s));
        QVERIFY(!snapshot->resourceVersion(u"apps"_s, u"Deployment"_s).isEmpty());

        // The custom kind Git has is reported; everything else loaded regardless.
        const auto widget = snapshot->kindError(u"example.com"_s, u"Widget"_s);
        QVERIFY(widget);
        QCOMPARE(widget->code, Error::Code::Unsupported);
        QVERIFY(widget->message.contains(u"example.com/Widget"_s));
        QVERIFY(!snapshot->kindError({}, u"Service"_s));
        // The sandbox serves no ControllerRevision: a child kind missing is no error.
        QCOMPARE(snapshot->kindErrors().size(), 1);
    }

    void eventsPublishNewSnapshots()
    {
        store(object(u"v1"_s, u"ConfigMap"_s, u"events"_s, u"settings"_s));
        store(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"events"_s, u"web"_s)));
        auto cache = startedCache(u"events"_s, {key({}, u"ConfigMap"_s, u"events"_s, u"settings"_s)});
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->isComplete() && cache->snapshot()->size() == 2, kTimeout);
        QList<Published> published;
        connect(cache.get(), &LiveCache::snapshotChanged, this,
            [&published](std::shared_ptr<const LiveSnapshot> s, const QSet<ResourceKey>& changed) {
                published.append({std::move(s), changed});
            });

        // Modified: a new snapshot names the key; the old one keeps the old data.
        const auto before = cache->snapshot();
        const ResourceKey settings = key({}, u"ConfigMap"_s, u"events"_s, u"settings"_s);
        QJsonObject edited = storeGet(settings);
        edited.insert(u"data"_s, QJsonObject{{u"mode"_s, u"fast"_s}});
        storeUpdate(edited);
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty() && published.constLast().changed.contains(settings), kTimeout);
        QCOMPARE(published.constLast().changed, QSet{settings});
        QCOMPARE(published.constLast().snapshot, cache->snapshot());
        QCOMPARE(cache->snapshot()->object(settings)->value(u"data"_s).toObject().value(u"mode"_s).toString(),
            u"fast"_s);
        QVERIFY(!before->object(settings)->contains(u"data"_s));

        // An untracked object that nothing in Git names (created through the API) stays out...
        published.clear();
        const ResourceKey lateKey = key({}, u"ConfigMap"_s, u"events"_s, u"late"_s);
        auto creating = m_client->create(object(u"v1"_s, u"ConfigMap"_s, u"events"_s, u"late"_s));
        QTRY_VERIFY_WITH_TIMEOUT(creating.isFinished(), kTimeout);
        QVERIFY2(creating.result().has_value(), "create through the API failed");
        const QJsonObject late = typed(*creating.result(), lateKey);
        const QString lateVersion = late.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(cache->snapshot()->resourceVersion({}, u"ConfigMap"_s), lateVersion, kTimeout);
        QVERIFY(!cache->snapshot()->contains(lateKey));
        QVERIFY(published.isEmpty()); // nothing the environment holds changed
        // ...until it gains a tracking annotation.
        storeUpdate(tracked(u"web"_s, late));
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->contains(lateKey), kTimeout);
        QVERIFY(cache->snapshot()->isTracked(lateKey));
        QVERIFY(!published.isEmpty());
        QVERIFY(published.constLast().changed.contains(lateKey));
        QCOMPARE(cache->snapshot()->applicationKeys(u"web"_s),
            (QList{lateKey, key({}, u"Service"_s, u"events"_s, u"web"_s)}));

        // Deleted in the store: gone from the next snapshot, still in the earlier one.
        const auto withService = cache->snapshot();
        const ResourceKey service = key({}, u"Service"_s, u"events"_s, u"web"_s);
        QVERIFY(m_server->store().remove(type({}, u"Service"_s), u"events"_s, u"web"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!cache->snapshot()->contains(service), kTimeout);
        QVERIFY(published.constLast().changed.contains(service));
        QVERIFY(withService->contains(service));
    }

    // A watch event that edits an object replaces just that object; anything that
    // moves an object in or out of the picture asks for the full build.
    void snapshotReplacedObjects()
    {
        LiveSnapshot::Input input;
        input.namespaces = {u"shop"_s};
        input.complete = true;
        const QJsonObject deployment
            = withUid(tracked(u"web"_s, object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s)), u"d1"_s);
        const QJsonObject replicaSet
            = withUid(object(u"apps/v1"_s, u"ReplicaSet"_s, u"shop"_s, u"web-abc"_s), u"r1"_s, u"d1"_s);
        for (const QJsonObject& o : {deployment, replicaSet})
            input.buckets[LiveSnapshot::keyOf(o).kind].insert(LiveSnapshot::keyOf(o), o);
        const auto before = LiveSnapshot::build(input);
        const ResourceKey web = LiveSnapshot::keyOf(deployment);

        QJsonObject edited = deployment;
        edited.insert(u"spec"_s, QJsonObject {{u"replicas"_s, 5}});
        input.buckets[u"Deployment"_s].insert(web, edited);
        const auto replaced = LiveSnapshot::withReplacedObjects(*before, input, {web});
        QVERIFY(replaced);
        QCOMPARE(*replaced->object(web), edited);
        QCOMPARE(replaced->keys(), LiveSnapshot::build(input)->keys());
        QCOMPARE(replaced->children(u"d1"_s), before->children(u"d1"_s));
        QCOMPARE(*before->object(web), deployment); // the earlier snapshot is untouched

        // An object in another namespace stays out either way.
        const QJsonObject elsewhere = tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"other"_s, u"web"_s));
        input.buckets[u"Service"_s].insert(LiveSnapshot::keyOf(elsewhere), elsewhere);
        QVERIFY(LiveSnapshot::withReplacedObjects(*before, input, {LiveSnapshot::keyOf(elsewhere)}));
        input.buckets[u"Service"_s].clear();

        // Untracked by a hand edit of its annotation: its place changes.
        QJsonObject untracked = edited;
        untracked.insert(u"metadata"_s, QJsonObject {{u"name"_s, u"web"_s}, {u"namespace"_s, u"shop"_s}, {u"uid"_s, u"d1"_s}});
        input.buckets[u"Deployment"_s].insert(web, untracked);
        QVERIFY(!LiveSnapshot::withReplacedObjects(*before, input, {web}));
        // Deleted, or a new object in view: the full build.
        input.buckets[u"Deployment"_s].remove(web);
        QVERIFY(!LiveSnapshot::withReplacedObjects(*before, input, {web}));
        const QJsonObject service = tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s));
        input.buckets[u"Deployment"_s].insert(web, deployment);
        input.buckets[u"Service"_s].insert(LiveSnapshot::keyOf(service), service);
        QVERIFY(!LiveSnapshot::withReplacedObjects(*before, input, {LiveSnapshot::keyOf(service)}));
    }

    void burstIsCoalesced()
    {
        const QJsonObject map = store(tracked(u"web"_s, object(u"v1"_s, u"ConfigMap"_s, u"burst"_s, u"counter"_s)));
        auto cache = startedCache(u"burst"_s);
        cache->setPublishDelay(std::chrono::milliseconds(300));
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->isComplete() && cache->snapshot()->size() == 1, kTimeout);
        int emissions = 0;
        connect(cache.get(), &LiveCache::snapshotChanged, this, [&emissions] { ++emissions; });

        QJsonObject current = map;
        for (int i = 0; i < 30; ++i) {
            current.insert(u"data"_s, QJsonObject{{u"n"_s, QString::number(i)}});
            current = storeUpdate(current);
        }
        const ResourceKey counter = key({}, u"ConfigMap"_s, u"burst"_s, u"counter"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            cache->snapshot()->object(counter)->value(u"data"_s).toObject().value(u"n"_s).toString(), u"29"_s,
            kTimeout);
        // 30 changes within far less than the delay: the first is published at once (a
        // single edit must show in milliseconds), the rest together after the delay,
        // maybe in two if a network read straddles the window; never one per event.
        QVERIFY2(emissions >= 1 && emissions <= 3, qPrintable(QString::number(emissions)));
    }

    // Watches that the server drops every few events resume without losing any.
    void survivesDroppedWatches()
    {
        auto cache = startedCache(u"drops"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->isComplete(), kTimeout);
        sandbox::FaultInjection faults;
        faults.dropWatchAfterEvents = 3;
        m_server->setFaults(faults);
        for (int i = 0; i < 10; ++i)
            store(tracked(u"web"_s, object(u"v1"_s, u"ConfigMap"_s, u"drops"_s, u"map-" + QString::number(i))));
        QTRY_COMPARE_WITH_TIMEOUT(cache->snapshot()->applicationKeys(u"web"_s).size(), 10, kTimeout);
        m_server->setFaults({});
        QTRY_COMPARE_WITH_TIMEOUT(cache->connectionState().status, ConnectionState::Status::Connected, kTimeout);
    }

    // With the sandbox's controllers on, a tracked Deployment's ReplicaSet and Pods
    // join the snapshot as its children.
    void controllerChildren()
    {
        SandboxServer server;
        QVERIFY(server.listen().has_value());
        server.setControllersEnabled(true);
        const auto types = server.store().types();
        auto typeOf = [&types](const QString& group, const QString& kind) {
            return *std::find_if(types.begin(), types.end(),
                [&](const sandbox::ResourceType& t) { return t.group == group && t.kind == kind; });
        };
        QVERIFY(server.store().create(typeOf({}, u"Namespace"_s), {}, object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s)));
        QJsonObject deployment = tracked(u"web"_s, object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s));
        const QJsonObject labels{{u"app"_s, u"web"_s}};
        deployment.insert(u"spec"_s,
            QJsonObject{{u"replicas"_s, 2}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
                {u"template"_s,
                    QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}},
                        {u"spec"_s,
                            QJsonObject{{u"containers"_s,
                                QJsonArray{QJsonObject{{u"name"_s, u"web"_s}, {u"image"_s, u"nginx:1.27"_s}}}}}}}}});
        QVERIFY(server.store().create(typeOf(u"apps"_s, u"Deployment"_s), u"shop"_s, deployment));
        auto client = clientFor(server.kubeconfigYaml(), u"controllers.kubeconfig"_s);
        QVERIFY(client);

        LiveCache cache(client);
        cache.setNamespaces({u"shop"_s});
        cache.setGitKinds({{u"apps"_s, u"Deployment"_s}});
        cache.start();
        const ResourceKey web = key(u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s);
        auto podsOf = [&cache](const ResourceKey& owner) {
            int pods = 0;
            const auto snapshot = cache.snapshot();
            for (const ResourceKey& replicaSet : snapshot->children(owner)) {
                for (const ResourceKey& child : snapshot->children(replicaSet))
                    pods += child.kind == u"Pod"_s ? 1 : 0;
            }
            return pods;
        };
        QTRY_COMPARE_WITH_TIMEOUT(podsOf(web), 2, kTimeout);
        const auto snapshot = cache.snapshot();
        QCOMPARE(snapshot->children(web).size(), 1);
        QCOMPARE(snapshot->children(web).constFirst().kind, u"ReplicaSet"_s);
        // Only the Deployment is the application's; the rest hangs below it.
        QCOMPARE(snapshot->applicationKeys(u"web"_s), QList{web});
        QCOMPARE(snapshot->size(), 4);
    }

    void wrongTokenIsUnauthorized()
    {
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(m_server->token(), "not-the-token");
        auto client = clientFor(yaml, u"wrong-token.kubeconfig"_s);
        QVERIFY(client);
        LiveCache cache(client);
        cache.setGitKinds({{QString(), u"Service"_s}});
        cache.start();
        QTRY_COMPARE_WITH_TIMEOUT(cache.connectionState().status, ConnectionState::Status::Unauthorized, kTimeout);
        QCOMPARE(cache.connectionState().text(), u"Unauthorized"_s);
        QVERIFY(!cache.connectionState().reason.isEmpty());
        QCOMPARE(cache.snapshot()->size(), 0);
    }

    void wrongPortIsUnreachable()
    {
        // A port that was free a moment ago: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(m_server->url().toString().toUtf8(), QByteArray("https://127.0.0.1:" + QByteArray::number(port)));
        auto client = clientFor(yaml, u"wrong-port.kubeconfig"_s);
        QVERIFY(client);
        LiveCache cache(client);
        cache.setGitKinds({{QString(), u"Service"_s}});
        cache.start();
        QTRY_COMPARE_WITH_TIMEOUT(cache.connectionState().status, ConnectionState::Status::Unreachable, kTimeout);
        QVERIFY2(cache.connectionState().reason.contains(QString::number(port)),
            qPrintable(cache.connectionState().reason));
        QVERIFY(cache.connectionState().toolTip().contains(u"driftline-sandbox"_s));
    }

    void stoppedServerIsUnreachable()
    {
        auto server = std::make_unique<SandboxServer>();
        QVERIFY(server->listen().has_value());
        server->store().create(type({}, u"Namespace"_s), {}, object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s));
        server->store().create(type({}, u"Service"_s), u"shop"_s,
            tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s)));
        auto client = clientFor(server->kubeconfigYaml(), u"stopped.kubeconfig"_s);
        QVERIFY(client);
        LiveCache cache(client);
        cache.setGitKinds({{QString(), u"Service"_s}});
        cache.start();
        QTRY_COMPARE_WITH_TIMEOUT(cache.connectionState().status, ConnectionState::Status::Connected, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cache.snapshot()->size(), 1, kTimeout);

        server.reset();
        QTRY_COMPARE_WITH_TIMEOUT(cache.connectionState().status, ConnectionState::Status::Unreachable, kTimeout);
        // What was last seen stays available.
        QCOMPARE(cache.snapshot()->size(), 1);
    }

    // Kinds change while running; a CRD installed later is found by refresh().
    void gitKindsChangeAndRefreshFindsNewKinds()
    {
        SandboxServer server;
        QVERIFY(server.listen().has_value());
        auto create = [&server](const QJsonObject& o) {
            const ResourceKey k = LiveSnapshot::keyOf(o);
            const auto types = server.store().types();
            const auto t = std::find_if(types.begin(), types.end(),
                [&k](const sandbox::ResourceType& t) { return t.group == k.group && t.kind == k.kind; });
            return t != types.end() && server.store().create(*t, k.namespace_, o).has_value();
        };
        QVERIFY(create(object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s)));
        QVERIFY(create(tracked(u"web"_s, object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s))));
        QVERIFY(create(tracked(u"web"_s, object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"web"_s))));
        auto client = clientFor(server.kubeconfigYaml(), u"kinds.kubeconfig"_s);
        QVERIFY(client);

        LiveCache cache(client);
        cache.setNamespaces({u"shop"_s});
        cache.setGitKinds({{QString(), u"Service"_s}, {u"example.com"_s, u"Widget"_s}});
        cache.start();
        const ResourceKey service = key({}, u"Service"_s, u"shop"_s, u"web"_s);
        const ResourceKey configMap = key({}, u"ConfigMap"_s, u"shop"_s, u"web"_s);
        const ResourceKey widget = key(u"example.com"_s, u"Widget"_s, u"shop"_s, u"gizmo"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cache.snapshot()->isComplete() && cache.snapshot()->contains(service), kTimeout);
        QVERIFY(!cache.snapshot()->contains(configMap)); // not a kind in Git: not watched
        QVERIFY(cache.snapshot()->kindError(u"example.com"_s, u"Widget"_s));

        cache.setGitKinds({{QString(), u"ConfigMap"_s}, {u"example.com"_s, u"Widget"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(cache.snapshot()->contains(configMap) && !cache.snapshot()->contains(service),
            kTimeout);

        // The CRD arrives, and an object of its kind tracked by the application.
        const QJsonObject crd{{u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s},
            {u"kind"_s, u"CustomResourceDefinition"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"widgets.example.com"_s}}},
            {u"spec"_s,
                QJsonObject{{u"group"_s, u"example.com"_s}, {u"scope"_s, u"Namespaced"_s},
                    {u"names"_s,
                        QJsonObject{{u"plural"_s, u"widgets"_s}, {u"singular"_s, u"widget"_s},
                            {u"kind"_s, u"Widget"_s}}},
                    {u"versions"_s,
                        QJsonArray{QJsonObject{{u"name"_s, u"v1"_s}, {u"served"_s, true}, {u"storage"_s, true}}}}}}};
        QVERIFY(create(crd));
        QVERIFY(create(tracked(u"web"_s, object(u"example.com/v1"_s, u"Widget"_s, u"shop"_s, u"gizmo"_s))));
        cache.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(cache.snapshot()->contains(widget), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!cache.snapshot()->kindError(u"example.com"_s, u"Widget"_s), kTimeout);
        QVERIFY(cache.snapshot()->isTracked(widget));
        QVERIFY(cache.snapshot()->contains(configMap));
        QCOMPARE(cache.connectionState().status, ConnectionState::Status::Connected);
    }

    void notConfigured()
    {
        LiveCache cache(Error::make(Error::Code::InvalidInput, u"no context mapped"_s), u"prod"_s);
        cache.start();
        QCOMPARE(cache.connectionState().status, ConnectionState::Status::NotConfigured);
        QCOMPARE(cache.connectionState().reason, u"no context mapped"_s);
        QCOMPARE(cache.connectionState().context, u"prod"_s);
        QVERIFY(!cache.isRunning());
        QCOMPARE(cache.snapshot()->size(), 0);
    }

    // A cache holds one watch per kind open (7 here); the client must still open them
    // all and answer other calls. Last: a stuck watch would slow the tests after it.
    void clientStaysUsableWhileWatching()
    {
        auto cache = startedCache(u"shop"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cache->snapshot()->isComplete(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openWatchCount(), 7, 5000);
        auto future = m_client->get(QString(), QString(), u"Namespace"_s, QString(), u"shop"_s);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 5000);
        QVERIFY(future.result().has_value());
    }
};

QTEST_GUILESS_MAIN(TestLiveCache)
#include "tst_livecache.moc"
