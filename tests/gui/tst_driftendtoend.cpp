// Drift end to end, in the real window on the demo: the sandbox serving over
// HTTPS on a loopback port, both environments connected through the kubeconfig
// the demo wrote, watches feeding the live caches. Changes made through the
// API, as kubectl makes them, show up in the tree by watch: an edited field
// turns its resource OutOfSync within 2 s and the drift names exactly that
// field; a deleted object turns Missing; a tracked object Git does not have is
// Extraneous.
#include "demo/demosession.h"
#include "engine/driftstatus.h"
#include "gui/environmenttreemodel.h"
#include "gui/mainwindow.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "testsupport/await.h"
#include "workspace/workspaceloader.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using driftline::test::await;
using driftline::test::why;

namespace {

constexpr int Timeout = 60'000;
// The issue's promise for a watched change: from the API call to the tree.
constexpr int WatchBudgetMs = 2'000;

const QString Production = u"production"_s;
const QString Namespace = u"shop-prod"_s;
const QString App = u"production/postgres"_s;

} // namespace

class TestDriftEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void liveEditTurnsOutOfSyncWithinTwoSeconds();
    void deletedObjectTurnsMissing();
    void trackedObjectAbsentFromGitIsExtraneous();
    void cleanupTestCase();

private:
    std::shared_ptr<const engine::EnvironmentDrift> drift() const
    {
        return m_window->treeModel()->drift(Production);
    }
    // The resource's sync as the window's model holds it; Unknown when absent.
    engine::SyncStatus syncOf(const ResourceKey& key) const
    {
        const auto d = drift();
        const engine::ResourceDrift* r = d ? d->resource(App, key) : nullptr;
        return r ? r->sync : engine::SyncStatus::Unknown;
    }
    // The tree row's status text, as a person reads it.
    QString treeStatus(const ResourceKey& key) const
    {
        const QModelIndex index = m_window->treeModel()->indexForId(
            EnvironmentTreeModel::resourceId(App, key), EnvironmentTreeModel::StatusColumn);
        return index.isValid() ? index.data().toString() : QString();
    }

    QTemporaryDir m_home;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<kube::KubeClient> m_client;
};

void TestDriftEndToEnd::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
    qputenv("KUBECONFIG", m_home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
    QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
    QCoreApplication::setApplicationName(u"tst_driftendtoend"_s);

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openDemo(m_home.filePath(u"demo"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isShowingWorkspace() && m_window->demoSession(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->loader()->workspace().repositoryPath, m_window->demoSession()->repositoryPath(), Timeout);

    // A client of our own, as kubectl would be: the demo's kubeconfig and context.
    auto config = kube::Kubeconfig::loadFile(m_window->demoSession()->kubeconfigPath());
    QVERIFY2(config, qPrintable(why(config)));
    m_client = std::make_unique<kube::KubeClient>(
        std::make_shared<kube::CredentialResolver>(*config), demo::DemoSession::contextName());

    // The first comparison of production, with the cluster read completely.
    QTRY_VERIFY_WITH_TIMEOUT(drift() && drift()->connected && drift()->applications.contains(App), Timeout);
}

void TestDriftEndToEnd::liveEditTurnsOutOfSyncWithinTwoSeconds()
{
    const ResourceKey key { {}, u"v1"_s, u"ConfigMap"_s, Namespace, u"postgres-config"_s };
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(key), engine::SyncStatus::Synced, Timeout);
    const QString synced = engine::DriftStatus::syncName(engine::SyncStatus::Synced);
    QTRY_VERIFY2_WITH_TIMEOUT(treeStatus(key).startsWith(synced), qPrintable(treeStatus(key)), Timeout);

    // kubectl edit of one label value.
    QElapsedTimer clock;
    clock.start();
    auto patched = m_client->patch({}, u"v1"_s, u"ConfigMap"_s, Namespace, u"postgres-config"_s,
        kube::PatchType::Merge, R"({"metadata":{"labels":{"app.kubernetes.io/component":"db"}}})",
        u"kubectl-edit"_s);
    const QString outOfSync = engine::DriftStatus::syncName(engine::SyncStatus::OutOfSync);
    QTRY_VERIFY2_WITH_TIMEOUT(syncOf(key) == engine::SyncStatus::OutOfSync && treeStatus(key).startsWith(outOfSync),
        qPrintable(treeStatus(key)), WatchBudgetMs);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed <= WatchBudgetMs, qPrintable(u"%1 ms from the patch to the tree"_s.arg(elapsed)));
    const Result<QJsonObject> result = await(patched);
    QVERIFY2(result, qPrintable(why(result)));
    qInfo("patch to OutOfSync in the tree: %lld ms", elapsed);

    // The drift names that field alone, and who changed it.
    const engine::ResourceDrift* r = drift()->resource(App, key);
    QVERIFY(r);
    QStringList differences;
    for (const engine::Difference& d : r->differences)
        differences << d.path + u" = "_s + d.live.toString() + u" by "_s + d.manager;
    QCOMPARE(differences,
        QStringList { u"/metadata/labels/app.kubernetes.io~1component = db by kubectl-edit"_s });
    QCOMPARE(r->differences[0].kind, engine::Difference::Changed);
    QCOMPARE(r->differences[0].desired.toString(), u"database"_s);
    QCOMPARE(drift()->applications.value(App).sync, engine::SyncStatus::OutOfSync);
}

void TestDriftEndToEnd::deletedObjectTurnsMissing()
{
    const ResourceKey key { {}, u"v1"_s, u"Service"_s, Namespace, u"postgres"_s };
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(key), engine::SyncStatus::Synced, Timeout);

    QElapsedTimer clock;
    clock.start();
    const Result<void> removed = await(m_client->remove({}, u"v1"_s, u"Service"_s, Namespace, u"postgres"_s));
    QVERIFY2(removed, qPrintable(why(removed)));
    const QString missing = engine::DriftStatus::syncName(engine::SyncStatus::Missing);
    QTRY_VERIFY2_WITH_TIMEOUT(syncOf(key) == engine::SyncStatus::Missing && treeStatus(key).startsWith(missing),
        qPrintable(treeStatus(key)), WatchBudgetMs);
    qInfo("delete to Missing in the tree: %lld ms", clock.elapsed());
    QVERIFY(drift()->applications.value(App).counts.value(engine::SyncStatus::Missing) >= 1);
}

void TestDriftEndToEnd::trackedObjectAbsentFromGitIsExtraneous()
{
    const ResourceKey key { {}, u"v1"_s, u"ConfigMap"_s, Namespace, u"postgres-scratch"_s };
    QCOMPARE(syncOf(key), engine::SyncStatus::Unknown); // not known at all yet
    const QJsonObject object {
        { u"apiVersion"_s, u"v1"_s },
        { u"kind"_s, u"ConfigMap"_s },
        { u"metadata"_s,
            QJsonObject { { u"name"_s, key.name }, { u"namespace"_s, key.namespace_ },
                { u"annotations"_s,
                    QJsonObject { { QString(kube::TrackingId::DriftlineAnnotation),
                        kube::TrackingId::forResource(u"postgres"_s, key).toString() } } } } },
        { u"data"_s, QJsonObject { { u"note"_s, u"made by hand"_s } } },
    };
    QElapsedTimer clock;
    clock.start();
    const Result<QJsonObject> created = await(m_client->create(object));
    QVERIFY2(created, qPrintable(why(created)));
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(key), engine::SyncStatus::Extraneous, WatchBudgetMs);
    qInfo("create to Extraneous in the drift: %lld ms", clock.elapsed());
    const engine::ApplicationDrift app = drift()->applications.value(App);
    QVERIFY(app.counts.value(engine::SyncStatus::Extraneous) >= 1);
    QVERIFY(app.sync != engine::SyncStatus::Synced);
    // The tree shows it as a row of its application.
    const QString extraneous = engine::DriftStatus::syncName(engine::SyncStatus::Extraneous);
    QTRY_VERIFY2_WITH_TIMEOUT(treeStatus(key).startsWith(extraneous), qPrintable(treeStatus(key)), 5'000);
}

void TestDriftEndToEnd::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
}

QTEST_MAIN(TestDriftEndToEnd)
#include "tst_driftendtoend.moc"
