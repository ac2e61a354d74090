// The main window: the welcome page, or an open workspace with the
// environment tree, the summary of the selection, the YAML panel and the
// activity panel. All loading happens in WorkspaceLoader off the UI thread.
#pragma once

#include "core/error.h"
#include "core/resourcekey.h"
#include "engine/syncaudit.h"
#include "engine/syncplan.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeView;
class QDockWidget;

namespace driftline::demo {
class DemoSession;
}

namespace driftline::workspace {
class WorkspaceLoader;
struct Workspace;
}

namespace driftline::gui {

class ActivityPanel;
class ApplicationSummary;
class ClusterConnections;
class ContextMappingDialog;
class EnvironmentTreeModel;
class GraphView;
class HistoryPanel;
class OperationQueue;
class OperationsPanel;
class SyncDialog;
class TreeFilterBar;
class WelcomePage;
class YamlDiffView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Geometry, dock and splitter layout from the last run.
    void restoreLayout();
    void saveLayout() const;

    void openWorkspace(const QString& path, const QString& revision = {});
    // Prepares the demo in `directory` (default: the user's data folder) off the UI
    // thread: its repository, its sandbox cluster (seeded with drift when new) and
    // a kubeconfig for it, which the demo workspace then uses; then opens it.
    void openDemo(const QString& directory = {});
    // The running demo, when one was opened.
    demo::DemoSession* demoSession() const { return m_demo.get(); }
    void showWelcome();

    // Headless screenshot: once the workspace has loaded, select a representative
    // resource, write the window to `file` and quit the application (0 on success).
    // `itemId`: the tree item to show instead (an environment, an application: ItemIdRole).
    void takeScreenshotWhenLoaded(const QString& file, const QString& itemId = {});

    // Selects a tree item by its model id (EnvironmentTreeModel::ItemIdRole); false when absent.
    bool selectItem(const QString& id);
    QString currentItemId() const;

    workspace::WorkspaceLoader* loader() const { return m_loader; }
    EnvironmentTreeModel* treeModel() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    // The diff panel: the selected resource, Git against the cluster, or a comparison
    // of an application's revisions or environments.
    YamlDiffView* yamlDiffView() const { return m_diffView; }
    // Compares the application (by id) at `commitId` with its current render, every
    // resource pair, in the diff panel; rendered on a worker thread.
    void compareWithRevision(const QString& applicationId, const QString& commitId);
    // Compares the application with the application of the same name in `environment`.
    void compareWithEnvironment(const QString& applicationId, const QString& environment);
    // Shows the application's live objects in `environment` (empty: the application's
    // own) against its render at `commitId`, every resource pair, in the diff panel:
    // what a rollback to that revision would change. Rendered on a worker thread.
    void previewRevisionAgainstLive(const QString& applicationId, const QString& environment, const QString& commitId);
    ClusterConnections* clusters() const { return m_clusters; }
    QLabel* clusterStatusLabel() const { return m_statusClusters; }
    ApplicationSummary* summary() const { return m_summary; }
    GraphView* graphView() const { return m_graphView; }
    HistoryPanel* historyPanel() const { return m_historyPanel; }
    QTabWidget* detailsTabs() const { return m_detailsTabs; }
    // Shows the "summary", "graph" or "history" tab above the diff panel; false for another name.
    bool setDetailsTab(const QString& name);
    ActivityPanel* activityPanel() const { return m_activity; }
    WelcomePage* welcomePage() const { return m_welcome; }
    QAction* refreshAction() const { return m_refreshAction; }
    QAction* clustersAction() const { return m_clustersAction; }
    // Opens the cluster context dialog (non-modal to the caller), with `environment`'s row selected.
    ContextMappingDialog* showClusterDialog(const QString& environment = {});
    bool isShowingWorkspace() const;

    // Sync: plans the sync of `selection` (empty: everything) in `environment` on a worker
    // thread, then opens the plan dialog; accepted, the plan is queued in operationQueue().
    void planSync(const QString& environment, const engine::SyncSelection& selection = {});
    // The same without showing the dialog: syncDialogReady hands it out (tests accept() it).
    void prepareSyncDialog(const QString& environment, const engine::SyncSelection& selection = {});
    // Opens the plan dialog for a plan made elsewhere (a rollback to a revision); the
    // options that change its steps are fixed. `context` is what the audit log records.
    void syncPlan(engine::SyncPlan plan, const engine::SyncContext& context);
    // Takes `applicationId`'s application in `environment` (empty: its own) back to
    // `commitId`: renders that revision on a worker, then the plan dialog; once applied
    // the environment is pinned to it until it is synced to its branch again.
    void planRollback(const QString& applicationId, const QString& environment, const QString& commitId);
    OperationQueue* operationQueue() const { return m_operations; }
    OperationsPanel* operationsPanel() const { return m_operationsPanel; }
    QAction* syncAction() const { return m_syncAction; }
    QString auditLogPath() const;

Q_SIGNALS:
    // A sync's plan is ready in `dialog` (shown by planSync, not by prepareSyncDialog).
    void syncDialogReady(driftline::gui::SyncDialog* dialog);
    // A sync could not be planned (not connected, nothing rendered yet): why.
    void syncPlanFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createWorkspaceView();
    void createStatusBar();
    void chooseRepository();
    void showCloneDialog();
    void showAbout();
    void showTreeContextMenu(const QPoint& pos);
    void showLiveOnlyObject(const QString& environment, const ResourceKey& key);
    void rebuildRecentMenu();
    void refreshWelcome();

    void onLoadStarted(const QString& path);
    void onDiscovered(const workspace::Workspace& workspace);
    void onRendered(const QString& applicationId);
    void onProgress(int done, int total);
    void onFinished();
    void onFailed(const Error& error);
    void onCurrentChanged();
    void updateDetails();
    void updateStatusBar();
    void updateClusterStatus();
    void updateLiveView();
    void updateGraph(); // the Graph tab follows the current application, only while visible
    void updateHistory(); // the History tab likewise
    void chooseRevisionToCompare(const QString& applicationId);
    void publishDesired(const QString& environment);
    // Recomputes the environment's sync and health on a worker thread (coalesced).
    // `full`: renders or the connection changed, every resource is judged again;
    // else only the objects watch events changed since the last computation.
    void scheduleDrift(const QString& environment, bool full = true);
    void computePendingDrift();
    void reportError(const QString& title, const Error& error);
    // Sync: the Sync… action on the current tree item, planning, the dialog and the queue.
    void syncItem(const QModelIndex& index);
    void startSyncPlanning(const QString& environment, const engine::SyncSelection& selection, bool show);
    void presentSyncDialog(SyncDialog* dialog, const engine::SyncContext& context, bool show);
    void enqueueSync(const engine::SyncPlan& plan, const engine::SyncContext& context, const QString& title);
    // Shows the workspace's pins (rollbacks not yet synced back to the branch) in the tree and the History tab.
    void refreshPins();

    QModelIndex representativeResource() const;
    void captureScreenshot();
    bool clustersSettled() const;
    void captureWhenClustersSettled(QDeadlineTimer deadline);
    void finishScreenshot(int exitCode, const QString& message = {});

    workspace::WorkspaceLoader* m_loader = nullptr;
    EnvironmentTreeModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;

    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    QSplitter* m_horizontal = nullptr;
    QSplitter* m_vertical = nullptr;
    QWidget* m_treePanel = nullptr;
    QLineEdit* m_filter = nullptr; // the filter bar's text
    TreeFilterBar* m_filterBar = nullptr;
    QTreeView* m_tree = nullptr;
    ApplicationSummary* m_summary = nullptr;
    QTabWidget* m_detailsTabs = nullptr; // Summary and Graph, above the diff panel
    GraphView* m_graphView = nullptr;
    HistoryPanel* m_historyPanel = nullptr;
    // What the graph shows, so a selection inside the same application starts no new layout.
    QString m_graphApplication;
    const void* m_graphDesired = nullptr;
    const void* m_graphLive = nullptr;
    const void* m_graphDrift = nullptr;
    YamlDiffView* m_diffView = nullptr;
    quint64 m_compareGeneration = 0; // a newer comparison drops an older render
    bool m_comparisonActive = false; // the panel shows revisions or environments, not the live view
    // A live-only node (a Pod, a ReplicaSet) clicked in the graph: it has no tree row, so the
    // application's row is selected and the panel shows this object until the selection changes.
    std::optional<ResourceKey> m_liveOnlyKey;
    // A revert was committed for this application: once the workspace has reloaded, offer its sync.
    QString m_offerSyncFor;
    QString m_offerSyncCommit;
    ClusterConnections* m_clusters = nullptr;
    std::shared_ptr<demo::DemoSession> m_demo; // shared with the worker that starts it
    QTimer* m_driftTimer = nullptr;
    QStringList m_driftPending;
    QStringList m_desiredPending; // environments whose Git resources changed since the last publication
    QHash<QString, quint64> m_driftGeneration; // a newer computation drops older results
    QSet<QString> m_driftFull;                    // environments to judge whole at the next computation
    QHash<QString, QSet<driftline::ResourceKey>> m_driftChangedKeys; // objects changed by watch events since
    QSet<QString> m_driftRunning;                 // environments whose newest computation is running
    QElapsedTimer m_lastDriftRun;
    int m_driftInFlight = 0;
    QElapsedTimer m_settleClock; // since the screenshot started waiting for the clusters
    ActivityPanel* m_activity = nullptr;
    QDockWidget* m_activityDock = nullptr;
    OperationQueue* m_operations = nullptr;
    OperationsPanel* m_operationsPanel = nullptr;
    QDockWidget* m_operationsDock = nullptr;
    std::shared_ptr<engine::AuditLog> m_auditLog; // shared with the operations' workers

    QLabel* m_statusPath = nullptr;
    QLabel* m_statusBranch = nullptr;
    QLabel* m_statusRevision = nullptr;
    QLabel* m_statusClusters = nullptr;
    QProgressBar* m_statusProgress = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_cloneAction = nullptr;
    QAction* m_demoAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_treeAction = nullptr;
    QAction* m_yamlAction = nullptr;
    QAction* m_clustersAction = nullptr;
    QAction* m_syncAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    QTimer* m_detailsTimer = nullptr;
    QString m_screenshotFile;
    QString m_screenshotItem;
    bool m_screenshotPending = false;
    bool m_preparingDemo = false;
    bool m_layoutRestored = false;
};

} // namespace driftline::gui
