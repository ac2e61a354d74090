// KubeClient's writes against an in-process sandbox over real HTTPS: server-side
// apply (create, update, conflicts between managers, force, removal of fields a
// manager stops applying, dry run), patches, update, and delete with propagation.
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubeerror.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::test::why;
using driftline::kube::ApplyOptions;
using driftline::kube::KubeClient;
using driftline::kube::PatchType;
using driftline::kube::Propagation;
using driftline::sandbox::SandboxServer;

namespace {

QJsonObject configMap(const QString& ns, const QString& name, const QJsonObject& data)
{
    QJsonObject metadata{{u"name"_s, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}, {u"metadata"_s, metadata},
        {u"data"_s, data}};
}

QJsonObject data(const QJsonObject& object)
{
    return object.value(u"data"_s).toObject();
}

QJsonObject metadata(const QJsonObject& object)
{
    return object.value(u"metadata"_s).toObject();
}

// The managedFields entry of `manager`, empty if it has none.
QJsonObject managedEntry(const QJsonObject& object, const QString& manager)
{
    for (const QJsonValue& v : metadata(object).value(u"managedFields"_s).toArray()) {
        if (v.toObject().value(u"manager"_s).toString() == manager)
            return v.toObject();
    }
    return {};
}

bool owns(const QJsonObject& entry, const QString& dataKey)
{
    return entry.value(u"fieldsV1"_s).toObject().value(u"f:data"_s).toObject().contains(u"f:"_s + dataKey);
}

QJsonObject ownerReference(const QJsonObject& owner, bool block)
{
    return QJsonObject{{u"apiVersion"_s, owner.value(u"apiVersion"_s)}, {u"kind"_s, owner.value(u"kind"_s)},
        {u"name"_s, metadata(owner).value(u"name"_s)}, {u"uid"_s, metadata(owner).value(u"uid"_s)},
        {u"controller"_s, true}, {u"blockOwnerDeletion"_s, block}};
}

} // namespace

class TestKubeApply : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<KubeClient> m_client;

    bool createNamespace(const QString& name)
    {
        return await(m_client->create(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                         {u"metadata"_s, QJsonObject{{u"name"_s, name}}}}))
            .has_value();
    }

    Result<QJsonObject> getConfigMap(const QString& ns, const QString& name)
    {
        return await(m_client->get(QString(), u"v1"_s, u"ConfigMap"_s, ns, name));
    }

    bool gone(const QString& group, const QString& kind, const QString& ns, const QString& name)
    {
        const auto r = await(m_client->get(group, u"v1"_s, kind, ns, name));
        return !r && r.error().code == Error::Code::NotFound;
    }

    qsizetype count(const QString& group, const QString& kind, const QString& ns)
    {
        const auto r = await(m_client->list(group, u"v1"_s, kind, ns));
        return r ? r->items.size() : -1;
    }

    // Deployment -> ReplicaSet -> two Pods, tied by ownerReferences, made by hand.
    struct Chain {
        QJsonObject deployment, replicaSet;
        QStringList pods;
    };
    std::optional<Chain> makeChain(const QString& ns, const QString& name, bool block)
    {
        Chain chain;
        const QJsonObject labels{{u"app"_s, name}};
        const QJsonObject podSpec{{u"containers"_s,
            QJsonArray{QJsonObject{{u"name"_s, u"main"_s}, {u"image"_s, u"nginx:1.27"_s}}}}};
        const QJsonObject templ{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}}, {u"spec"_s, podSpec}};
        auto deployment = await(m_client->create(QJsonObject{{u"apiVersion"_s, u"apps/v1"_s},
            {u"kind"_s, u"Deployment"_s}, {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns}}},
            {u"spec"_s, QJsonObject{{u"replicas"_s, 0}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
                            {u"template"_s, templ}}}}));
        if (!deployment)
            return std::nullopt;
        chain.deployment = *deployment;
        chain.deployment.insert(u"apiVersion"_s, u"apps/v1"_s);
        chain.deployment.insert(u"kind"_s, u"Deployment"_s);
        auto rs = await(m_client->create(QJsonObject{{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"ReplicaSet"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, QString(name + u"-manual"_s)}, {u"namespace"_s, ns}, {u"labels"_s, labels},
                                {u"ownerReferences"_s, QJsonArray{ownerReference(chain.deployment, block)}}}},
            {u"spec"_s, QJsonObject{{u"replicas"_s, 0}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
                            {u"template"_s, templ}}}}));
        if (!rs)
            return std::nullopt;
        chain.replicaSet = *rs;
        chain.replicaSet.insert(u"apiVersion"_s, u"apps/v1"_s);
        chain.replicaSet.insert(u"kind"_s, u"ReplicaSet"_s);
        for (int i = 0; i < 2; ++i) {
            const QString podName = name + u"-manual-pod"_s + QString::number(i);
            auto pod = await(m_client->create(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Pod"_s},
                {u"metadata"_s,
                    QJsonObject{{u"name"_s, podName}, {u"namespace"_s, ns},
                        {u"ownerReferences"_s, QJsonArray{ownerReference(chain.replicaSet, block)}}}},
                {u"spec"_s, podSpec}}));
            if (!pod)
                return std::nullopt;
            chain.pods.append(podName);
        }
        return chain;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        const QString path = m_dir.filePath(u"sandbox.kubeconfig"_s);
        QVERIFY(m_server->kubeconfig(path).has_value());
        auto config = kube::Kubeconfig::loadFile(path);
        QVERIFY(config.has_value());
        m_client = std::make_unique<KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
        QVERIFY(createNamespace(u"apply"_s));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void applyCreatesThenUpdates()
    {
        const auto first = await(m_client->apply(configMap(u"apply"_s, u"settings"_s, {{u"mode"_s, u"fast"_s}})));
        QVERIFY2(first, qPrintable(why(first)));
        QVERIFY(first->created);
        QCOMPARE(data(first->object).value(u"mode"_s).toString(), u"fast"_s);
        const QJsonObject entry = managedEntry(first->object, u"driftline"_s);
        QCOMPARE(entry.value(u"operation"_s).toString(), u"Apply"_s);
        QVERIFY(owns(entry, u"mode"_s));

        const auto second = await(m_client->apply(configMap(u"apply"_s, u"settings"_s, {{u"mode"_s, u"slow"_s}})));
        QVERIFY2(second, qPrintable(why(second)));
        QVERIFY(!second->created);
        QCOMPARE(data(second->object).value(u"mode"_s).toString(), u"slow"_s);
        QCOMPARE(metadata(second->object).value(u"uid"_s), metadata(first->object).value(u"uid"_s));
        const auto live = getConfigMap(u"apply"_s, u"settings"_s);
        QVERIFY2(live, qPrintable(why(live)));
        QCOMPARE(data(*live).value(u"mode"_s).toString(), u"slow"_s);
    }

    void applyUsesTheContextNamespace()
    {
        // No metadata.namespace: the context's namespace ("default" in the sandbox's kubeconfig).
        const auto applied = await(m_client->apply(configMap(QString(), u"no-namespace"_s, {{u"a"_s, u"1"_s}})));
        QVERIFY2(applied, qPrintable(why(applied)));
        QCOMPARE(metadata(applied->object).value(u"namespace"_s).toString(), u"default"_s);
        QVERIFY(getConfigMap(u"default"_s, u"no-namespace"_s).has_value());
    }

    void conflictThenForce()
    {
        QVERIFY(await(m_client->apply(configMap(u"apply"_s, u"shared"_s, {{u"owner"_s, u"driftline"_s}}))));
        ApplyOptions other;
        other.fieldManager = u"someone-else"_s;
        const auto conflict
            = await(m_client->apply(configMap(u"apply"_s, u"shared"_s, {{u"owner"_s, u"someone-else"_s}}), other));
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().httpStatus, 409);
        QCOMPARE(kube::KubeError::reason(conflict.error()), u"Conflict"_s);
        // Which field, which manager: readable without parsing JSON.
        const QString text = conflict.error().toString();
        QVERIFY2(text.contains(u".data.owner"_s), qPrintable(text));
        QVERIFY2(text.contains(u"\"driftline\""_s), qPrintable(text));
        QVERIFY2(conflict.error().detail.contains(u"cause: .data.owner"_s), qPrintable(conflict.error().detail));
        QVERIFY2(text.contains(u"ConfigMap/apply/shared"_s), qPrintable(text));
        // Nothing changed.
        QCOMPARE(data(*getConfigMap(u"apply"_s, u"shared"_s)).value(u"owner"_s).toString(), u"driftline"_s);

        other.force = true;
        const auto forced
            = await(m_client->apply(configMap(u"apply"_s, u"shared"_s, {{u"owner"_s, u"someone-else"_s}}), other));
        QVERIFY2(forced, qPrintable(why(forced)));
        const auto live = getConfigMap(u"apply"_s, u"shared"_s);
        QVERIFY2(live, qPrintable(why(live)));
        QCOMPARE(data(*live).value(u"owner"_s).toString(), u"someone-else"_s);
        QVERIFY(owns(managedEntry(*live, u"someone-else"_s), u"owner"_s));
        QVERIFY(!owns(managedEntry(*live, u"driftline"_s), u"owner"_s));
    }

    void removedFieldDisappears()
    {
        QVERIFY(await(m_client->apply(configMap(u"apply"_s, u"shrink"_s, {{u"keep"_s, u"1"_s}, {u"drop"_s, u"2"_s}}))));
        QCOMPARE(data(*getConfigMap(u"apply"_s, u"shrink"_s)).size(), 2);
        const auto applied = await(m_client->apply(configMap(u"apply"_s, u"shrink"_s, {{u"keep"_s, u"1"_s}})));
        QVERIFY2(applied, qPrintable(why(applied)));
        const auto live = getConfigMap(u"apply"_s, u"shrink"_s);
        QVERIFY2(live, qPrintable(why(live)));
        QCOMPARE(data(*live), (QJsonObject{{u"keep"_s, u"1"_s}}));
    }

    void dryRunChangesNothing()
    {
        QVERIFY(await(m_client->apply(configMap(u"apply"_s, u"dry"_s, {{u"v"_s, u"real"_s}}))));
        const auto before = getConfigMap(u"apply"_s, u"dry"_s);
        QVERIFY(before);
        ApplyOptions dry;
        dry.dryRun = true;
        const auto predicted = await(m_client->apply(configMap(u"apply"_s, u"dry"_s, {{u"v"_s, u"imagined"_s}}), dry));
        QVERIFY2(predicted, qPrintable(why(predicted)));
        QCOMPARE(data(predicted->object).value(u"v"_s).toString(), u"imagined"_s);
        const auto after = getConfigMap(u"apply"_s, u"dry"_s);
        QVERIFY(after);
        QCOMPARE(*after, *before);

        // A dry-run create answers like a create and stores nothing.
        const auto ghost = await(m_client->apply(configMap(u"apply"_s, u"ghost"_s, {{u"v"_s, u"1"_s}}), dry));
        QVERIFY2(ghost, qPrintable(why(ghost)));
        QVERIFY(ghost->created);
        QVERIFY(gone(QString(), u"ConfigMap"_s, u"apply"_s, u"ghost"_s));
    }

    void applyRejectsAnIncompleteObject()
    {
        const auto r = await(m_client->apply(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}}));
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::InvalidInput);
    }

    void mergePatchIsRecordedUnderItsManager()
    {
        QVERIFY(await(m_client->apply(configMap(u"apply"_s, u"patched"_s, {{u"a"_s, u"1"_s}}))));
        const auto patched = await(m_client->patch(QString(), u"v1"_s, u"ConfigMap"_s, u"apply"_s, u"patched"_s,
            PatchType::Merge, R"({"data":{"b":"2"}})", u"kubectl-edit"_s));
        QVERIFY2(patched, qPrintable(why(patched)));
        QCOMPARE(data(*patched), (QJsonObject{{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}));
        const QJsonObject entry = managedEntry(*patched, u"kubectl-edit"_s);
        QCOMPARE(entry.value(u"operation"_s).toString(), u"Update"_s);
        QVERIFY(owns(entry, u"b"_s));
        QVERIFY(!owns(entry, u"a"_s));

        const auto jsonPatched = await(m_client->patch(QString(), u"v1"_s, u"ConfigMap"_s, u"apply"_s, u"patched"_s,
            PatchType::JsonPatch, R"([{"op":"remove","path":"/data/a"}])"));
        QVERIFY2(jsonPatched, qPrintable(why(jsonPatched)));
        QCOMPARE(data(*jsonPatched), (QJsonObject{{u"b"_s, u"2"_s}}));

        const auto missing = await(m_client->patch(QString(), u"v1"_s, u"ConfigMap"_s, u"apply"_s, u"nobody"_s,
            PatchType::Merge, R"({"data":{"b":"2"}})"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
    }

    void updateReplacesAndChecksTheVersion()
    {
        const auto created = await(m_client->apply(configMap(u"apply"_s, u"put"_s, {{u"a"_s, u"1"_s}})));
        QVERIFY(created);
        QJsonObject object = created->object;
        object.insert(u"data"_s, QJsonObject{{u"a"_s, u"2"_s}});
        const auto updated = await(m_client->update(object));
        QVERIFY2(updated, qPrintable(why(updated)));
        QCOMPARE(data(*updated).value(u"a"_s).toString(), u"2"_s);
        // `object` still carries the old resourceVersion: optimistic locking refuses it.
        object.insert(u"data"_s, QJsonObject{{u"a"_s, u"3"_s}});
        const auto stale = await(m_client->update(object));
        QVERIFY(!stale);
        QCOMPARE(stale.error().httpStatus, 409);
        QCOMPARE(data(*getConfigMap(u"apply"_s, u"put"_s)).value(u"a"_s).toString(), u"2"_s);
    }

    void deleteBackground()
    {
        QVERIFY(createNamespace(u"del-bg"_s));
        const auto chain = makeChain(u"del-bg"_s, u"web"_s, false);
        QVERIFY(chain);
        const auto removed = await(m_client->remove(u"apps"_s, u"v1"_s, u"Deployment"_s, u"del-bg"_s, u"web"_s));
        QVERIFY2(removed, qPrintable(why(removed)));
        // The owner goes at once; the collector follows.
        QVERIFY(gone(u"apps"_s, u"Deployment"_s, u"del-bg"_s, u"web"_s));
        QTRY_VERIFY(gone(u"apps"_s, u"ReplicaSet"_s, u"del-bg"_s, u"web-manual"_s));
        for (const QString& pod : chain->pods)
            QTRY_VERIFY(gone(QString(), u"Pod"_s, u"del-bg"_s, pod));
    }

    void deleteForeground()
    {
        QVERIFY(createNamespace(u"del-fg"_s));
        const auto chain = makeChain(u"del-fg"_s, u"web"_s, true);
        QVERIFY(chain);
        const auto removed = await(m_client->remove(
            u"apps"_s, u"v1"_s, u"Deployment"_s, u"del-fg"_s, u"web"_s, Propagation::Foreground));
        QVERIFY2(removed, qPrintable(why(removed)));
        QTRY_VERIFY(gone(u"apps"_s, u"Deployment"_s, u"del-fg"_s, u"web"_s));
        // Foreground: by the time the owner is gone its dependents are too.
        QVERIFY(gone(u"apps"_s, u"ReplicaSet"_s, u"del-fg"_s, u"web-manual"_s));
        for (const QString& pod : chain->pods)
            QVERIFY(gone(QString(), u"Pod"_s, u"del-fg"_s, pod));
    }

    void deleteOrphanKeepsDependents()
    {
        QVERIFY(createNamespace(u"del-or"_s));
        const auto chain = makeChain(u"del-or"_s, u"web"_s, true);
        QVERIFY(chain);
        const auto removed = await(
            m_client->remove(u"apps"_s, u"v1"_s, u"Deployment"_s, u"del-or"_s, u"web"_s, Propagation::Orphan));
        QVERIFY2(removed, qPrintable(why(removed)));
        QTRY_VERIFY(gone(u"apps"_s, u"Deployment"_s, u"del-or"_s, u"web"_s));
        const auto rs = await(m_client->get(u"apps"_s, u"v1"_s, u"ReplicaSet"_s, u"del-or"_s, u"web-manual"_s));
        QVERIFY2(rs, qPrintable(why(rs)));
        QVERIFY(metadata(*rs).value(u"ownerReferences"_s).toArray().isEmpty());
        QCOMPARE(count(QString(), u"Pod"_s, u"del-or"_s), chain->pods.size());
    }

    void deleteDryRunKeepsTheObject()
    {
        QVERIFY(await(m_client->apply(configMap(u"apply"_s, u"survivor"_s, {{u"a"_s, u"1"_s}}))));
        const auto removed = await(m_client->remove(
            QString(), u"v1"_s, u"ConfigMap"_s, u"apply"_s, u"survivor"_s, Propagation::Background, true));
        QVERIFY2(removed, qPrintable(why(removed)));
        QVERIFY(getConfigMap(u"apply"_s, u"survivor"_s).has_value());
    }

    void deleteMissingIsNotFound()
    {
        const auto removed = await(m_client->remove(QString(), u"v1"_s, u"ConfigMap"_s, u"apply"_s, u"never-was"_s));
        QVERIFY(!removed);
        QCOMPARE(removed.error().code, Error::Code::NotFound);
        QCOMPARE(kube::KubeError::reason(removed.error()), u"NotFound"_s);
        QVERIFY(removed.error().toString().contains(u"never-was"_s));
    }
};

QTEST_GUILESS_MAIN(TestKubeApply)
#include "tst_kubeapply.moc"
