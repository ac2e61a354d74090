// RollbackPlanner against a real git repository and an in-process sandbox over
// HTTPS: an application rendered at an earlier commit (any revision spelling),
// refused when the revision or the render fails, and the plan built from that
// render against the live cluster takes it back exactly (the old object values,
// what only the old revision had created, what only the new one had pruned with
// --prune and left alone without), leaving other applications' objects alone.
#include "engine/rollbackplanner.h"
#include "engine/syncoperation.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;
using driftline::sandbox::SandboxServer;
using driftline::test::await;
using driftline::test::TestRepo;
using driftline::test::why;

namespace {

QByteArray configMap(const QByteArray& name, const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
}

const kube::ConnectionState Connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};

} // namespace

class TestRollbackPlanner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::shared_ptr<kube::KubeClient> m_client;
    TestRepo m_repo;
    QString m_v1;
    QString m_v2;
    workspace::Application m_app;

    std::shared_ptr<const kube::LiveSnapshot> snapshot(const QSet<ResourceKey>& desired)
    {
        kube::LiveSnapshot::Input input;
        m_server->store().forEachObject([&](const sandbox::ResourceType& t, const QJsonObject& o) {
            QJsonObject withKind = o;
            withKind.insert(u"apiVersion"_s, t.groupVersion());
            withKind.insert(u"kind"_s, t.kind);
            const ResourceKey key = kube::LiveSnapshot::keyOf(withKind);
            input.buckets[key.groupKind()].insert(key, withKind);
        });
        input.desiredKeys = desired;
        input.complete = true;
        return kube::LiveSnapshot::build(input);
    }

    SyncPlan planAt(const QString& revision, const SyncOptions& options)
    {
        const auto rendered = RollbackPlanner::render(m_repo.path(), m_app, revision);
        if (!rendered)
            return {};
        QSet<ResourceKey> keys;
        for (const Resource& r : rendered->render.resources)
            keys.insert(kube::LiveSnapshot::withoutVersion(r.key()));
        return RollbackPlanner::plan(u"staging"_s, m_app, *rendered, *snapshot(keys), Connected, options);
    }

    std::optional<SyncReport> run(const SyncPlan& plan)
    {
        QFuture<SyncReport> future = SyncOperation::run(std::make_shared<SyncOperation>(plan, m_client));
        QDeadlineTimer deadline(20'000);
        while (!future.isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!future.isFinished() || future.resultCount() == 0)
            return std::nullopt;
        return future.result();
    }

    QString valueOf(const QString& name)
    {
        const auto got = await(m_client->get({}, u"v1"_s, u"ConfigMap"_s, u"roll"_s, name));
        if (!got)
            return u"<absent>"_s;
        return got->value(u"data"_s).toObject().value(u"value"_s).toString();
    }

    static std::optional<SyncAction> actionOf(const SyncPlan& plan, const QString& name)
    {
        for (const SyncStep& s : plan.steps) {
            if (s.key.name == name)
                return s.action;
        }
        return std::nullopt;
    }

    static bool planned(const SyncPlan& plan, const QString& name)
    {
        return std::any_of(plan.steps.cbegin(), plan.steps.cend(), [&](const SyncStep& s) { return s.key.name == name; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_repo.isValid());
        m_repo.write(u"app/resources.yaml"_s, configMap("settings", "1") + "---\n" + configMap("old-only", "old"));
        m_v1 = m_repo.commit(u"first settings"_s);
        m_repo.write(u"app/resources.yaml"_s, configMap("settings", "2") + "---\n" + configMap("new-only", "new"));
        m_v2 = m_repo.commit(u"second settings"_s);
        m_app.name = u"web"_s;
        m_app.environment = u"staging"_s;
        m_app.path = u"app"_s;
        m_app.namespace_ = u"roll"_s;

        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        const QString path = m_dir.filePath(u"sandbox.kubeconfig"_s);
        QVERIFY(m_server->kubeconfig(path));
        auto config = kube::Kubeconfig::loadFile(path);
        QVERIFY(config.has_value());
        m_client = std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
        QJsonObject ns {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                        {u"metadata"_s, QJsonObject {{u"name"_s, u"roll"_s}}}};
        QVERIFY(await(m_client->create(ns)).has_value());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void rendersTheOldRevision()
    {
        const auto rendered = RollbackPlanner::render(m_repo.path(), m_app, m_v1);
        QVERIFY2(rendered.has_value(), qPrintable(why(rendered)));
        QCOMPARE(rendered->commitId, m_v1);
        QStringList names;
        for (const Resource& r : rendered->render.resources)
            names << r.key().name;
        names.sort();
        QCOMPARE(names, (QStringList {u"old-only"_s, u"settings"_s}));
        // The application's namespace is filled in, as the workspace renders it.
        QCOMPARE(rendered->render.resources.constFirst().key().namespace_, u"roll"_s);
        // Any spelling git understands resolves to the full id.
        const auto byName = RollbackPlanner::render(m_repo.path(), m_app, u"HEAD~1"_s);
        QVERIFY2(byName.has_value(), qPrintable(why(byName)));
        QCOMPARE(byName->commitId, m_v1);
        QCOMPARE(RollbackPlanner::render(m_repo.path(), m_app, m_v1.left(8))->commitId, m_v1);
    }

    void refusesWhatCannotBeRendered()
    {
        const auto unknown = RollbackPlanner::render(m_repo.path(), m_app, u"no-such-revision"_s);
        QVERIFY(!unknown.has_value());
        QVERIFY2(unknown.error().toString().contains(u"no-such-revision"_s), qPrintable(unknown.error().toString()));
        const auto noRepo = RollbackPlanner::render(m_dir.filePath(u"nothing"_s), m_app, m_v1);
        QVERIFY(!noRepo.has_value());
        // A revision whose manifests do not parse: no partial rollback.
        m_repo.write(u"broken/resources.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        const QString broken = m_repo.commit(u"broken"_s);
        workspace::Application app = m_app;
        app.path = u"broken"_s;
        const auto bad = RollbackPlanner::render(m_repo.path(), app, broken);
        QVERIFY(!bad.has_value());
        QVERIFY2(bad.error().toString().contains(broken.left(8)), qPrintable(bad.error().toString()));
    }

    void rollsTheClusterBack()
    {
        // The cluster as the branch has it (v2), plus an object another application tracks.
        const SyncPlan toHead = planAt(m_v2, {});
        QCOMPARE(toHead.count(SyncAction::Create), 2);
        const auto synced = run(toHead);
        QVERIFY(synced.has_value());
        QVERIFY(synced->succeeded());
        QJsonObject other = QJsonDocument::fromJson(R"({"apiVersion":"v1","kind":"ConfigMap",
            "metadata":{"name":"api-settings","namespace":"roll"},"data":{"value":"api"}})").object();
        QVERIFY(await(m_client->apply(kube::TrackingId::annotated(other, u"api"_s, kube::LiveSnapshot::keyOf(other))))
                    .has_value());
        QCOMPARE(valueOf(u"settings"_s), u"2"_s);

        // Without --prune what v1 did not have stays, listed but left alone.
        const SyncPlan keep = planAt(m_v1, {});
        QCOMPARE(keep.environment, u"staging"_s);
        QVERIFY(actionOf(keep, u"settings"_s) == SyncAction::Update);
        QVERIFY(actionOf(keep, u"old-only"_s) == SyncAction::Create);
        QVERIFY(actionOf(keep, u"new-only"_s) == SyncAction::Unchanged);
        QVERIFY(!planned(keep, u"api-settings"_s));
        for (const SyncStep& step : keep.steps)
            QCOMPARE(step.applicationId, u"staging/web"_s);

        SyncOptions prune;
        prune.prune = true;
        const SyncPlan back = planAt(m_v1, prune);
        QVERIFY(actionOf(back, u"new-only"_s) == SyncAction::Prune);
        QCOMPARE(back.runCount(), 3);
        QVERIFY(!planned(back, u"api-settings"_s));
        const auto report = run(back);
        QVERIFY(report.has_value());
        QVERIFY(report->succeeded());
        QCOMPARE(valueOf(u"settings"_s), u"1"_s);
        QCOMPARE(valueOf(u"old-only"_s), u"old"_s);
        QCOMPARE(valueOf(u"new-only"_s), u"<absent>"_s);
        QCOMPARE(valueOf(u"api-settings"_s), u"api"_s);

        // Rolled back: planning the same revision again has nothing left to change.
        SyncOptions onlyOutOfSync = prune;
        onlyOutOfSync.onlyOutOfSync = true;
        QCOMPARE(planAt(m_v1, onlyOutOfSync).runCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRollbackPlanner)
#include "tst_rollbackplanner.moc"
