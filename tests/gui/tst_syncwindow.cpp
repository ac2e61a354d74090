// Sync from the window, on the demo: its sandbox serving over HTTPS on its own
// thread, both environments connected through the demo's kubeconfig. The staging
// api application (its Deployment scaled by hand) is planned, the plan dialog
// accepted, the operation runs in the queue and the Deployment turns Synced in
// the tree by watch; the audit journal holds the complete entry. A production
// environment's dialog wants its name typed; a second sync of the same
// environment queues behind the first. A rollback to the bad release from the
// History tab's entry point pins the application; a sync forward unpins it. A
// graph box only the cluster has shows its live object. Then a workspace of 300 ConfigMaps against
// a sandbox of its own is synced whole while a 5 ms timer measures the UI
// thread's longest stall, until the tree says every resource is Synced.
#include "demo/demosession.h"
#include "engine/auditlog.h"
#include "engine/driftstatus.h"
#include "git/repository.h"
#include "workspace/workspaceloader.h"
#include "gui/clusterconnections.h"
#include "gui/clustersettings.h"
#include "gui/environmenttreemodel.h"
#include "gui/graphview.h"
#include "gui/historypanel.h"
#include "gui/yamldiffview.h"
#include "engine/resourcegraph.h"
#include "gui/mainwindow.h"
#include "gui/operationqueue.h"
#include "gui/operationspanel.h"
#include "gui/syncdialog.h"
#include "kube/livesnapshot.h"
#include "sandbox/sandboxhost.h"
#include "testsupport/testrepo.h"

#include <QAction>
#include <QJsonArray>
#include <QTreeWidget>
#include <QElapsedTimer>
#include <QTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;

namespace {

constexpr int Timeout = 30'000;

const ResourceKey ApiDeployment {u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s};

} // namespace

class TestSyncWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<sandbox::SandboxHost> m_bigHost; // outlives the window's connection to it
    std::unique_ptr<test::TestRepo> m_bigRepo;
    std::unique_ptr<MainWindow> m_window;

    // With DRIFTLINE_SCREENSHOT_DIR set, the pictures the README and the closing notes show
    // (the plan dialog, a sync in progress, the History tab) are saved there as the test goes.
    static void screenshot(QWidget* widget, const QString& name)
    {
        const QString dir = qEnvironmentVariable("DRIFTLINE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(dir + u'/' + name + u".png"_s);
    }

    SyncDialog* prepare(const QString& environment, const engine::SyncSelection& selection)
    {
        SyncDialog* dialog = nullptr;
        const auto connection = connect(m_window.get(), &MainWindow::syncDialogReady, this,
            [&](SyncDialog* ready) { dialog = ready; });
        m_window->prepareSyncDialog(environment, selection);
        if (!QTest::qWaitFor([&] { return dialog != nullptr; }, 10'000))
            qWarning("no sync dialog for %s", qPrintable(environment));
        disconnect(connection);
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
        qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
        qputenv("KUBECONFIG", m_home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
        QCoreApplication::setApplicationName(u"tst_syncwindow"_s);
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_window->syncAction()->isEnabled()); // nothing to sync on the welcome page
        m_window->openDemo(m_home.filePath(u"demo"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isShowingWorkspace(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->treeModel()->drift(u"staging"_s) != nullptr
                && m_window->clusters()->snapshot(u"staging"_s)->isComplete(),
            Timeout);
        QVERIFY(m_window->syncAction()->isEnabled());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_bigHost.reset();
    }

    void syncAnApplicationFromTheWindow()
    {
        EnvironmentTreeModel* model = m_window->treeModel();
        const QString itemId = EnvironmentTreeModel::resourceId(u"staging/api"_s, ApiDeployment);
        const auto syncOf = [&] {
            return model->indexForId(itemId).data(EnvironmentTreeModel::SyncRole);
        };
        // The demo scaled it by hand.
        QTRY_COMPARE_WITH_TIMEOUT(syncOf(), QVariant(int(engine::SyncStatus::OutOfSync)), Timeout);

        engine::SyncSelection selection;
        selection.applicationIds << u"staging/api"_s;
        SyncDialog* dialog = prepare(u"staging"_s, selection);
        QVERIFY(dialog);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->windowTitle(), u"Sync staging / api"_s);
        const engine::SyncPlan plan = dialog->plan();
        QVERIFY(plan.runCount() > 0);
        bool updatesTheDeployment = false;
        for (const engine::SyncStep& step : plan.steps) {
            QCOMPARE(step.applicationId, u"staging/api"_s); // only the chosen application
            if (step.key.sameObject(ApiDeployment))
                updatesTheDeployment = step.action == engine::SyncAction::Update;
        }
        QVERIFY(updatesTheDeployment);
        // kubectl-scale owns spec.replicas now: taking it back is a forced apply.
        engine::SyncOptions options;
        options.force = true;
        dialog->setOptions(options);
        QTRY_VERIFY(!dialog->isPlanning());
        QVERIFY(dialog->syncButton()->isEnabled());
        if (qEnvironmentVariableIsSet("DRIFTLINE_SCREENSHOT_DIR")) {
            dialog->resize(1100, 680);
            dialog->show();
            QTest::qWait(200);
            screenshot(dialog, u"sync-plan"_s);
        }
        dialog->accept();

        OperationQueue* queue = m_window->operationQueue();
        QCOMPARE(queue->ids().size(), 1);
        const int id = queue->ids().constFirst();
        QVERIFY(!m_window->operationsPanel()->isHidden());
        QCOMPARE(m_window->operationsPanel()->currentOperation(), id);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), Timeout);
        const OperationQueue::Operation* op = queue->operation(id);
        QVERIFY2(op->state == OperationQueue::State::Done, qPrintable(m_window->operationsPanel()->statusText(id)));
        const engine::ResourceResult* result = op->report->result(ApiDeployment);
        QVERIFY(result);
        QCOMPARE(result->outcome, engine::ResourceOutcome::Configured);
        // The panel's table shows the outcome of each resource.
        const QTreeWidget* results = m_window->operationsPanel()->resultTable();
        QCOMPARE(results->topLevelItemCount(), int(op->report->results.size()));
        bool configuredRow = false;
        for (int row = 0; row < results->topLevelItemCount(); ++row) {
            const QTreeWidgetItem* item = results->topLevelItem(row);
            if (item->text(OperationsPanel::ResourceColumn) == ApiDeployment.displayName())
                configuredRow = item->text(OperationsPanel::OutcomeColumn) == u"configured"_s;
        }
        QVERIFY(configuredRow);

        // The watch brings the change back: the tree says Synced.
        QTRY_COMPARE_WITH_TIMEOUT(syncOf(), QVariant(int(engine::SyncStatus::Synced)), Timeout);

        // The journal: one complete entry for the operation.
        const engine::AuditLog log(m_window->auditLogPath());
        QVERIFY(log.path().startsWith(m_home.path()));
        const auto contents = log.read();
        QVERIFY(contents.has_value());
        QCOMPARE(contents->entries.size(), 1);
        const engine::AuditEntry& entry = contents->entries.constFirst();
        QCOMPARE(entry.kind, u"sync"_s);
        QCOMPARE(entry.environment, u"staging"_s);
        QCOMPARE(entry.outcome, u"succeeded"_s);
        QCOMPARE(entry.applications, QStringList {u"api"_s});
        QCOMPARE(entry.context, demo::DemoSession::contextName());
        QVERIFY(!entry.revision.isEmpty());
        QCOMPARE(entry.resources.size(), op->report->results.size());
        QVERIFY(entry.options.value(u"force"_s).toBool());
        bool deploymentRecorded = false;
        for (const QJsonValue& r : entry.resources) {
            const QJsonObject o = r.toObject();
            if (o.value(u"manifest"_s).toObject().value(u"kind"_s).toString() == u"Deployment"_s)
                deploymentRecorded = !o.value(u"outcome"_s).toString().isEmpty();
        }
        QVERIFY(deploymentRecorded);
    }

    // The History tab's "Roll back cluster…": the bad release goes back on, the
    // application is pinned to it; a sync forward to the branch unpins it.
    void rollbackPinsAndSyncForwardUnpins()
    {
        const QString repositoryPath = m_window->loader()->workspace().repositoryPath;
        auto repository = git::Repository::open(repositoryPath);
        QVERIFY(repository.has_value());
        const auto bad = repository->resolve(u"HEAD~1"_s); // "api: release 2.0.0"
        QVERIFY(bad.has_value());
        const auto liveImage = [&] {
            const auto live = m_window->clusters()->snapshot(u"staging"_s)->object(ApiDeployment);
            return live ? live->value(u"spec"_s).toObject().value(u"template"_s).toObject().value(u"spec"_s).toObject()
                              .value(u"containers"_s).toArray().first().toObject().value(u"image"_s).toString()
                        : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(liveImage().endsWith(u":2.0.1"_s), Timeout); // synced above

        SyncDialog* dialog = nullptr;
        auto connection = connect(m_window.get(), &MainWindow::syncDialogReady, this,
            [&](SyncDialog* ready) { dialog = ready; });
        m_window->planRollback(u"staging/api"_s, {}, *bad);
        QTRY_VERIFY_WITH_TIMEOUT(dialog != nullptr, Timeout);
        disconnect(connection);
        bool changesTheDeployment = false;
        for (const engine::SyncStep& step : dialog->plan().steps)
            changesTheDeployment |= step.key.sameObject(ApiDeployment) && step.action == engine::SyncAction::Update;
        QVERIFY(changesTheDeployment);
        dialog->accept();
        OperationQueue* queue = m_window->operationQueue();
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), Timeout);
        const OperationQueue::Operation* op = queue->operation(queue->ids().constLast());
        QVERIFY2(op->state == OperationQueue::State::Done, qPrintable(m_window->operationsPanel()->statusText(op->id)));
        QTRY_VERIFY_WITH_TIMEOUT(liveImage().endsWith(u":2.0.0"_s), Timeout);
        EnvironmentTreeModel* model = m_window->treeModel();
        QTRY_COMPARE(model->pin(u"staging/api"_s), bad->left(7));
        QVERIFY(model->indexForId(u"staging/api"_s, EnvironmentTreeModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(u"pinned to "_s + bad->left(7)));
        const auto contents = engine::AuditLog(m_window->auditLogPath()).read();
        QVERIFY(contents.has_value());
        QCOMPARE(contents->entries.constLast().kind, u"rollback"_s);
        QCOMPARE(contents->entries.constLast().revision, *bad);

        // Forward again: Git's branch, the pin gone.
        engine::SyncSelection selection;
        selection.applicationIds << u"staging/api"_s;
        SyncDialog* forward = prepare(u"staging"_s, selection);
        QVERIFY(forward);
        forward->accept();
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(liveImage().endsWith(u":2.0.1"_s), Timeout);
        QTRY_VERIFY(model->pin(u"staging/api"_s).isEmpty());
        if (qEnvironmentVariableIsSet("DRIFTLINE_SCREENSHOT_DIR")) {
            QVERIFY(m_window->selectItem(u"staging/api"_s));
            QVERIFY(m_window->setDetailsTab(u"history"_s));
            QTest::qWait(3000); // the history and each environment's live revision, on workers
            screenshot(m_window.get(), u"history"_s);
            QVERIFY(m_window->setDetailsTab(u"summary"_s));
        }
    }

    // A box only the cluster has (a ReplicaSet, a Pod) has no tree row: clicking it keeps
    // the application's row and shows the live object itself in the diff panel.
    void graphLiveChildShowsItsObject()
    {
        QVERIFY(m_window->selectItem(u"staging/api"_s));
        QVERIFY(m_window->setDetailsTab(u"graph"_s));
        GraphView* graph = m_window->graphView();
        QTRY_VERIFY_WITH_TIMEOUT(graph->applicationId() == u"staging/api"_s && !graph->isBusy()
                && graph->layoutCount() > 0,
            Timeout);
        ResourceKey child;
        for (const engine::GraphNode& n : graph->graph().nodes()) {
            if (n.type == engine::GraphNode::Type::Resource && !n.inGit && n.kind == u"ReplicaSet"_s)
                child = n.key;
        }
        QVERIFY(!child.name.isEmpty());
        Q_EMIT graph->resourceActivatedInApplication(u"staging/api"_s, child);
        QCOMPARE(m_window->currentItemId(), u"staging/api"_s);
        const YamlDiffView::Item* shown = m_window->yamlDiffView()->currentItem();
        QVERIFY(shown);
        QVERIFY(shown->key.sameObject(child));
        QVERIFY(shown->request.left.isEmpty());
        QCOMPARE(shown->request.right.value(u"kind"_s).toString(), u"ReplicaSet"_s);

        // An environment's row: every application of it in one graph, the web Ingress
        // routing to its deleted Service and the api's Pods that cannot start.
        QVERIFY(m_window->selectItem(u"staging"_s));
        QTRY_VERIFY_WITH_TIMEOUT(graph->environment() == u"staging"_s && !graph->isBusy(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(graph->nodeItem(engine::ResourceGraph::applicationNodeId(u"web"_s)) != nullptr
                && graph->nodeItem(engine::ResourceGraph::applicationNodeId(u"api"_s)) != nullptr,
            Timeout);
        const ResourceKey webService {{}, u"v1"_s, u"Service"_s, u"shop-staging"_s, u"web"_s};
        QVERIFY(graph->nodeItem(engine::ResourceGraph::nodeId(webService)));
        QVERIFY(m_window->setDetailsTab(u"summary"_s));
    }

    // "Sync…" in the diff panel plans the resource it shows; after a revert commit the
    // window offers the application's sync once the workspace has reloaded.
    void diffPanelAndRevertOfferASync()
    {
        QVERIFY(m_window->setDetailsTab(u"summary"_s));
        QVERIFY(m_window->selectItem(EnvironmentTreeModel::resourceId(u"staging/api"_s, ApiDeployment)));
        QAction* sync = m_window->yamlDiffView()->syncAction();
        QTRY_VERIFY(sync->isEnabled());
        SyncDialog* dialog = nullptr;
        auto connection = connect(m_window.get(), &MainWindow::syncDialogReady, this,
            [&](SyncDialog* ready) { dialog = ready; });
        sync->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(dialog != nullptr, Timeout);
        for (const engine::SyncStep& step : dialog->plan().steps)
            QVERIFY2(step.key.sameObject(ApiDeployment), qPrintable(step.key.displayName()));
        QVERIFY(!dialog->plan().steps.isEmpty());
        dialog->reject();

        // (The revert itself is tst_historypanel's; here only what the window does after it.)
        QVERIFY(m_window->selectItem(u"staging/api"_s));
        QVERIFY(m_window->setDetailsTab(u"history"_s));
        QTRY_COMPARE(m_window->historyPanel()->applicationId(), u"staging/api"_s);
        dialog = nullptr;
        Q_EMIT m_window->historyPanel()->reverted(u"0123456789abcdef"_s);
        QMessageBox* offer = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((offer = m_window->findChild<QMessageBox*>(u"syncAfterRevertBox"_s)) != nullptr, Timeout);
        QVERIFY(offer->text().contains(u"0123456"_s));
        offer->findChild<QPushButton*>(u"syncAfterRevertButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog != nullptr, Timeout);
        disconnect(connection);
        QCOMPARE(dialog->windowTitle(), u"Sync staging / api"_s);
        dialog->reject();
        QVERIFY(m_window->setDetailsTab(u"summary"_s));
    }

    void productionAsksForItsName()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_window->treeModel()->drift(u"production"_s) != nullptr
                && m_window->clusters()->snapshot(u"production"_s)->isComplete(),
            Timeout);
        SyncDialog* dialog = prepare(u"production"_s, {});
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Sync production"_s);
        QVERIFY(dialog->plan().runCount() > 0);
        QVERIFY(!dialog->syncButton()->isEnabled());
        dialog->confirmationEdit()->setText(u"production"_s);
        QVERIFY(dialog->syncButton()->isEnabled());
        dialog->reject();
    }

    void aSecondSyncQueuesBehindTheFirst()
    {
        OperationQueue* queue = m_window->operationQueue();
        const qsizetype before = queue->ids().size();
        engine::SyncSelection selection;
        selection.applicationIds << u"staging/web"_s;
        SyncDialog* first = prepare(u"staging"_s, selection);
        QVERIFY(first);
        engine::SyncOptions dryRun;
        dryRun.dryRun = true;
        first->setOptions(dryRun);
        SyncDialog* second = prepare(u"staging"_s, selection);
        QVERIFY(second);
        second->setOptions(dryRun);
        QCOMPARE(first->syncButton()->text(), u"Dry Run"_s);
        first->accept();
        second->accept();
        QCOMPARE(queue->ids().size(), before + 2);
        const int a = queue->ids().at(before);
        const int b = queue->ids().at(before + 1);
        QCOMPARE(queue->operation(a)->title, u"Sync staging / web (dry run)"_s);
        QCOMPARE(queue->operation(b)->state, OperationQueue::State::Queued);
        QCOMPARE(queue->waitingBehind(b), a);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), Timeout);
        QCOMPARE(queue->operation(a)->state, OperationQueue::State::Done);
        QCOMPARE(queue->operation(b)->state, OperationQueue::State::Done);
        QVERIFY(queue->operation(b)->report->options.dryRun);
    }

    void syncActionTakesTheCurrentItem()
    {
        QVERIFY(m_window->selectItem(EnvironmentTreeModel::resourceId(u"staging/api"_s, ApiDeployment)));
        SyncDialog* dialog = nullptr;
        const auto connection = connect(m_window.get(), &MainWindow::syncDialogReady, this,
            [&](SyncDialog* ready) { dialog = ready; });
        m_window->syncAction()->trigger();
        QTRY_VERIFY(dialog != nullptr);
        disconnect(connection);
        QTRY_VERIFY(dialog->isVisible()); // the action shows it
        QCOMPARE(dialog->windowTitle(), u"Sync staging / Deployment/shop-staging/api"_s);
        QCOMPARE(dialog->plan().steps.size(), 1);
        QVERIFY(dialog->plan().steps.constFirst().key.sameObject(ApiDeployment));
        dialog->reject();
    }

    void largeSyncKeepsTheWindowResponsive()
    {
        constexpr int Count = 300;
        m_bigHost = std::make_unique<sandbox::SandboxHost>();
        sandbox::SandboxHost::Options options;
        options.controllers = false;
        m_bigHost->setOptions(options);
        QVERIFY(m_bigHost->start().has_value());
        const QString kubeconfig = m_home.filePath(u"big.kubeconfig"_s);
        QVERIFY(m_bigHost->writeKubeconfig(kubeconfig).has_value());

        // One environment (the kubeconfig's current context), one application of 300 ConfigMaps.
        m_bigRepo = std::make_unique<test::TestRepo>();
        test::TestRepo& repo = *m_bigRepo;
        QVERIFY(repo.isValid());
        repo.write(u"driftline.yaml"_s,
            "environments:\n  - name: lab\n    namespace: big\napplications:\n  - name: big\n    path: big\n");
        repo.write(u"big/namespace.yaml"_s, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: big\n");
        QByteArray configMaps;
        for (int i = 0; i < Count; ++i)
            configMaps += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-" + QByteArray::number(i)
                + "\n  namespace: big\ndata:\n  value: \"" + QByteArray::number(i) + "\"\n";
        repo.write(u"big/configmaps.yaml"_s, configMaps);
        repo.commit(u"Three hundred settings"_s);
        ClusterSettings(repo.path()).setKubeconfigFile(kubeconfig);

        m_window->openWorkspace(repo.path());
        const auto drift = [&] { return m_window->treeModel()->drift(u"lab"_s); };
        QTRY_VERIFY_WITH_TIMEOUT(drift() && drift()->counts.value(engine::SyncStatus::Missing) == Count + 1
                && m_window->clusters()->snapshot(u"lab"_s)->isComplete(),
            Timeout);

        SyncDialog* dialog = prepare(u"lab"_s, {});
        QVERIFY(dialog);
        QCOMPARE(dialog->plan().count(engine::SyncAction::Create), Count + 1);

        qint64 longest = 0;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(5);
        QElapsedTimer clock;
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 gap = sinceTick.restart();
            if (gap > 40)
                qInfo("stall of %lld ms ending at %lld ms", gap, clock.elapsed());
            longest = std::max(longest, gap);
        });
        sinceTick.start();
        probe.start();
        clock.start();
        dialog->accept();
        qInfo("accepted after %lld ms", clock.elapsed());
        OperationQueue* queue = m_window->operationQueue();
        if (qEnvironmentVariableIsSet("DRIFTLINE_SCREENSHOT_DIR")) {
            QTRY_VERIFY(queue->operation(queue->ids().constLast())->state == OperationQueue::State::Running);
            QTest::qWait(150);
            screenshot(m_window.get(), u"sync-progress"_s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), Timeout);
        const qint64 syncMs = clock.elapsed();
        // Until the watch has brought every object back and the tree judged them.
        QTRY_VERIFY_WITH_TIMEOUT(drift()->counts.value(engine::SyncStatus::Synced) == Count + 1, Timeout);
        QTest::qWait(20);
        probe.stop();
        const OperationQueue::Operation* op = queue->operation(queue->ids().constLast());
        QCOMPARE(op->state, OperationQueue::State::Done);
        QCOMPARE(op->report->count(engine::ResourceOutcome::Created), Count + 1);
        qInfo("sync of %d resources from the window: %lld ms; all Synced after %lld ms; longest UI-thread stall %lld ms",
            Count + 1, syncMs, clock.elapsed(), longest);
        QVERIFY2(longest < 100, qPrintable(u"the UI thread stalled for %1 ms"_s.arg(longest)));
    }
};

QTEST_MAIN(TestSyncWindow)
#include "tst_syncwindow.moc"
