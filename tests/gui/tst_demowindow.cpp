// The window on the demo as `./dev run` opens it: the sandbox started on its
// own thread, both environments connected to it through the kubeconfig the demo
// wrote, the tree and the status bar saying so, and the YAML panel showing
// each selected resource as the cluster has it beside the rendered one, hand
// edits and deletions included.
#include "demo/demosession.h"
#include "engine/driftstatus.h"
#include "gui/clusterconnections.h"
#include "gui/environmenttreemodel.h"
#include "gui/mainwindow.h"
#include "git/repository.h"
#include "gui/yamldiffview.h"
#include "workspace/workspaceloader.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;

namespace {

constexpr int Timeout = 60'000;

QString statusOf(const QAbstractItemModel& model, const QString& environment)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, EnvironmentTreeModel::NameColumn);
        if (index.data().toString() == environment)
            return index.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString();
    }
    return {};
}

} // namespace

class TestDemoWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
        qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
        // The user's own kubeconfig must not matter to the demo.
        qputenv("KUBECONFIG", m_home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
        QCoreApplication::setApplicationName(u"tst_demowindow"_s);

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->openDemo(m_home.filePath(u"demo"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isShowingWorkspace(), Timeout);
        QVERIFY(m_window->demoSession());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->loader()->workspace().repositoryPath, m_window->demoSession()->repositoryPath(), Timeout);
    }

    void environmentsConnectToTheSandbox()
    {
        const QAbstractItemModel& model = *m_window->treeView()->model();
        for (const QString& env : {u"staging"_s, u"production"_s}) {
            QTRY_VERIFY2_WITH_TIMEOUT(statusOf(model, env).contains(u"Connected"_s), qPrintable(statusOf(model, env)),
                Timeout);
            QCOMPARE(m_window->clusters()->state(env).context, u"driftline-sandbox"_s);
        }
        const QString bar = m_window->clusterStatusLabel()->text();
        QVERIFY2(bar.contains(u"staging: Connected"_s) && bar.contains(u"production: Connected"_s), qPrintable(bar));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->clusters()->snapshot(u"staging"_s)->isComplete(), Timeout);
        // Tracked objects of every application, the hand-made extra included.
        const auto production = m_window->clusters()->snapshot(u"production"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->clusters()->snapshot(u"production"_s)->applications().contains(u"web"_s),
            Timeout);
        const ResourceKey extra {{}, {}, u"ConfigMap"_s, u"shop-prod"_s, u"web-debug"_s};
        QTRY_VERIFY_WITH_TIMEOUT(m_window->clusters()->snapshot(u"production"_s)->isTracked(extra), Timeout);
    }

    void liveObjectBesideTheRenderedOne()
    {
        const QString deployment = EnvironmentTreeModel::resourceId(
            u"staging/api"_s, ResourceKey {u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s});
        QVERIFY(m_window->selectItem(deployment));
        YamlDiffView* view = m_window->yamlDiffView();
        view->setMode(YamlDiffView::Mode::SideBySide, false);
        const auto shown = [view] {
            return view->currentItem() && view->currentItem()->key.name == u"api"_s
                && !view->currentItem()->request.right.isEmpty() && !view->isComputing() && view->currentDiff();
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown(), Timeout);
        const QString git = view->paneText(engine::LeftSide);
        const QString live = view->paneText(engine::RightSide);
        // Scaled by hand to 4; the image is the older revision's.
        QVERIFY2(live.contains(u"replicas: 4"_s), qPrintable(live));
        QVERIFY2(!git.contains(u"replicas: 4"_s), qPrintable(git));
        QVERIFY2(live.contains(u":2.0.0"_s) && git.contains(u":2.0.1"_s), qPrintable(live));
        QVERIFY2(view->headerText().contains(u"Live · staging"_s), qPrintable(view->headerText()));
        QVERIFY2(!live.contains(u"managedFields"_s), "the server's bookkeeping is left out");
        // The summary names the hand-made change and who made it.
        const QString summary = view->summaryText();
        QVERIFY2(summary.contains(u"spec.replicas"_s) && summary.contains(u"kubectl-scale"_s), qPrintable(summary));
        // The full live object: still no managedFields, but the status the server wrote.
        view->setNormalized(false);
        QTRY_VERIFY_WITH_TIMEOUT(shown() && view->paneText(engine::RightSide).contains(u"status:"_s), Timeout);
        QVERIFY(!view->paneText(engine::RightSide).contains(u"managedFields"_s));
        view->setNormalized(true);

        // The Service deleted by hand is not there.
        const QString service = EnvironmentTreeModel::resourceId(
            u"staging/web"_s, ResourceKey {{}, u"v1"_s, u"Service"_s, u"shop-staging"_s, u"web"_s});
        QVERIFY(m_window->selectItem(service));
        QTRY_VERIFY_WITH_TIMEOUT(view->currentItem() && view->currentItem()->key.kind == u"Service"_s
                && view->currentItem()->request.right.isEmpty() && !view->isComputing() && view->currentDiff(),
            Timeout);
        QVERIFY2(view->summaryText().contains(u"Missing in the cluster"_s), qPrintable(view->summaryText()));
    }

    void driftShowsInTheTree()
    {
        // The seeded story, as the tree tells it once the comparison has run.
        const auto drift = [&](const QString& env) { return m_window->treeModel()->drift(env); };
        QTRY_VERIFY_WITH_TIMEOUT(drift(u"staging"_s) && drift(u"production"_s)
                && drift(u"staging"_s)->sync != engine::SyncStatus::Unknown
                && drift(u"production"_s)->sync != engine::SyncStatus::Unknown,
            Timeout);
        const auto status = [&](const QString& env, const QString& app, const ResourceKey& key) {
            const engine::ResourceDrift* r = drift(env)->resource(env + u'/' + app, key);
            return r ? *r : engine::ResourceDrift {};
        };
        const engine::ResourceDrift scaled
            = status(u"staging"_s, u"api"_s, {u"apps"_s, {}, u"Deployment"_s, u"shop-staging"_s, u"api"_s});
        QCOMPARE(scaled.sync, engine::SyncStatus::OutOfSync);
        QStringList paths;
        for (const engine::Difference& d : scaled.differences)
            paths << d.path + u" by "_s + d.manager;
        QVERIFY2(paths.contains(u"/spec/replicas by kubectl-scale"_s), qPrintable(paths.join(u", "_s)));

        const engine::ResourceDrift deleted
            = status(u"staging"_s, u"web"_s, {{}, {}, u"Service"_s, u"shop-staging"_s, u"web"_s});
        QCOMPARE(deleted.sync, engine::SyncStatus::Missing);
        const engine::ResourceDrift edited
            = status(u"production"_s, u"web"_s, {{}, {}, u"ConfigMap"_s, u"shop-prod"_s, u"web-config"_s});
        QCOMPARE(edited.sync, engine::SyncStatus::OutOfSync);
        const engine::ResourceDrift extra
            = status(u"production"_s, u"web"_s, {{}, {}, u"ConfigMap"_s, u"shop-prod"_s, u"web-debug"_s});
        QCOMPARE(extra.sync, engine::SyncStatus::Extraneous);
        const engine::ResourceDrift untouched
            = status(u"production"_s, u"postgres"_s, {u"apps"_s, {}, u"StatefulSet"_s, u"shop-prod"_s, u"postgres"_s});
        QCOMPARE(untouched.sync, engine::SyncStatus::Synced);

        // The tree says it too.
        const QModelIndex api = m_window->treeModel()->indexForId(u"staging/api"_s, EnvironmentTreeModel::StatusColumn);
        QTRY_VERIFY2_WITH_TIMEOUT(api.data().toString().startsWith(u"OutOfSync"_s), qPrintable(api.data().toString()),
            Timeout);
        // The namespaces of the other environment are that environment's, not extraneous here.
        QCOMPARE(drift(u"staging"_s)->applications.value(u"staging/namespaces"_s).sync, engine::SyncStatus::Synced);
    }

    void comparisonsOfEnvironmentsAndRevisions()
    {
        YamlDiffView* view = m_window->yamlDiffView();
        // The same application in two environments, every resource pair in the chooser.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->loader()->result(u"staging/api"_s)
                && m_window->loader()->result(u"production/api"_s),
            Timeout);
        m_window->compareWithEnvironment(u"staging/api"_s, u"production"_s);
        QTRY_VERIFY_WITH_TIMEOUT(view->isComparison() && !view->isComputing() && view->currentDiff(), Timeout);
        QVERIFY(view->itemCount() >= 2);
        QVERIFY2(view->chooserCountLabel()->text().contains(u" of %1 differ"_s.arg(view->itemCount())),
            qPrintable(view->chooserCountLabel()->text()));
        QVERIFY2(view->headerText().contains(u"production"_s), qPrintable(view->headerText()));
        // Namespaces differ between the environments, so the first (differing) pair has changes.
        QVERIFY(!view->currentDiff()->equal);
        // A live update does not replace the comparison; closing it brings the live view back.
        Q_EMIT view->closeRequested();
        QVERIFY(!view->isComparison());

        // The application at its first commit against now.
        auto repository = git::Repository::open(m_window->loader()->workspace().repositoryPath);
        QVERIFY(repository);
        const auto history = repository->history({u"apps/api"_s});
        QVERIFY(history && !history->isEmpty());
        m_window->compareWithRevision(u"staging/api"_s, history->last().id);
        QTRY_VERIFY_WITH_TIMEOUT(view->isComparison() && !view->isComputing() && view->currentDiff(), Timeout);
        QVERIFY2(view->headerText().contains(history->last().id.left(7)), qPrintable(view->headerText()));
        QCOMPARE(view->currentItem()->request.source, engine::ResourceDiffRequest::Source::Revisions);
        // Selecting something else ends the comparison.
        const QString deployment = EnvironmentTreeModel::resourceId(
            u"staging/api"_s, ResourceKey {u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s});
        QVERIFY(m_window->selectItem(deployment));
        QTRY_VERIFY_WITH_TIMEOUT(!view->isComparison() && view->currentItem()
                && view->currentItem()->request.source == engine::ResourceDiffRequest::Source::GitVsLive,
            Timeout);
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

private:
    QTemporaryDir m_home;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestDemoWindow)
#include "tst_demowindow.moc"
