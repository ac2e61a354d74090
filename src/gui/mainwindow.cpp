#include "gui/mainwindow.h"

#include "demo/demosession.h"
#include "engine/driftstatus.h"
#include "gui/activitypanel.h"
#include "gui/auditview.h"
#include "gui/applicationsummary.h"
#include "gui/clonedialog.h"
#include "gui/clusterconnections.h"
#include "gui/clustersettings.h"
#include "gui/contextmappingdialog.h"
#include "gui/drifttreefilter.h"
#include "gui/environmenttreemodel.h"
#include "gui/graphview.h"
#include "gui/historypanel.h"
#include "gui/icons.h"
#include "gui/operationqueue.h"
#include "gui/operationspanel.h"
#include "gui/syncdialog.h"
#include "engine/auditlog.h"
#include "engine/pinnedrevisions.h"
#include "engine/rollbackplanner.h"
#include "engine/syncaudit.h"
#include "gui/recentworkspaces.h"
#include "gui/treefilterbar.h"
#include "gui/welcomepage.h"
#include "gui/yamldiffview.h"
#include "git/repository.h"
#include "workspace/renderer.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspaceloader.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using ItemType = EnvironmentTreeModel::ItemType;

namespace {
const QString GeometryKey = u"mainWindow/geometry"_s;
const QString StateKey = u"mainWindow/state"_s;
const QString HorizontalKey = u"mainWindow/horizontalSplitter"_s;
const QString VerticalKey = u"mainWindow/verticalSplitter"_s;
const QString DetailsTabKey = u"mainWindow/detailsTab"_s; // "summary" or "graph"
const QString LastFolderKey = u"mainWindow/lastFolder"_s;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_loader(new workspace::WorkspaceLoader(this))
    , m_model(new EnvironmentTreeModel(this))
    , m_clusters(new ClusterConnections(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Driftline"));
    setWindowIcon(Icons::appIcon());
    m_model->setLoader(m_loader);

    m_detailsTimer = new QTimer(this);
    m_detailsTimer->setSingleShot(true);
    m_detailsTimer->setInterval(80);
    connect(m_detailsTimer, &QTimer::timeout, this, &MainWindow::updateDetails);

    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    m_stack->addWidget(m_welcome);
    createWorkspaceView();
    setCentralWidget(m_stack);

    createActions();
    createMenus();
    createStatusBar();

    using workspace::WorkspaceLoader;
    connect(m_loader, &WorkspaceLoader::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_loader, &WorkspaceLoader::workspaceDiscovered, this, &MainWindow::onDiscovered);
    connect(m_loader, &WorkspaceLoader::applicationRendered, this, &MainWindow::onRendered);
    connect(m_loader, &WorkspaceLoader::progress, this, &MainWindow::onProgress);
    connect(m_loader, &WorkspaceLoader::loadFinished, this, &MainWindow::onFinished);
    connect(m_loader, &WorkspaceLoader::loadFailed, this, &MainWindow::onFailed);

    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseRepository);
    connect(m_welcome, &WelcomePage::cloneRequested, this, &MainWindow::showCloneDialog);
    connect(m_welcome, &WelcomePage::demoRequested, this, [this] { openDemo(); });
    connect(m_welcome, &WelcomePage::recentRequested, this, [this](const QString& path) { openWorkspace(path); });
    connect(m_activity, &ActivityPanel::applicationActivated, this, [this](const QString& id) { selectItem(id); });

    m_driftTimer = new QTimer(this);
    m_driftTimer->setSingleShot(true);
    m_driftTimer->setInterval(100);
    connect(m_driftTimer, &QTimer::timeout, this, &MainWindow::computePendingDrift);

    connect(m_clusters, &ClusterConnections::connectionStateChanged, this,
        [this](const QString& environment, const kube::ConnectionState& state) {
            m_model->setConnectionState(environment, state);
            scheduleDrift(environment);
            updateClusterStatus();
            updateLiveView();
        });
    connect(m_clusters, &ClusterConnections::snapshotChanged, this,
        [this](const QString& environment, const std::shared_ptr<const kube::LiveSnapshot>&,
            const QSet<ResourceKey>& changed) {
            // Watch events: only the objects they changed need judging again.
            m_driftChangedKeys[environment].unite(changed);
            scheduleDrift(environment, false);
            const QModelIndex current = m_tree->currentIndex();
            if (current.data(EnvironmentTreeModel::EnvironmentNameRole).toString() == environment)
                updateLiveView();
        });

    resize(1280, 820);
    showWelcome();
}

MainWindow::~MainWindow() = default;

void MainWindow::createWorkspaceView()
{
    m_horizontal = new QSplitter(Qt::Horizontal, m_stack);
    m_horizontal->setObjectName(u"horizontalSplitter"_s);
    m_horizontal->setChildrenCollapsible(false);

    m_treePanel = new QWidget(m_horizontal);
    m_treePanel->setObjectName(u"treePanel"_s);
    auto* treeLayout = new QVBoxLayout(m_treePanel);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(0);
    auto* driftFilter = new DriftTreeFilter(this);
    driftFilter->setSourceModel(m_model);
    m_proxy = driftFilter;
    m_filterBar = new TreeFilterBar(driftFilter, m_treePanel);
    m_filter = m_filterBar->textEdit();
    treeLayout->addWidget(m_filterBar);

    m_tree = new QTreeView(m_treePanel);
    m_tree->setObjectName(u"environmentTree"_s);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(EnvironmentTreeModel::NameColumn, 230);
    treeLayout->addWidget(m_tree, 1);

    // A filter opens the tree to its matches, also to those the next drift brings in.
    connect(m_filterBar, &TreeFilterBar::filtersChanged, this, [this, driftFilter] {
        if (driftFilter->isFiltering())
            m_tree->expandAll();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
        [this, driftFilter](const QModelIndex& parent, int first, int last) {
        if (!driftFilter->isFiltering())
            return;
        for (QModelIndex p = parent; p.isValid(); p = p.parent())
            m_tree->expand(p);
        for (int row = first; row <= last; ++row)
            m_tree->expandRecursively(m_proxy->index(row, 0, parent));
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onCurrentChanged);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeContextMenu);

    m_vertical = new QSplitter(Qt::Vertical, m_horizontal);
    m_vertical->setObjectName(u"verticalSplitter"_s);
    m_vertical->setChildrenCollapsible(false);
    m_detailsTabs = new QTabWidget(m_vertical);
    m_detailsTabs->setObjectName(u"detailsTabs"_s);
    m_detailsTabs->setDocumentMode(true);
    m_summary = new ApplicationSummary(m_detailsTabs);
    m_summary->setObjectName(u"applicationSummary"_s);
    m_summary->setLoader(m_loader);
    m_summary->setClusters(m_clusters);
    m_graphView = new GraphView(m_detailsTabs);
    m_graphView->setObjectName(u"graphView"_s);
    m_detailsTabs->addTab(m_summary, tr("Summary"));
    m_detailsTabs->addTab(m_graphView, tr("Graph"));
    // The graph is laid out only while its tab shows: switching to it catches up.
    connect(m_detailsTabs, &QTabWidget::currentChanged, this, &MainWindow::updateGraph);
    m_historyPanel = new HistoryPanel(m_detailsTabs);
    m_historyPanel->setObjectName(u"historyPanel"_s);
    m_historyPanel->setRenderOptions({workspace::WorkspaceLoader::defaultCacheDir()});
    m_detailsTabs->addTab(m_historyPanel, tr("History"));
    // Likewise the history: read and judged against the cluster only while its tab shows.
    connect(m_detailsTabs, &QTabWidget::currentChanged, this, &MainWindow::updateHistory);
    connect(m_historyPanel, &HistoryPanel::previewRequested, this,
        [this](const QString& applicationId, const QString& commitId) {
            previewRevisionAgainstLive(applicationId, {}, commitId);
        });
    connect(m_historyPanel, &HistoryPanel::rollbackRequested, this, &MainWindow::planRollback);
    // A revert is a new commit: renders read committed trees, so reload (the drift then offers a sync).
    connect(m_historyPanel, &HistoryPanel::reverted, this, [this](const QString& commitId) {
        if (m_loader->workspace().repositoryPath.isEmpty())
            return;
        m_offerSyncFor = m_historyPanel->applicationId();
        m_offerSyncCommit = commitId;
        m_loader->reload();
    });
    // A node clicked in the graph selects its resource in the tree (live children have no row).
    connect(m_graphView, &GraphView::resourceActivatedInApplication, this,
        [this](const QString& appId, const ResourceKey& key) {
        if (appId.isEmpty() || selectItem(EnvironmentTreeModel::resourceId(appId, key)))
            return;
        // A live child: the application's row, and the object itself in the panel.
        if (currentItemId() != appId)
            selectItem(appId);
        m_detailsTimer->stop();
        m_liveOnlyKey = key;
        updateLiveView();
        m_graphView->selectResource(key);
    });
    m_diffView = new YamlDiffView(m_vertical);
    m_diffView->setObjectName(u"yamlDiffView"_s);
    // "Ignore this field…" committed a rule to driftline.yaml: renders read committed trees.
    connect(m_diffView, &YamlDiffView::reloadRequested, this, [this] {
        if (!m_loader->workspace().repositoryPath.isEmpty())
            m_loader->reload();
    });
    // "Sync…" in the diff panel: the resource it shows.
    connect(m_diffView, &YamlDiffView::syncRequested, this, [this](const QString& applicationId, const ResourceKey& key) {
        const qsizetype slash = applicationId.indexOf(u'/');
        if (slash <= 0)
            return;
        engine::SyncSelection selection;
        selection.applicationIds << applicationId;
        selection.keys.insert(kube::LiveSnapshot::withoutVersion(key));
        planSync(applicationId.left(slash), selection);
    });
    connect(m_diffView, &YamlDiffView::closeRequested, this, [this] {
        m_comparisonActive = false;
        ++m_compareGeneration;
        m_diffView->showMessage({});
        updateLiveView();
    });
    m_vertical->addWidget(m_detailsTabs);
    m_vertical->addWidget(m_diffView);
    m_vertical->setStretchFactor(0, 2);
    m_vertical->setStretchFactor(1, 3);

    m_horizontal->addWidget(m_treePanel);
    m_horizontal->addWidget(m_vertical);
    m_horizontal->setStretchFactor(0, 0);
    m_horizontal->setStretchFactor(1, 1);
    m_horizontal->setSizes({420, 860});
    m_vertical->setSizes({250, 490}); // the diff panel is what people read
    m_stack->addWidget(m_horizontal);

    m_activity = new ActivityPanel(this);
    m_activity->setObjectName(u"activityPanel"_s);
    m_activity->setLoader(m_loader);
    m_activityDock = new QDockWidget(tr("Activity"), this);
    m_activityDock->setObjectName(u"activityDock"_s);
    m_activityDock->setWidget(m_activity);
    m_activityDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                                | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_activityDock);

    // Sync operations: a second dock tabbed with the activity, raised when one is queued.
    m_auditLog = std::make_shared<engine::AuditLog>();
    m_historyPanel->setAuditLog(m_auditLog.get()); // reverts share the sync journal
    m_activity->auditView()->setLog(m_auditLog->path());
    m_operations = new OperationQueue(this);
    m_operationsPanel = new OperationsPanel(this);
    m_operationsPanel->setObjectName(u"operationsPanel"_s);
    m_operationsPanel->setQueue(m_operations);
    m_operationsDock = new QDockWidget(tr("Operations"), this);
    m_operationsDock->setObjectName(u"operationsDock"_s);
    m_operationsDock->setWidget(m_operationsPanel);
    m_operationsDock->setFeatures(m_activityDock->features());
    addDockWidget(Qt::BottomDockWidgetArea, m_operationsDock);
    tabifyDockWidget(m_activityDock, m_operationsDock);
    m_operationsDock->hide();
    connect(m_operations, &OperationQueue::operationAdded, this, [this] {
        m_operationsDock->show();
        m_operationsDock->raise();
    });
    connect(m_operations, &OperationQueue::operationFinished, this, [this](int id) {
        if (const OperationQueue::Operation* op = m_operations->operation(id))
            statusBar()->showMessage(tr("%1: %2").arg(op->title, m_operationsPanel->statusText(id)), 8000);
        refreshPins(); // a rollback pins, a sync unpins (written by the operation's hook)
    });
    // "Sync this resource" in the graph's context menu.
    m_graphView->setSyncEnabled(true);
    connect(m_graphView, &GraphView::syncRequested, this, [this](const ResourceKey& key) {
        engine::SyncSelection selection;
        selection.keys.insert(kube::LiveSnapshot::withoutVersion(key));
        const QString appId = m_graphView->applicationId();
        if (const qsizetype slash = appId.indexOf(u'/'); slash > 0) {
            selection.applicationIds << appId;
            planSync(appId.left(slash), selection);
        } else if (!m_graphView->environment().isEmpty()) {
            planSync(m_graphView->environment(), selection); // an environment's graph: the resource wherever it is
        }
    });
}

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open Repository…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseRepository);

    m_cloneAction = new QAction(tr("&Clone…"), this);
    connect(m_cloneAction, &QAction::triggered, this, &MainWindow::showCloneDialog);

    m_demoAction = new QAction(tr("Open &Demo"), this);
    connect(m_demoAction, &QAction::triggered, this, [this] { openDemo(); });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(Qt::Key_F5);
    m_refreshAction->setShortcutContext(Qt::WindowShortcut);
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (!m_loader->workspace().repositoryPath.isEmpty()) {
            m_loader->reload();
            m_clusters->refresh();
        }
    });
    addAction(m_refreshAction);

    m_treeAction = new QAction(tr("&Environment Tree"), this);
    m_treeAction->setCheckable(true);
    m_treeAction->setChecked(true);
    connect(m_treeAction, &QAction::toggled, m_treePanel, &QWidget::setVisible);

    m_yamlAction = new QAction(tr("&YAML Panel"), this);
    m_yamlAction->setCheckable(true);
    m_yamlAction->setChecked(true);
    connect(m_yamlAction, &QAction::toggled, m_diffView, &QWidget::setVisible);

    m_clustersAction = new QAction(tr("&Clusters…"), this);
    m_clustersAction->setObjectName(u"clustersAction"_s);
    m_clustersAction->setEnabled(false);
    connect(m_clustersAction, &QAction::triggered, this, [this] { showClusterDialog(); });

    m_syncAction = new QAction(tr("&Sync…"), this);
    m_syncAction->setObjectName(u"syncAction"_s);
    m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_syncAction->setShortcutContext(Qt::WindowShortcut);
    m_syncAction->setToolTip(tr("Sync the selected environment, application or resource with Git"));
    m_syncAction->setEnabled(false);
    connect(m_syncAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid())
            syncItem(current);
        else if (!m_loader->workspace().environments.isEmpty())
            planSync(m_loader->workspace().environments.constFirst().name);
    });
    addAction(m_syncAction);

    m_aboutAction = new QAction(tr("&About Driftline"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_cloneAction);
    file->addAction(m_demoAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_treeAction);
    view->addAction(m_yamlAction);
    QAction* activity = m_activityDock->toggleViewAction();
    activity->setText(tr("&Activity"));
    view->addAction(activity);

    QMenu* workspaceMenu = menuBar()->addMenu(tr("&Workspace"));
    workspaceMenu->setObjectName(u"workspaceMenu"_s);
    workspaceMenu->addAction(m_clustersAction);
    workspaceMenu->addSeparator();
    workspaceMenu->addAction(m_syncAction);
    QAction* operations = m_operationsDock->toggleViewAction();
    operations->setText(tr("&Operations"));
    view->addAction(operations);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createStatusBar()
{
    m_statusPath = new QLabel(this);
    m_statusPath->setObjectName(u"statusPath"_s);
    m_statusBranch = new QLabel(this);
    m_statusBranch->setObjectName(u"statusBranch"_s);
    m_statusRevision = new QLabel(this);
    m_statusRevision->setObjectName(u"statusRevision"_s);
    m_statusRevision->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_statusClusters = new QLabel(this);
    m_statusClusters->setObjectName(u"statusClusters"_s);
    m_statusProgress = new QProgressBar(this);
    m_statusProgress->setMaximumWidth(160);
    m_statusProgress->setMaximumHeight(14);
    m_statusProgress->setTextVisible(false);
    m_statusProgress->hide();
    statusBar()->addWidget(m_statusPath, 1);
    statusBar()->addPermanentWidget(m_statusProgress);
    statusBar()->addPermanentWidget(m_statusClusters);
    statusBar()->addPermanentWidget(m_statusBranch);
    statusBar()->addPermanentWidget(m_statusRevision);
    updateStatusBar();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    m_layoutRestored = restoreState(settings.value(StateKey).toByteArray());
    m_horizontal->restoreState(settings.value(HorizontalKey).toByteArray());
    m_vertical->restoreState(settings.value(VerticalKey).toByteArray());
    setDetailsTab(settings.value(DetailsTabKey).toString());
    m_treeAction->setChecked(m_treePanel->isVisibleTo(m_horizontal) || !m_treePanel->isHidden());
    m_yamlAction->setChecked(!m_diffView->isHidden());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(HorizontalKey, m_horizontal->saveState());
    settings.setValue(VerticalKey, m_vertical->saveState());
    settings.setValue(DetailsTabKey,
        m_detailsTabs->currentWidget() == m_graphView
            ? u"graph"_s
            : (m_detailsTabs->currentWidget() == m_historyPanel ? u"history"_s : u"summary"_s));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_screenshotFile.isEmpty())
        saveLayout();
    m_loader->cancel();
    QMainWindow::closeEvent(event);
}

bool MainWindow::isShowingWorkspace() const
{
    return m_stack->currentWidget() == m_horizontal;
}

void MainWindow::showWelcome()
{
    refreshWelcome();
    m_stack->setCurrentWidget(m_welcome);
    m_activityDock->hide();
    m_operationsDock->hide();
    m_clustersAction->setEnabled(false);
    m_syncAction->setEnabled(false);
    m_statusPath->clear();
    m_statusBranch->clear();
    m_statusRevision->clear();
    m_statusClusters->clear();
    setWindowTitle(tr("Driftline"));
}

void MainWindow::refreshWelcome()
{
    m_welcome->setRecentWorkspaces(RecentWorkspaces::list());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentWorkspaces::list();
    for (const QString& path : recent) {
        QAction* a = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        a->setEnabled(QFileInfo(path).isDir());
        connect(a, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear List")), &QAction::triggered, this, [this] {
            RecentWorkspaces::clear();
            refreshWelcome();
        });
    }
}

void MainWindow::chooseRepository()
{
    QSettings settings;
    const QString start = settings.value(LastFolderKey, QDir::homePath()).toString();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Repository"), start);
    if (dir.isEmpty())
        return;
    settings.setValue(LastFolderKey, QFileInfo(dir).absolutePath());
    openWorkspace(dir);
}

void MainWindow::showCloneDialog()
{
    auto* dialog = new CloneDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CloneDialog::cloned, this, [this](const QString& path) { openWorkspace(path); });
    dialog->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Driftline"),
                       tr("<h3>Driftline %1</h3>"
                          "<p>Shows what a GitOps repository deploys to each environment, and where the "
                          "clusters drift from it.</p>"
                          "<p>Built with Qt %2, libgit2, yaml-cpp and KDE Syntax Highlighting.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

ContextMappingDialog* MainWindow::showClusterDialog(const QString& environment)
{
    if (m_loader->workspace().repositoryPath.isEmpty())
        return nullptr;
    auto* dialog = new ContextMappingDialog(m_loader->workspace(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_summary->refresh();
        m_clusters->reconnect();
    });
    dialog->open();
    if (!environment.isEmpty())
        dialog->focusEnvironment(environment);
    return dialog;
}

void MainWindow::showTreeContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    const auto type = ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt());
    QMenu menu(this);
    if (type == ItemType::Environment) {
        const QString environment = index.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
        QAction* choose = menu.addAction(tr("Choose cluster context…"));
        choose->setEnabled(m_clustersAction->isEnabled());
        connect(choose, &QAction::triggered, this, [this, environment] { showClusterDialog(environment); });
    } else if (type == ItemType::Application) {
        const QString applicationId = index.data(EnvironmentTreeModel::ApplicationIdRole).toString();
        const QString environment = index.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
        QAction* revision = menu.addAction(tr("Compare with Revision…"));
        revision->setObjectName(u"compareWithRevisionAction"_s);
        revision->setEnabled(m_loader->result(applicationId) != nullptr);
        connect(revision, &QAction::triggered, this, [this, applicationId] { chooseRevisionToCompare(applicationId); });
        QMenu* environments = menu.addMenu(tr("Compare with Environment"));
        environments->setObjectName(u"compareWithEnvironmentMenu"_s);
        const QString name = applicationId.mid(environment.size() + 1);
        for (const workspace::Application& other : m_loader->workspace().applications) {
            if (other.name != name || other.environment == environment)
                continue;
            QAction* action = environments->addAction(other.environment);
            action->setEnabled(m_loader->result(applicationId) && m_loader->result(other.id()));
            const QString target = other.environment;
            connect(action, &QAction::triggered, this,
                [this, applicationId, target] { compareWithEnvironment(applicationId, target); });
        }
        environments->setEnabled(!environments->isEmpty());
    } else if (type != ItemType::Resource) {
        return;
    }
    menu.addSeparator();
    QAction* sync = menu.addAction(tr("Sync…"));
    sync->setObjectName(u"treeSyncAction"_s);
    sync->setEnabled(m_syncAction->isEnabled());
    const QPersistentModelIndex target(index);
    connect(sync, &QAction::triggered, this, [this, target] {
        if (target.isValid())
            syncItem(target);
    });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::openWorkspace(const QString& path, const QString& revision)
{
    m_stack->setCurrentWidget(m_horizontal);
    m_activityDock->show();
    updateStatusBar();
    if (!m_layoutRestored) {
        // First workspace of a fresh layout: the activity panel starts small.
        m_layoutRestored = true;
        resizeDocks({m_activityDock}, {110}, Qt::Vertical);
    }
    m_loader->load(QDir(path).absolutePath(), revision);
}

void MainWindow::openDemo(const QString& directory)
{
    if (m_preparingDemo)
        return;
    if (m_demo && m_demo->isRunning() && (directory.isEmpty() || directory == m_demo->directory())) {
        openWorkspace(m_demo->repositoryPath());
        return;
    }
    m_preparingDemo = true;
    statusBar()->showMessage(tr("Preparing the demo workspace…"));
    m_demo.reset(); // one demo cluster at a time
    auto session = std::make_shared<demo::DemoSession>(directory);
    QPointer<MainWindow> self(this);
    QtConcurrent::run([session, self] {
        return session->start([self](const QString& text) {
            QMetaObject::invokeMethod(qApp, [self, text] {
                if (self)
                    self->statusBar()->showMessage(text);
            });
        });
    }).then(this, [this, session](const Result<void>& result) {
        m_preparingDemo = false;
        statusBar()->clearMessage();
        if (!result) {
            reportError(tr("The demo could not be prepared"), result.error());
            return;
        }
        m_demo = session;
        // The demo workspace reaches its own sandbox, whatever the user's kubeconfig holds.
        ClusterSettings(session->repositoryPath()).setKubeconfigFile(session->kubeconfigPath());
        openWorkspace(session->repositoryPath());
    });
}

void MainWindow::reportError(const QString& title, const Error& error)
{
    if (!m_screenshotFile.isEmpty()) {
        finishScreenshot(1, title + u": "_s + error.toString());
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, title, error.message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDetailedText(error.toString());
    box->open();
}

void MainWindow::onLoadStarted(const QString& path)
{
    m_refreshAction->setEnabled(true);
    m_statusProgress->setRange(0, 0);
    m_statusProgress->show();
    m_statusPath->setText(QDir::toNativeSeparators(path));
    setWindowTitle(tr("%1 — Driftline").arg(QFileInfo(path).fileName()));
}

void MainWindow::onDiscovered(const workspace::Workspace& workspace)
{
    RecentWorkspaces::add(workspace.repositoryPath);
    m_clustersAction->setEnabled(true);
    m_syncAction->setEnabled(true);
    m_clusters->setWorkspace(workspace);
    updateStatusBar();
    // Environments open at once: they are few and their applications are what people look for.
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        m_tree->expand(m_proxy->index(row, 0));
    if (m_filter->hasFocus() || !focusWidget())
        m_tree->setFocus();
    m_detailsTimer->start();
}

void MainWindow::onRendered(const QString& applicationId)
{
    for (const workspace::Application& app : m_loader->workspace().applications) {
        if (app.id() == applicationId) {
            // Coalesced with the drift: one publication per burst of renders, not one per
            // render, which on a repository of hundreds of applications would be quadratic.
            if (!m_desiredPending.contains(app.environment))
                m_desiredPending << app.environment;
            scheduleDrift(app.environment);
            break;
        }
    }
    const QModelIndex current = m_tree->currentIndex();
    const QString currentApp = current.data(EnvironmentTreeModel::ApplicationIdRole).toString();
    const auto type = ItemType(current.data(EnvironmentTreeModel::ItemTypeRole).toInt());
    if (!current.isValid() || currentApp == applicationId || type == ItemType::Environment)
        m_detailsTimer->start();
}

void MainWindow::onProgress(int done, int total)
{
    m_statusProgress->setRange(0, qMax(1, total));
    m_statusProgress->setValue(done);
}

void MainWindow::onFinished()
{
    m_statusProgress->hide();
    updateStatusBar();
    refreshPins();
    // After a revert commit: Git now says the earlier thing; offer to apply it.
    if (const QString appId = std::exchange(m_offerSyncFor, {}); !appId.isEmpty()) {
        const QString environment = appId.section(u'/', 0, 0);
        auto* box = new QMessageBox(QMessageBox::Question, tr("Revert committed"),
            tr("The revert of %1 is committed (%2). Sync %3 now to apply it to the cluster?")
                .arg(appId, m_offerSyncCommit.left(7), environment),
            QMessageBox::NoButton, this);
        box->setObjectName(u"syncAfterRevertBox"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* sync = box->addButton(tr("Sync…"), QMessageBox::AcceptRole);
        sync->setObjectName(u"syncAfterRevertButton"_s);
        box->addButton(tr("Later"), QMessageBox::RejectRole);
        connect(sync, &QPushButton::clicked, this, [this, appId, environment] {
            engine::SyncSelection selection;
            selection.applicationIds << appId;
            planSync(environment, selection);
        });
        box->open(); // not modal to the event loop: the window keeps working
    }
    m_detailsTimer->start();
    if (m_screenshotPending) {
        m_screenshotPending = false;
        captureWhenClustersSettled(QDeadlineTimer(std::chrono::seconds(20)));
    }
}

bool MainWindow::clustersSettled() const
{
    if (!m_driftPending.isEmpty() || m_driftTimer->isActive() || m_driftInFlight > 0)
        return false;
    for (const QString& env : m_clusters->environments()) {
        const kube::ConnectionState state = m_clusters->state(env);
        if (state.status == kube::ConnectionState::Status::Connecting)
            return false;
        if (state.status == kube::ConnectionState::Status::Connected
            && (!m_clusters->snapshot(env)->isComplete() || !m_model->drift(env)))
            return false;
        // Pods a moment from Ready are not the picture's subject: give rollouts a few seconds.
        if (const auto drift = m_model->drift(env); drift && drift->health == engine::Health::Status::Progressing
            && m_settleClock.isValid() && m_settleClock.elapsed() < 8000)
            return false;
    }
    return true;
}

void MainWindow::captureWhenClustersSettled(QDeadlineTimer deadline)
{
    if (!m_settleClock.isValid())
        m_settleClock.start();
    // The picture should show what the clusters say, not "Connecting…"; a cluster
    // that never answers still gets its picture taken when the deadline passes.
    if (clustersSettled() || deadline.hasExpired()) {
        QTimer::singleShot(0, this, &MainWindow::captureScreenshot);
        return;
    }
    QTimer::singleShot(100, this, [this, deadline] { captureWhenClustersSettled(deadline); });
}

void MainWindow::onFailed(const Error& error)
{
    m_statusProgress->hide();
    if (!m_screenshotFile.isEmpty()) {
        finishScreenshot(1, tr("The workspace could not be loaded: %1").arg(error.toString()));
        return;
    }
    if (m_model->rowCount() == 0)
        showWelcome();
    reportError(tr("The workspace could not be opened"), error);
}

void MainWindow::updateStatusBar()
{
    const workspace::Workspace& ws = m_loader->workspace();
    if (ws.repositoryPath.isEmpty()) {
        m_statusPath->clear();
        m_statusBranch->clear();
        m_statusRevision->clear();
        return;
    }
    m_statusPath->setText(QDir::toNativeSeparators(ws.repositoryPath));
    m_statusBranch->setText(ws.branch.isEmpty() ? tr("detached HEAD") : tr("Branch: %1").arg(ws.branch));
    m_statusRevision->setText(ws.commitId.left(8));
    m_statusRevision->setToolTip(ws.commitId);
}

void MainWindow::onCurrentChanged()
{
    m_detailsTimer->stop();
    m_liveOnlyKey.reset();
    // Another selection ends a comparison of revisions or environments.
    if (m_comparisonActive) {
        m_comparisonActive = false;
        ++m_compareGeneration;
        m_diffView->showMessage({});
    }
    updateDetails();
}

// Shows the current selection in the summary and the YAML panel.
void MainWindow::updateDetails()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid()) {
        m_summary->showWorkspace();
        updateLiveView();
        return;
    }
    const auto type = ItemType(current.data(EnvironmentTreeModel::ItemTypeRole).toInt());
    switch (type) {
    case ItemType::Environment:
        m_summary->showEnvironment(current.data(EnvironmentTreeModel::EnvironmentNameRole).toString());
        break;
    case ItemType::Application:
    case ItemType::KindGroup:
        m_summary->showApplication(current.data(EnvironmentTreeModel::ApplicationIdRole).toString());
        break;
    case ItemType::Resource: {
        const QString appId = current.data(EnvironmentTreeModel::ApplicationIdRole).toString();
        m_summary->showApplication(appId);
        break;
    }
    }
    updateLiveView();
    updateGraph();
    updateHistory();
}

bool MainWindow::setDetailsTab(const QString& name)
{
    if (name == u"graph"_s)
        m_detailsTabs->setCurrentWidget(m_graphView);
    else if (name == u"history"_s)
        m_detailsTabs->setCurrentWidget(m_historyPanel);
    else if (name == u"summary"_s || name.isEmpty())
        m_detailsTabs->setCurrentWidget(m_summary);
    else
        return false;
    return true;
}

void MainWindow::updateGraph()
{
    if (m_detailsTabs->currentWidget() != m_graphView)
        return;
    const QModelIndex current = m_tree->currentIndex();
    const auto type = current.isValid() ? ItemType(current.data(EnvironmentTreeModel::ItemTypeRole).toInt())
                                        : ItemType::Environment;
    if (type == ItemType::Environment) {
        const QString env = current.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
        if (env.isEmpty()) {
            m_graphApplication.clear();
            m_graphView->showMessage();
            return;
        }
        // Every rendered application of the environment under one root.
        QList<ApplicationGraphInput> applications;
        quintptr renders = 0; // identifies this set of renders (their shared data)
        for (const workspace::Application& app : m_loader->workspace().applications) {
            if (app.environment != env)
                continue;
            if (const workspace::RenderResult* r = m_loader->result(app.id())) {
                applications.append({app.id(), app.name, r->resources});
                renders = renders * 31 + quintptr(r->resources.constData());
            }
        }
        auto live = m_clusters->snapshot(env);
        auto drift = m_model->drift(env);
        const QString graphId = u"env:"_s + env;
        if (m_graphApplication != graphId || m_graphDesired != reinterpret_cast<const void*>(renders)
            || m_graphLive != live.get() || m_graphDrift != drift.get()) {
            m_graphApplication = graphId;
            m_graphDesired = reinterpret_cast<const void*>(renders);
            m_graphLive = live.get();
            m_graphDrift = drift.get();
            m_graphView->setEnvironment(env, applications, std::move(live), std::move(drift));
        }
        return;
    }
    const QString appId = current.data(EnvironmentTreeModel::ApplicationIdRole).toString();
    const QString env = current.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
    const workspace::RenderResult* render = m_loader->result(appId);
    QString appName;
    for (const workspace::Application& app : m_loader->workspace().applications) {
        if (app.id() == appId)
            appName = app.name;
    }
    if (!render || appName.isEmpty()) {
        m_graphApplication.clear();
        m_graphView->showMessage(tr("%1 is still rendering…").arg(appId));
        return;
    }
    auto live = m_clusters->snapshot(env);
    auto drift = m_model->drift(env);
    // The same inputs (implicitly shared data, shared snapshots) need no new graph.
    if (m_graphApplication != appId || m_graphDesired != render->resources.constData() || m_graphLive != live.get()
        || m_graphDrift != drift.get()) {
        m_graphApplication = appId;
        m_graphDesired = render->resources.constData();
        m_graphLive = live.get();
        m_graphDrift = drift.get();
        m_graphView->setApplication(appId, appName, render->resources, std::move(live), std::move(drift));
    }
    if (type == ItemType::Resource)
        m_graphView->selectResource(current.data(EnvironmentTreeModel::ResourceKeyRole).value<ResourceKey>());
}

void MainWindow::updateHistory()
{
    if (m_detailsTabs->currentWidget() != m_historyPanel)
        return;
    const QModelIndex current = m_tree->currentIndex();
    const auto type = current.isValid() ? ItemType(current.data(EnvironmentTreeModel::ItemTypeRole).toInt())
                                        : ItemType::Environment;
    const workspace::Workspace& ws = m_loader->workspace();
    const QString appId =
        type == ItemType::Environment ? QString() : current.data(EnvironmentTreeModel::ApplicationIdRole).toString();
    const auto app = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == appId; });
    if (app == ws.applications.cend()) {
        m_historyPanel->clear();
        return;
    }
    // The same application in every environment, each with its cluster's objects: one live column each.
    QList<HistoryPanel::Instance> instances;
    for (const workspace::Application& other : ws.applications) {
        if (other.name == app->name)
            instances.append({other, m_clusters->snapshot(other.environment)});
    }
    m_historyPanel->setApplication(ws.repositoryPath, ws.commitId, *app, instances);
    refreshPins();
}

void MainWindow::publishDesired(const QString& environment)
{
    ResourceList resources;
    for (const workspace::Application& app : m_loader->workspace().applications) {
        if (app.environment != environment)
            continue;
        if (const workspace::RenderResult* r = m_loader->result(app.id()))
            resources += r->resources;
    }
    m_clusters->setDesired(environment, resources);
}

void MainWindow::scheduleDrift(const QString& environment, bool full)
{
    if (!m_driftPending.contains(environment))
        m_driftPending << environment;
    if (full)
        m_driftFull.insert(environment);
    if (m_driftTimer->isActive())
        return;
    // Leading edge, as the live caches publish: the first change after a quiet
    // interval is judged on the next turn of the event loop, a burst after it
    // together one interval later.
    const qint64 interval = m_driftTimer->interval();
    const qint64 since = m_lastDriftRun.isValid() ? m_lastDriftRun.elapsed() : interval;
    m_driftTimer->start(int(since >= interval ? 0 : interval - since));
    m_driftTimer->setInterval(int(interval));
}

void MainWindow::computePendingDrift()
{
    for (const QString& environment : std::exchange(m_desiredPending, {}))
        publishDesired(environment);
    const QStringList environments = std::exchange(m_driftPending, {});
    for (const QString& environment : environments) {
        // Everything the worker needs, by value: render results and the snapshot are
        // implicitly shared or immutable, so this copies almost nothing.
        QList<workspace::Application> apps;
        QList<workspace::RenderResult> renders;
        QList<bool> rendered;
        QList<ResourceList> elsewhere; // the other environments' resources
        for (const workspace::Application& app : m_loader->workspace().applications) {
            const workspace::RenderResult* r = m_loader->result(app.id());
            if (app.environment != environment) {
                if (r)
                    elsewhere << r->resources;
                continue;
            }
            apps << app;
            renders << (r ? *r : workspace::RenderResult {});
            rendered << (r != nullptr);
        }
        const auto snapshot = m_clusters->snapshot(environment);
        const kube::ConnectionState state = m_clusters->state(environment);
        // Judge only what watch events changed when the last result was computed from
        // these renders and is the newest one started; anything else judges everything.
        const bool full = m_driftFull.remove(environment) || m_driftRunning.contains(environment);
        const QSet<ResourceKey> changed = m_driftChangedKeys.take(environment);
        const auto previous = full ? nullptr : m_model->drift(environment);
        const quint64 generation = ++m_driftGeneration[environment];
        ++m_driftInFlight;
        m_driftRunning.insert(environment);
        m_lastDriftRun.start();
        QtConcurrent::run([environment, apps, renders, rendered, snapshot, state, elsewhere, previous, changed] {
            QSet<ResourceKey> otherEnvironments;
            for (const ResourceList& resources : elsewhere) {
                for (const Resource& resource : resources)
                    otherEnvironments.insert(kube::LiveSnapshot::withoutVersion(resource.key()));
            }
            QList<engine::DriftStatus::ApplicationInput> inputs;
            for (qsizetype i = 0; i < apps.size(); ++i)
                inputs.append({apps.at(i), rendered.at(i) ? &renders.at(i) : nullptr});
            return std::make_shared<const engine::EnvironmentDrift>(previous
                    ? engine::DriftStatus::update(*previous, inputs, *snapshot, state, changed, otherEnvironments)
                    : engine::DriftStatus::compute(environment, inputs, *snapshot, state, otherEnvironments));
        }).then(this, [this, environment, generation](std::shared_ptr<const engine::EnvironmentDrift> drift) {
            --m_driftInFlight;
            if (m_driftGeneration.value(environment) != generation)
                return;
            m_driftRunning.remove(environment);
            m_model->setDrift(environment, std::move(drift));
            // New statuses recolour the graph in place (a relayout only when its nodes changed).
            if (m_graphView->applicationId().startsWith(environment + u'/'))
                updateGraph();
            updateHistory(); // a cluster read for the first time gets its live column
        });
    }
}

void MainWindow::updateLiveView()
{
    // A comparison of revisions or environments stays until closed or the selection changes.
    if (m_comparisonActive)
        return;
    const QModelIndex current = m_tree->currentIndex();
    const auto type = ItemType(current.data(EnvironmentTreeModel::ItemTypeRole).toInt());
    if (m_liveOnlyKey && current.isValid() && type == ItemType::Application) {
        showLiveOnlyObject(current.data(EnvironmentTreeModel::EnvironmentNameRole).toString(), *m_liveOnlyKey);
        return;
    }
    if (!current.isValid() || type != ItemType::Resource) {
        m_diffView->showMessage(tr("Select a resource in the tree to compare it with the cluster."));
        return;
    }
    const QString environment = current.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
    const QString applicationId = current.data(EnvironmentTreeModel::ApplicationIdRole).toString();
    const auto resource = current.data(EnvironmentTreeModel::ResourceRole).value<Resource>();
    const workspace::Workspace& ws = m_loader->workspace();

    YamlDiffView::Item item;
    item.key = resource.key();
    item.request.source = engine::ResourceDiffRequest::Source::GitVsLive;
    item.request.leftTitle = resource.source().file.isEmpty()
        ? tr("Git · %1").arg(ws.commitId.left(7))
        : tr("Git · %1 · %2").arg(ws.commitId.left(7), resource.source().file);
    item.request.rightTitle = tr("Live · %1").arg(environment);
    item.request.left = resource.object();
    item.repositoryPath = ws.repositoryPath;
    for (const workspace::Application& app : ws.applications) {
        if (app.id() == applicationId) {
            item.application = app;
            item.request.ignore = app.ignoreDifferences;
            break;
        }
    }
    if (const auto drift = m_model->drift(environment)) {
        if (const engine::ResourceDrift* r = drift->resource(applicationId, kube::LiveSnapshot::withoutVersion(resource.key())))
            item.status = engine::DriftStatus::syncName(r->sync);
    }
    const kube::ConnectionState state = m_clusters->state(environment);
    const auto snapshot = m_clusters->snapshot(environment);
    // The whole live object: its managedFields name who owns each changed field.
    if (const auto live = snapshot->object(resource.key()))
        item.request.right = *live;
    else if (state.status != kube::ConnectionState::Status::Connected)
        item.unavailable = tr("%1: %2").arg(environment, state.reason.isEmpty() ? state.text() : state.reason);
    else if (!snapshot->isComplete())
        item.unavailable = tr("Reading %1 from the cluster…").arg(environment);
    else if (const auto kindError = snapshot->kindError(resource.key().group, resource.kind()))
        item.unavailable = kindError->message;
    // else: not in the cluster; the panel says "Missing in the cluster".
    m_diffView->setItem(item);
}

// An object only the cluster has (a Pod, a ReplicaSet: what Git's objects make): shown
// whole on the live side, nothing on Git's.
void MainWindow::showLiveOnlyObject(const QString& environment, const ResourceKey& key)
{
    YamlDiffView::Item item;
    item.key = key;
    item.request.source = engine::ResourceDiffRequest::Source::GitVsLive;
    item.request.leftTitle = tr("Git · not in Git (made in the cluster)");
    item.request.rightTitle = tr("Live · %1").arg(environment);
    item.status = tr("Live only");
    const auto snapshot = m_clusters->snapshot(environment);
    if (const auto live = snapshot ? snapshot->object(key) : std::nullopt)
        item.request.right = *live;
    else
        item.unavailable = tr("%1 is no longer in the cluster.").arg(key.displayName());
    m_diffView->setItem(item);
}

namespace {

// Pairs two renders' resources for a comparison: by group, kind, namespace and name,
// or without the namespace (environments deploy to their own namespaces).
QList<YamlDiffView::Item> pairResources(const ResourceList& left, const ResourceList& right,
    engine::ResourceDiffRequest::Source source, const QString& leftTitle, const QString& rightTitle, bool matchNamespace)
{
    const auto identity = [matchNamespace](const ResourceKey& key) {
        return QStringList {key.group, key.kind, matchNamespace ? key.namespace_ : QString(), key.name}.join(u'|');
    };
    QHash<QString, qsizetype> rightIndex;
    for (qsizetype i = 0; i < right.size(); ++i)
        rightIndex.insert(identity(right.at(i).key()), i);
    QSet<qsizetype> used;
    QList<YamlDiffView::Item> items;
    const auto make = [&](const ResourceKey& key) {
        YamlDiffView::Item item;
        item.key = key;
        item.request.source = source;
        item.request.leftTitle = leftTitle;
        item.request.rightTitle = rightTitle;
        return item;
    };
    for (const Resource& resource : left) {
        YamlDiffView::Item item = make(resource.key());
        item.request.left = resource.object();
        const qsizetype match = rightIndex.value(identity(resource.key()), -1);
        if (match >= 0 && !used.contains(match)) {
            used.insert(match);
            item.request.right = right.at(match).object();
        }
        items << item;
    }
    for (qsizetype i = 0; i < right.size(); ++i) {
        if (used.contains(i))
            continue;
        YamlDiffView::Item item = make(right.at(i).key());
        item.request.right = right.at(i).object();
        items << item;
    }
    return items;
}

} // namespace

void MainWindow::chooseRevisionToCompare(const QString& applicationId)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto app = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == applicationId; });
    if (app == ws.applications.cend())
        return;
    const QString repositoryPath = ws.repositoryPath;
    const QString commitId = ws.commitId;
    const QString path = app->path;
    statusBar()->showMessage(tr("Reading the history of %1…").arg(path));
    // libgit2 on a worker, with its own repository handle.
    QtConcurrent::run([repositoryPath, commitId, path]() -> Result<QList<git::CommitInfo>> {
        auto repository = git::Repository::open(repositoryPath);
        if (!repository)
            return std::unexpected(repository.error());
        return repository->history({path}, commitId, 100);
    }).then(this, [this, applicationId](const Result<QList<git::CommitInfo>>& history) {
        statusBar()->clearMessage();
        if (!history) {
            reportError(tr("The history could not be read"), history.error());
            return;
        }
        if (history->isEmpty()) {
            QMessageBox::information(this, tr("Compare with Revision"), tr("No commit changed %1.").arg(applicationId));
            return;
        }
        QStringList labels;
        for (const git::CommitInfo& commit : *history)
            labels << tr("%1  %2  (%3, %4)").arg(commit.shortId.left(7), commit.summary, commit.author,
                QLocale().toString(commit.time.toLocalTime(), QLocale::ShortFormat));
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Compare with Revision"),
            tr("Compare %1 as it is now with the revision:").arg(applicationId), labels, qMin(1, int(labels.size()) - 1),
            false, &ok);
        if (!ok)
            return;
        const qsizetype index = labels.indexOf(chosen);
        if (index >= 0)
            compareWithRevision(applicationId, history->at(index).id);
    });
}

void MainWindow::compareWithRevision(const QString& applicationId, const QString& commitId)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto app = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == applicationId; });
    const workspace::RenderResult* current = m_loader->result(applicationId);
    if (app == ws.applications.cend() || !current)
        return;
    const workspace::Application application = *app;
    const ResourceList now = current->resources;
    const QString repositoryPath = ws.repositoryPath;
    const QString currentCommit = ws.commitId;
    const quint64 generation = ++m_compareGeneration;
    m_comparisonActive = true;
    m_diffView->showMessage(tr("Rendering %1 at %2…").arg(applicationId, commitId.left(7)));
    // The older revision is rendered on a worker with its own repository handle.
    QtConcurrent::run([repositoryPath, commitId, application]() -> Result<workspace::RenderResult> {
        auto repository = git::Repository::open(repositoryPath);
        if (!repository)
            return std::unexpected(repository.error());
        const workspace::ApplicationRenderer renderer(workspace::ApplicationRenderer::Options {});
        return renderer.render(*repository, commitId, application);
    }).then(this, [this, generation, applicationId, commitId, currentCommit, now](
                      const Result<workspace::RenderResult>& old) {
        if (generation != m_compareGeneration || !m_comparisonActive)
            return;
        if (!old || (old->resources.isEmpty() && !old->errors.isEmpty())) {
            const QString reason = old ? old->errors.first().message : old.error().message;
            m_diffView->showMessage(tr("%1 could not be rendered at %2: %3").arg(applicationId, commitId.left(7), reason));
            return;
        }
        const QList<YamlDiffView::Item> items = pairResources(old->resources, now,
            engine::ResourceDiffRequest::Source::Revisions, tr("Git · %1").arg(commitId.left(7)),
            tr("Git · %1 (current)").arg(currentCommit.left(7)), true);
        m_diffView->setItems(items, tr("%1: %2 → %3").arg(applicationId, commitId.left(7), currentCommit.left(7)));
    });
}

void MainWindow::previewRevisionAgainstLive(const QString& applicationId, const QString& environment,
    const QString& commitId)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto found = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == applicationId; });
    if (found == ws.applications.cend())
        return;
    workspace::Application application = *found;
    if (!environment.isEmpty() && environment != application.environment) {
        const auto there = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
            [&](const workspace::Application& a) { return a.environment == environment && a.name == found->name; });
        if (there == ws.applications.cend())
            return;
        application = *there;
    }
    const QString env = application.environment;
    const std::shared_ptr<const kube::LiveSnapshot> live = m_clusters->snapshot(env);
    const QString repositoryPath = ws.repositoryPath;
    const quint64 generation = ++m_compareGeneration;
    m_comparisonActive = true;
    m_diffView->showMessage(tr("Rendering %1 at %2…").arg(application.id(), commitId.left(7)));
    QtConcurrent::run([repositoryPath, commitId, application]() -> Result<workspace::RenderResult> {
        auto repository = git::Repository::open(repositoryPath);
        if (!repository)
            return std::unexpected(repository.error());
        const workspace::ApplicationRenderer renderer(
            workspace::ApplicationRenderer::Options {workspace::WorkspaceLoader::defaultCacheDir()});
        return renderer.render(*repository, commitId, application);
    }).then(this, [this, generation, application, env, commitId, live, repositoryPath](
                      const Result<workspace::RenderResult>& old) {
        if (generation != m_compareGeneration || !m_comparisonActive)
            return;
        if (!old || (old->resources.isEmpty() && !old->errors.isEmpty())) {
            const QString reason = old ? old->errors.first().message : old.error().message;
            m_diffView->showMessage(
                tr("%1 could not be rendered at %2: %3").arg(application.id(), commitId.left(7), reason));
            return;
        }
        // The revision's objects on the left, what runs now on the right: a rollback's changes.
        QList<YamlDiffView::Item> items;
        QSet<ResourceKey> seen;
        const auto make = [&](const ResourceKey& key) {
            YamlDiffView::Item item;
            item.key = key;
            item.request.source = engine::ResourceDiffRequest::Source::GitVsLive;
            item.request.leftTitle = tr("Git · %1").arg(commitId.left(7));
            item.request.rightTitle = tr("Live · %1").arg(env);
            item.request.ignore = application.ignoreDifferences;
            item.application = application;
            item.repositoryPath = repositoryPath;
            if (!live)
                item.unavailable = tr("The cluster of %1 is not connected.").arg(env);
            return item;
        };
        for (const Resource& resource : old->resources) {
            const ResourceKey key = kube::LiveSnapshot::withoutVersion(resource.key());
            seen.insert(key);
            YamlDiffView::Item item = make(resource.key());
            item.request.left = resource.object();
            if (live) {
                if (const auto object = live->object(key))
                    item.request.right = *object;
            }
            items << item;
        }
        if (live) {
            for (const ResourceKey& key : live->applicationKeys(application.name)) {
                if (seen.contains(key))
                    continue;
                YamlDiffView::Item item = make(key);
                if (const auto object = live->object(key))
                    item.request.right = *object;
                items << item;
            }
        }
        m_diffView->setItems(items, tr("%1: %2 → live").arg(application.id(), commitId.left(7)));
    });
}

void MainWindow::compareWithEnvironment(const QString& applicationId, const QString& environment)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto app = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == applicationId; });
    if (app == ws.applications.cend())
        return;
    const QString otherId = environment + u'/' + app->name;
    const workspace::RenderResult* here = m_loader->result(applicationId);
    const workspace::RenderResult* there = m_loader->result(otherId);
    if (!here || !there)
        return;
    ++m_compareGeneration;
    m_comparisonActive = true;
    const QList<YamlDiffView::Item> items = pairResources(here->resources, there->resources,
        engine::ResourceDiffRequest::Source::Environments, tr("%1 · Git").arg(app->environment),
        tr("%1 · Git").arg(environment), false);
    m_diffView->setItems(items, tr("%1: %2 → %3").arg(app->name, app->environment, environment));
}

void MainWindow::updateClusterStatus()
{
    QStringList environments;
    for (const workspace::Environment& e : m_loader->workspace().environments) {
        if (m_clusters->environments().contains(e.name))
            environments << e.name;
    }
    if (environments.isEmpty() || !isShowingWorkspace()) {
        m_statusClusters->clear();
        m_statusClusters->setToolTip({});
        return;
    }
    QStringList parts;
    QStringList tips;
    for (const QString& env : environments) {
        const kube::ConnectionState state = m_clusters->state(env);
        parts << tr("%1: %2").arg(env, state.text());
        tips << QString(env + u'\n' + state.toolTip());
    }
    m_statusClusters->setText(parts.join(u"  ·  "_s));
    m_statusClusters->setToolTip(tips.join(u"\n\n"_s));
}

bool MainWindow::selectItem(const QString& id)
{
    QModelIndex source = m_model->indexForId(id);
    if (!source.isValid())
        return false;
    QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid()) {
        m_filterBar->clear();
        index = m_proxy->mapFromSource(source);
    }
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

QString MainWindow::currentItemId() const
{
    return m_tree->currentIndex().data(EnvironmentTreeModel::ItemIdRole).toString();
}

QModelIndex MainWindow::representativeResource() const
{
    QModelIndex firstResource;
    QModelIndex firstDeployment;
    for (int e = 0; e < m_model->rowCount(); ++e) {
        const QModelIndex env = m_model->index(e, 0);
        for (int a = 0; a < m_model->rowCount(env); ++a) {
            const QModelIndex app = m_model->index(a, 0, env);
            for (int g = 0; g < m_model->rowCount(app); ++g) {
                const QModelIndex group = m_model->index(g, 0, app);
                if (m_model->rowCount(group) == 0)
                    continue;
                const QModelIndex first = m_model->index(0, 0, group);
                if (!firstResource.isValid())
                    firstResource = first;
                const auto resource = first.data(EnvironmentTreeModel::ResourceRole).value<Resource>();
                if (resource.kind() != u"Deployment")
                    continue;
                if (!firstDeployment.isValid())
                    firstDeployment = first;
                // A Deployment that drifted makes the picture show a real diff.
                const auto drift = m_model->drift(env.data(EnvironmentTreeModel::EnvironmentNameRole).toString());
                const engine::ResourceDrift* r = drift
                    ? drift->resource(app.data(EnvironmentTreeModel::ApplicationIdRole).toString(),
                          kube::LiveSnapshot::withoutVersion(resource.key()))
                    : nullptr;
                if (r && r->sync == engine::SyncStatus::OutOfSync)
                    return first;
            }
        }
    }
    return firstDeployment.isValid() ? firstDeployment : firstResource;
}

void MainWindow::takeScreenshotWhenLoaded(const QString& file, const QString& itemId)
{
    m_screenshotFile = file;
    m_screenshotItem = itemId;
    m_screenshotPending = true;
    resize(1400, 900);
    // A load that never ends must not hang a headless run.
    QTimer::singleShot(std::chrono::minutes(5), this, [this] {
        if (m_screenshotPending)
            finishScreenshot(1, tr("Timed out waiting for the workspace to load."));
    });
}

void MainWindow::captureScreenshot()
{
    const QModelIndex resource = representativeResource();
    // A picture of the graph or the history wants them large; the diff panel is what the default one shows.
    if (m_detailsTabs->currentWidget() != m_summary)
        m_vertical->setSizes({560, 190});
    if (!m_screenshotItem.isEmpty()) {
        if (!selectItem(m_screenshotItem))
            qWarning("driftline: --select: no tree item %s", qUtf8Printable(m_screenshotItem));
    } else if (resource.isValid()) {
        selectItem(resource.data(EnvironmentTreeModel::ItemIdRole).toString());
    }
    // Two turns of the event loop: layouts, the highlighter and the summary settle first.
    QTimer::singleShot(0, this, [this] {
        QTimer::singleShot(0, this, [this] {
            updateDetails();
            // The diff is computed on a worker: the picture waits for it (briefly).
            QDeadlineTimer diffDeadline(std::chrono::seconds(10));
            while ((m_diffView->isComputing() || m_graphView->isBusy()) && !diffDeadline.hasExpired())
                QApplication::processEvents(QEventLoop::AllEvents, 20);
            QApplication::processEvents();
            const QPixmap shot = grab();
            if (shot.isNull() || !shot.save(m_screenshotFile))
                finishScreenshot(1, tr("Could not write the screenshot to %1.").arg(m_screenshotFile));
            else
                finishScreenshot(0);
        });
    });
}

void MainWindow::finishScreenshot(int exitCode, const QString& message)
{
    m_screenshotPending = false;
    if (!message.isEmpty())
        std::fprintf(stderr, "driftline: %s\n", qUtf8Printable(message));
    QCoreApplication::exit(exitCode);
}


// --- Sync -------------------------------------------------------------------

namespace {

// Everything a sync plan of one environment is built from, by value (render results
// and the snapshot are implicitly shared or immutable): the dialog rebuilds the plan
// from it on a worker thread whenever an option changes which steps run.
struct SyncPlanInputs {
    QString environment;
    QList<workspace::Application> apps;
    QList<workspace::RenderResult> renders;
    QList<bool> rendered;
    QList<ResourceList> elsewhere; // the other environments' resources
    std::shared_ptr<const kube::LiveSnapshot> live;
    kube::ConnectionState state;
    engine::SyncSelection selection;

    // Pure: the drift is computed here from the same snapshot the plan reads.
    engine::SyncPlan plan(const engine::SyncOptions& options) const
    {
        QSet<ResourceKey> otherEnvironments;
        for (const ResourceList& resources : elsewhere) {
            for (const Resource& resource : resources)
                otherEnvironments.insert(kube::LiveSnapshot::withoutVersion(resource.key()));
        }
        QList<engine::DriftStatus::ApplicationInput> inputs;
        for (qsizetype i = 0; i < apps.size(); ++i)
            inputs.append({apps.at(i), rendered.at(i) ? &renders.at(i) : nullptr});
        const engine::EnvironmentDrift drift
            = engine::DriftStatus::compute(environment, inputs, *live, state, otherEnvironments);
        return engine::SyncPlan::build(environment, drift, inputs, *live, selection, options);
    }
};

struct PlannedSync {
    engine::SyncPlan plan;
    QString user; // "name <email>" from git's identity
};

void warnAudit(const Result<void>& result)
{
    if (!result)
        qWarning("driftline: the audit log could not be written: %s", qUtf8Printable(result.error().toString()));
}

} // namespace

QString MainWindow::auditLogPath() const
{
    return m_auditLog->path();
}

void MainWindow::syncItem(const QModelIndex& index)
{
    const auto type = ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt());
    const QString environment = index.data(EnvironmentTreeModel::EnvironmentNameRole).toString();
    engine::SyncSelection selection;
    if (type != ItemType::Environment)
        selection.applicationIds << index.data(EnvironmentTreeModel::ApplicationIdRole).toString();
    if (type == ItemType::Resource) {
        selection.keys.insert(kube::LiveSnapshot::withoutVersion(
            index.data(EnvironmentTreeModel::ResourceKeyRole).value<ResourceKey>()));
    } else if (type == ItemType::KindGroup) {
        // A kind group: the resources it shows.
        const QModelIndex group = index.siblingAtColumn(0);
        for (int row = 0; row < group.model()->rowCount(group); ++row)
            selection.keys.insert(kube::LiveSnapshot::withoutVersion(
                group.model()->index(row, 0, group).data(EnvironmentTreeModel::ResourceKeyRole).value<ResourceKey>()));
        if (selection.keys.isEmpty())
            return;
    }
    planSync(environment, selection);
}

void MainWindow::planSync(const QString& environment, const engine::SyncSelection& selection)
{
    startSyncPlanning(environment, selection, true);
}

void MainWindow::prepareSyncDialog(const QString& environment, const engine::SyncSelection& selection)
{
    startSyncPlanning(environment, selection, false);
}

void MainWindow::startSyncPlanning(const QString& environment, const engine::SyncSelection& selection, bool show)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto refuse = [&](const QString& message) {
        Q_EMIT syncPlanFailed(message);
        if (show)
            reportError(tr("%1 cannot be synced").arg(environment), Error::make(Error::Code::Generic, message));
    };
    const auto env = std::find_if(ws.environments.cbegin(), ws.environments.cend(),
        [&](const workspace::Environment& e) { return e.name == environment; });
    if (env == ws.environments.cend()) {
        refuse(tr("The workspace has no environment %1.").arg(environment));
        return;
    }
    const kube::ConnectionState state = m_clusters->state(environment);
    const auto snapshot = m_clusters->snapshot(environment);
    if (state.status != kube::ConnectionState::Status::Connected || !m_clusters->client(environment)) {
        refuse(tr("%1 is not connected to its cluster: %2")
                   .arg(environment, state.reason.isEmpty() ? state.text() : state.reason));
        return;
    }
    if (!snapshot->isComplete()) {
        refuse(tr("%1 is still being read from its cluster; try again in a moment.").arg(environment));
        return;
    }

    auto inputs = std::make_shared<SyncPlanInputs>();
    inputs->environment = environment;
    inputs->live = snapshot;
    inputs->state = state;
    inputs->selection = selection;
    engine::SyncContext context;
    context.kind = u"sync"_s;
    context.revision = ws.commitId;
    const ClusterConnections::ClusterInfo info = m_clusters->info(environment);
    context.context = info.context;
    context.cluster = info.server;
    QString what;
    for (const workspace::Application& app : ws.applications) {
        const workspace::RenderResult* r = m_loader->result(app.id());
        if (app.environment != environment) {
            if (r)
                inputs->elsewhere << r->resources;
            continue;
        }
        const bool selected = selection.applicationIds.isEmpty() || selection.applicationIds.contains(app.id());
        if (selected && !r) {
            refuse(tr("%1 is still rendering; try again in a moment.").arg(app.id()));
            return;
        }
        if (selected) {
            context.applications << app.name;
            what = app.name;
        }
        inputs->apps << app;
        inputs->renders << (r ? *r : workspace::RenderResult {});
        inputs->rendered << (r != nullptr);
    }
    if (selection.keys.size() == 1)
        what = selection.keys.begin()->displayName();
    else if (!selection.keys.isEmpty())
        what = tr("%n resources", nullptr, int(selection.keys.size()));
    else if (selection.applicationIds.isEmpty())
        what.clear();
    else if (selection.applicationIds.size() > 1)
        what = tr("%n applications", nullptr, int(selection.applicationIds.size()));
    const SyncDialog::Target target {environment, what, env->production};
    const SyncDialog::Planner planner = [inputs](const engine::SyncOptions& options) { return inputs->plan(options); };

    statusBar()->showMessage(tr("Planning the sync of %1…").arg(environment));
    const QString repositoryPath = ws.repositoryPath;
    QtConcurrent::run([planner, repositoryPath] {
        PlannedSync planned;
        planned.plan = planner({});
        // The audit log names people as git does; libgit2 on this worker with its own handle.
        if (auto repository = git::Repository::open(repositoryPath)) {
            const git::Signature signature = repository->defaultSignature();
            planned.user = signature.email.isEmpty() ? signature.name
                                                     : u"%1 <%2>"_s.arg(signature.name, signature.email);
        }
        return planned;
    }).then(this, [this, planner, context, target, show](PlannedSync planned) mutable {
        statusBar()->clearMessage();
        context.user = planned.user;
        presentSyncDialog(new SyncDialog(target, std::move(planned.plan), planner, this), context, show);
    });
}

void MainWindow::syncPlan(engine::SyncPlan plan, const engine::SyncContext& context)
{
    engine::SyncContext c = context;
    if (c.context.isEmpty()) {
        const ClusterConnections::ClusterInfo info = m_clusters->info(plan.environment);
        c.context = info.context;
        c.cluster = info.server;
    }
    bool production = false;
    for (const workspace::Environment& e : m_loader->workspace().environments) {
        if (e.name == plan.environment)
            production = e.production;
    }
    const SyncDialog::Target target {plan.environment, c.applications.join(u", "_s), production};
    presentSyncDialog(new SyncDialog(target, std::move(plan), {}, this), c, true);
}

void MainWindow::planRollback(const QString& applicationId, const QString& environment, const QString& commitId)
{
    const workspace::Workspace& ws = m_loader->workspace();
    const auto source = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.id() == applicationId; });
    if (source == ws.applications.cend())
        return;
    const QString env = environment.isEmpty() ? source->environment : environment;
    const auto target = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
        [&](const workspace::Application& a) { return a.name == source->name && a.environment == env; });
    const auto refuse = [this, env](const QString& message) {
        reportError(tr("%1 cannot be rolled back").arg(env), Error::make(Error::Code::Generic, message));
    };
    if (target == ws.applications.cend()) {
        refuse(tr("%1 has no application %2.").arg(env, source->name));
        return;
    }
    const kube::ConnectionState state = m_clusters->state(env);
    const auto snapshot = m_clusters->snapshot(env);
    if (state.status != kube::ConnectionState::Status::Connected || !snapshot || !snapshot->isComplete()) {
        refuse(tr("%1 is not connected to its cluster, or still being read: %2")
                   .arg(env, state.reason.isEmpty() ? state.text() : state.reason));
        return;
    }
    const workspace::Application application = *target;
    const QString repositoryPath = ws.repositoryPath;
    struct Planned {
        Result<engine::SyncPlan> plan;
        QString commitId;
        QString summary;
        QString user;
    };
    statusBar()->showMessage(tr("Rendering %1 at %2…").arg(application.id(), commitId.left(7)));
    // kustomize and libgit2 on a worker; the snapshot is immutable and shared.
    QtConcurrent::run([repositoryPath, application, commitId, snapshot, state, env]() -> Planned {
        Planned planned {std::unexpected(Error()), {}, {}, {}};
        auto repository = git::Repository::open(repositoryPath);
        if (!repository) {
            planned.plan = std::unexpected(repository.error());
            return planned;
        }
        const git::Signature signature = repository->defaultSignature();
        planned.user = signature.email.isEmpty() ? signature.name : u"%1 <%2>"_s.arg(signature.name, signature.email);
        if (const auto commit = repository->commit(commitId))
            planned.summary = commit->summary;
        const auto rendered = engine::RollbackPlanner::render(repositoryPath, application, commitId);
        if (!rendered) {
            planned.plan = std::unexpected(rendered.error());
            return planned;
        }
        planned.commitId = rendered->commitId;
        planned.plan = engine::RollbackPlanner::plan(env, application, *rendered, *snapshot, state, {});
        return planned;
    }).then(this, [this, application, env](const Planned& planned) {
        statusBar()->clearMessage();
        if (!planned.plan) {
            reportError(tr("%1 cannot be rolled back").arg(application.id()), planned.plan.error());
            return;
        }
        engine::SyncContext context;
        context.kind = u"rollback"_s;
        context.user = planned.user;
        context.revision = planned.commitId;
        context.revisionSummary = planned.summary;
        context.applications = {application.name};
        syncPlan(*planned.plan, context);
    });
}

void MainWindow::refreshPins()
{
    const workspace::Workspace& ws = m_loader->workspace();
    if (ws.repositoryPath.isEmpty())
        return;
    const engine::PinnedRevisions pins;
    for (const workspace::Application& app : ws.applications) {
        const auto pin = pins.pin(ws.repositoryPath, app.environment, app.name);
        m_model->setPin(app.id(), pin ? pin->commitId.left(7) : QString(),
            pin ? tr("%1 · since %2").arg(pin->summary, QLocale().toString(pin->since.toLocalTime(), QLocale::ShortFormat))
                : QString());
        if (m_historyPanel->applicationId().section(u'/', 1) == app.name)
            m_historyPanel->setPinned(app.environment, pin ? pin->commitId : QString());
    }
}

void MainWindow::presentSyncDialog(SyncDialog* dialog, const engine::SyncContext& context, bool show)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, context] {
        const engine::SyncPlan plan = dialog->selectedPlan();
        const QString title = plan.options.dryRun ? tr("%1 (dry run)").arg(dialog->windowTitle()) : dialog->windowTitle();
        enqueueSync(plan, context, title);
    });
    Q_EMIT syncDialogReady(dialog);
    if (show)
        dialog->open();
}

void MainWindow::enqueueSync(const engine::SyncPlan& plan, const engine::SyncContext& context, const QString& title)
{
    if (plan.runCount() == 0)
        return;
    auto client = m_clusters->client(plan.environment);
    if (!client) {
        reportError(tr("%1 cannot be synced").arg(plan.environment),
            Error::make(Error::Code::Generic, tr("%1 is not connected to its cluster.").arg(plan.environment)));
        return;
    }
    // On the operation's worker: the journal is fsync'ed and the pins are a file.
    OperationQueue::Hooks hooks;
    const std::shared_ptr<engine::AuditLog> audit = m_auditLog;
    const QString repository = m_loader->workspace().repositoryPath;
    hooks.started = [audit, context](const QString& uid, const engine::SyncPlan& p) {
        warnAudit(audit->started(engine::SyncAudit::started(p, context, uid)));
    };
    hooks.finished = [audit, context, repository](
                         const QString& uid, const engine::SyncPlan& p, const engine::SyncReport& report) {
        warnAudit(audit->finished(engine::SyncAudit::finished(p, report, context, uid)));
        // Synced to the branch again: no longer pinned to an earlier revision. (A
        // rollback's own sync is what pins, so only plain syncs unpin.)
        // A rollback that went through pins the environment to its revision.
        if (context.kind == u"rollback"_s && !p.options.dryRun && report.succeeded()) {
            engine::PinnedRevisions pins;
            for (const QString& application : context.applications) {
                const engine::Pin pin {repository, p.environment, application, context.revision, context.revisionSummary,
                    QDateTime::currentDateTimeUtc()};
                if (const Result<void> r = pins.setPin(pin); !r)
                    qWarning("driftline: the pin of %s could not be written: %s", qUtf8Printable(application),
                        qUtf8Printable(r.error().toString()));
            }
        }
        if (context.kind == u"sync"_s && !p.options.dryRun && !report.cancelled && !report.aborted) {
            engine::PinnedRevisions pins;
            for (const QString& application : context.applications) {
                if (const Result<void> r = pins.clear(repository, p.environment, application); !r)
                    qWarning("driftline: the pin of %s could not be cleared: %s", qUtf8Printable(application),
                        qUtf8Printable(r.error().toString()));
            }
        }
    };
    m_operations->enqueue(title, plan, std::move(client), std::move(hooks));
}

} // namespace driftline::gui
