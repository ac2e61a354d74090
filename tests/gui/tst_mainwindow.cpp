// The main window offscreen on the real demo workspace: the tree, the YAML
// panel with its highlighter, Secrets redacted, the welcome page's recent
// workspaces, F5, and the activity panel's errors leading to their application.
#include "gui/activitypanel.h"
#include "gui/applicationsummary.h"
#include "gui/clonedialog.h"
#include "gui/clusterconnections.h"
#include "gui/clustersettings.h"
#include "gui/contextmappingdialog.h"
#include "gui/environmenttreemodel.h"
#include "gui/mainwindow.h"
#include "gui/recentworkspaces.h"
#include "gui/welcomepage.h"
#include "engine/secretmask.h"
#include "gui/diffpane.h"
#include "gui/yamldiffview.h"
#include "gui/yamlview.h"
#include "testsupport/testrepo.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspaceloader.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QTableWidget>
#include <QTimer>
#include <QCoreApplication>
#include <QDockWidget>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using ItemType = EnvironmentTreeModel::ItemType;

namespace {

constexpr int Timeout = 90000;

// The diff panel shows `key`, its comparison done.
bool diffShows(const YamlDiffView* view, const ResourceKey& key)
{
    return view->currentItem() && view->currentItem()->key == key && !view->isComputing() && view->currentDiff();
}

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

QModelIndex childNamed(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

// Every resource below `parent` whose kind is `kind`.
QList<QModelIndex> resourcesOfKind(const QAbstractItemModel& model, const QString& kind, const QModelIndex& parent = {})
{
    QList<QModelIndex> out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt()) == ItemType::Resource) {
            if (index.data(EnvironmentTreeModel::ResourceRole).value<Resource>().kind() == kind)
                out << index;
        } else {
            out << resourcesOfKind(model, kind, index);
        }
    }
    return out;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensTheDemo();
    void unreachableClusterIsShown();
    void malformedKubeconfigIsNamed();
    void selectingADeploymentShowsItsYaml();
    void secretsAreNeverShown();
    void summaryDescribesTheSelection();
    void clusterContextsFromTheTree();
    void welcomePageShowsRecentWorkspaces();
    void f5Reloads();
    void errorsLeadToTheirApplication();
    void cloneDialog();
    void yamlThemeFollowsThePalette();
    void layoutIsRestored();
    void cleanupTestCase();

private:
    bool waitForLoad(MainWindow& window);
    QTemporaryDir m_home;
    QString m_demo;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Settings, render cache and data of this run stay in the temporary folder.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
    // The demo's context, and an insecure one, instead of the user's own kubeconfig.
    const QString kubeconfig = m_home.filePath(u"kubeconfig"_s);
    test::writeFile(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n"
                                "- name: sandbox\n  cluster: {server: 'https://127.0.0.1:7443'}\n"
                                "- name: lab\n  cluster: {server: 'https://10.1.1.1:6443', insecure-skip-tls-verify: true}\n"
                                "users:\n- name: dev\n  user: {token: abc}\n"
                                "contexts:\n- name: driftline-sandbox\n  context: {cluster: sandbox, user: dev}\n"
                                "- name: lab\n  context: {cluster: lab, user: dev}\n"
                                "current-context: lab\n");
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));
    QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);

    const Result<QString> demo = workspace::DemoWorkspace::create(m_home.filePath(u"demo"_s));
    QVERIFY2(demo.has_value(), demo ? "" : qPrintable(demo.error().toString()));
    m_demo = *demo;

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!m_window->isShowingWorkspace());
    m_window->openWorkspace(m_demo);
    QVERIFY(m_window->isShowingWorkspace());
    QVERIFY(waitForLoad(*m_window));
}

bool TestMainWindow::waitForLoad(MainWindow& window)
{
    QSignalSpy finished(window.loader(), &workspace::WorkspaceLoader::loadFinished);
    if (!window.loader()->isLoading())
        return true;
    return QTest::qWaitFor([&] { return !finished.isEmpty(); }, Timeout);
}

void TestMainWindow::opensTheDemo()
{
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QStringList environments = childNames(model, {});
    QVERIFY2(environments.contains(u"staging"_s) && environments.contains(u"production"_s),
             qPrintable(environments.join(u", "_s)));
    for (const QString& env : {u"staging"_s, u"production"_s}) {
        const QModelIndex envIndex = childNamed(model, {}, env);
        // The environments open by themselves, so their applications show.
        QVERIFY(m_window->treeView()->isExpanded(envIndex));
        const QStringList apps = childNames(model, envIndex);
        for (const QString& app : {u"web"_s, u"api"_s, u"postgres"_s, u"jobs"_s}) {
            QVERIFY2(apps.contains(app), qPrintable(env + u": "_s + apps.join(u", "_s)));
            const QModelIndex appIndex = childNamed(model, envIndex, app);
            QVERIFY2(model.rowCount(appIndex) > 0, qPrintable(env + u'/' + app + u" has no resources"_s));
            const QString status = appIndex.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString();
            QVERIFY2(status.contains(u"resource"_s), qPrintable(status));
        }
    }
    QVERIFY(!resourcesOfKind(model, u"Deployment"_s).isEmpty());
    QVERIFY(!resourcesOfKind(model, u"StatefulSet"_s).isEmpty());
    QVERIFY(!resourcesOfKind(model, u"Secret"_s).isEmpty());
    QVERIFY(!resourcesOfKind(model, u"Job"_s).isEmpty());

    // The status bar names the workspace, its branch and revision.
    const workspace::Workspace& ws = m_window->loader()->workspace();
    QVERIFY(!ws.commitId.isEmpty());
    const auto labels = m_window->findChildren<QLabel*>();
    QStringList texts;
    for (const QLabel* l : labels)
        texts << l->text();
    QVERIFY2(texts.contains(ws.commitId.left(8)), qPrintable(texts.join(u" | "_s)));
    QVERIFY(m_window->windowTitle().contains(u"demo"_s));
}

void TestMainWindow::unreachableClusterIsShown()
{
    // The kubeconfig's sandbox cluster has nothing listening: the tree, its tooltip,
    // the status bar and the live half of the YAML panel all say so, and the rest works.
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QModelIndex staging = childNamed(model, {}, u"staging"_s);
    QVERIFY(staging.isValid());
    const QModelIndex status = staging.siblingAtColumn(EnvironmentTreeModel::StatusColumn);
    QTRY_VERIFY2_WITH_TIMEOUT(status.data().toString().contains(u"Unreachable"_s), qPrintable(status.data().toString()),
        Timeout);
    const QString tip = staging.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"driftline-sandbox"_s), qPrintable(tip));
    QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->clusterStatusLabel()->text().contains(u"staging: Unreachable"_s), Timeout);

    const QList<QModelIndex> deployments = resourcesOfKind(model, u"Deployment"_s);
    QVERIFY(!deployments.isEmpty());
    QVERIFY(m_window->selectItem(deployments.first().data(EnvironmentTreeModel::ItemIdRole).toString()));
    // The panel shows Git's side alone and says why the live one is missing.
    YamlDiffView* view = m_window->yamlDiffView();
    const auto key = deployments.first().data(EnvironmentTreeModel::ResourceRole).value<Resource>().key();
    const auto reason = [view] { return view->pane(engine::RightSide)->placeholderText(); };
    QTRY_VERIFY2_WITH_TIMEOUT(diffShows(view, key)
            && (reason().contains(u"Unreachable"_s) || reason().contains(u"127.0.0.1"_s)),
        qPrintable(reason()), Timeout);
    QVERIFY(view->currentItem()->request.right.isEmpty());
    QVERIFY(view->paneText(engine::LeftSide).contains(u"kind: Deployment"_s));
    QVERIFY(view->paneText(engine::RightSide).isEmpty());
    QVERIFY2(view->summaryText().contains(reason()), qPrintable(view->summaryText()));
}

void TestMainWindow::malformedKubeconfigIsNamed()
{
    // A kubeconfig with a mistake: every environment says which file and line, and
    // the workspace stays usable.
    const QString broken = m_home.filePath(u"broken-kubeconfig"_s);
    test::writeFile(broken, "apiVersion: v1\nkind: Config\nclusters:\n- name: sandbox\n  cluster: [not, a, map]\n"
                            "users:\n- name: dev\n  user: {token: abc}\n"
                            "contexts:\n- name: driftline-sandbox\n  context: {cluster: sandbox, user: dev}\n");
    ClusterSettings(m_demo).setKubeconfigFile(broken);
    m_window->clusters()->reconnect();
    auto restore = qScopeGuard([this] {
        ClusterSettings(m_demo).setKubeconfigFile({});
        m_window->clusters()->reconnect();
    });
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QModelIndex staging = childNamed(model, {}, u"staging"_s);
    const QModelIndex status = staging.siblingAtColumn(EnvironmentTreeModel::StatusColumn);
    QTRY_VERIFY2_WITH_TIMEOUT(status.data().toString() == u"Not configured"_s, qPrintable(status.data().toString()),
        Timeout);
    const QString tip = staging.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"broken-kubeconfig:4"_s) && tip.contains(u"sandbox"_s), qPrintable(tip));
    QVERIFY2(!tip.contains(u"abc"_s), "the token never shows");
    QVERIFY(m_window->selectItem(u"production/web"_s));
    QVERIFY(m_window->summary()->plainText().contains(u"web"_s));

    restore.dismiss();
    ClusterSettings(m_demo).setKubeconfigFile({});
    m_window->clusters()->reconnect();
    QTRY_VERIFY_WITH_TIMEOUT(status.data().toString().contains(u"Unreachable"_s), Timeout);
}

void TestMainWindow::selectingADeploymentShowsItsYaml()
{
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QList<QModelIndex> deployments = resourcesOfKind(model, u"Deployment"_s);
    QVERIFY(!deployments.isEmpty());
    const QModelIndex deployment = deployments.first();
    const auto resource = deployment.data(EnvironmentTreeModel::ResourceRole).value<Resource>();

    QVERIFY(m_window->selectItem(deployment.data(EnvironmentTreeModel::ItemIdRole).toString()));
    QCOMPARE(m_window->treeView()->currentIndex(), deployment);

    YamlDiffView* view = m_window->yamlDiffView();
    QVERIFY(view->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(diffShows(view, resource.key()), Timeout);
    const QString text = view->paneText(engine::LeftSide);
    QVERIFY2(text.contains(u"kind: Deployment\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"  name: "_s + resource.name() + u'\n'), qPrintable(text));
    // Git's side alone (the cluster is unreachable): every line, no fold, no newline at the end.
    QString expected = view->currentDiff()->leftText;
    if (expected.endsWith(u'\n'))
        expected.chop(1);
    QCOMPARE(text, expected);
    QVERIFY2(view->headerText().startsWith(u"Deployment "_s + resource.namespace_() + u'/' + resource.name()),
             qPrintable(view->headerText()));
    QVERIFY2(view->headerText().contains(resource.source().file), qPrintable(view->headerText()));

    // YAML colours from KSyntaxHighlighting on the painted blocks.
    DiffPane* pane = view->pane(engine::LeftSide);
    pane->ensureHighlighted(0, 5);
    const QTextBlock kindLine = pane->document()->findBlockByNumber(1);
    QVERIFY(kindLine.text().startsWith(u"kind:"_s));
    QVERIFY(!kindLine.layout()->formats().isEmpty());
}

void TestMainWindow::secretsAreNeverShown()
{
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QList<QModelIndex> secrets = resourcesOfKind(model, u"Secret"_s);
    QVERIFY(!secrets.isEmpty());
    for (const QModelIndex& secret : secrets) {
        const auto resource = secret.data(EnvironmentTreeModel::ResourceRole).value<Resource>();
        QVERIFY(m_window->selectItem(secret.data(EnvironmentTreeModel::ItemIdRole).toString()));
        YamlDiffView* view = m_window->yamlDiffView();
        QTRY_VERIFY_WITH_TIMEOUT(diffShows(view, resource.key()), Timeout);
        QVERIFY(view->revealAction()->isVisible());
        const QString text = view->paneText(engine::LeftSide) + view->paneText(engine::RightSide)
            + view->summaryText();
        QVERIFY2(text.contains(u"kind: Secret"_s), qPrintable(text));
        QVERIFY2(text.contains(u"name: "_s + resource.name()), qPrintable(text));
        int values = 0;
        const QStringList lines = text.split(u'\n');
        for (const QString& field : {u"data"_s, u"stringData"_s}) {
            const QJsonObject data = resource.object().value(field).toObject();
            for (auto it = data.begin(); it != data.end(); ++it) {
                const QString value = it.value().toString();
                ++values;
                // The key is listed, its value is not.
                const auto line = std::find_if(lines.cbegin(), lines.cend(), [&](const QString& l) {
                    return l.trimmed().startsWith(it.key() + u':');
                });
                QVERIFY2(line != lines.cend(), qPrintable(text));
                QVERIFY2(!line->contains(value), qPrintable(*line));
                // Masked as SecretMask masks the decoded value.
                const QByteArray bytes
                    = field == u"data" ? QByteArray::fromBase64(value.toLatin1()) : value.toUtf8();
                QVERIFY2(line->contains(engine::SecretMask::maskFor(bytes)), qPrintable(*line));
                if (value.size() >= 8)
                    QVERIFY2(!text.contains(value), qPrintable(resource.name() + u": value of "_s + it.key()));
                if (field == u"data") {
                    const QString decoded = QString::fromUtf8(QByteArray::fromBase64(value.toLatin1()));
                    QVERIFY(!line->contains(decoded));
                    if (decoded.size() >= 8)
                        QVERIFY(!text.contains(decoded));
                }
            }
        }
        QVERIFY2(values > 0, qPrintable(resource.name() + u" has no values to hide"_s));
        QVERIFY(view->currentDiff()->masked);
    }
}

void TestMainWindow::summaryDescribesTheSelection()
{
    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QModelIndex staging = childNamed(model, {}, u"staging"_s);
    m_window->treeView()->setCurrentIndex(staging);
    ApplicationSummary* summary = m_window->summary();
    QCOMPARE(summary->subject(), ApplicationSummary::Subject::Environment);
    QString text = summary->plainText();
    for (const QString& app : {u"web"_s, u"api"_s, u"postgres"_s, u"jobs"_s})
        QVERIFY2(text.contains(app), qPrintable(text));

    const QModelIndex web = childNamed(model, staging, u"web"_s);
    m_window->treeView()->setCurrentIndex(web);
    QCOMPARE(summary->subject(), ApplicationSummary::Subject::Application);
    QCOMPARE(summary->subjectId(), u"staging/web"_s);
    text = summary->plainText();
    const workspace::RenderResult* result = m_window->loader()->result(u"staging/web"_s);
    QVERIFY(result);
    QVERIFY2(text.contains(result->renderer), qPrintable(text));
    QVERIFY(text.contains(u"Deployment"_s));
    const auto& apps = m_window->loader()->workspace().applications;
    const auto app = std::find_if(apps.cbegin(), apps.cend(), [](const auto& a) { return a.id() == u"staging/web"; });
    QVERIFY(app != apps.cend());
    QVERIFY2(text.contains(app->path), qPrintable(text));
    QVERIFY2(text.contains(app->origin), qPrintable(text));
    // Nothing selected in the YAML panel: it explains itself instead of showing stale YAML.
    QVERIFY(!m_window->yamlDiffView()->hasResource());
    QVERIFY(m_window->yamlDiffView()->paneText(engine::LeftSide).isEmpty());
}

void TestMainWindow::clusterContextsFromTheTree()
{
    QAction* clusters = m_window->clustersAction();
    QVERIFY(clusters->isEnabled());
    auto* menu = m_window->findChild<QMenu*>(u"workspaceMenu"_s);
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(clusters));

    const QString env = u"staging"_s;
    QTreeView* tree = m_window->treeView();
    const QModelIndex index = childNamed(*tree->model(), {}, env);
    QVERIFY(index.isValid());
    tree->setCurrentIndex(index);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->summary()->plainText().contains(u"https://127.0.0.1:7443"_s),
        qPrintable(m_window->summary()->plainText()), Timeout);
    QVERIFY(m_window->summary()->plainText().contains(u"driftline-sandbox"_s));

    // The environment's context menu opens the dialog on its row.
    bool triggered = false;
    QTimer::singleShot(0, this, [&] {
        auto* popup = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!popup)
            return;
        for (QAction* a : popup->actions()) {
            if (a->text() == u"Choose cluster context…") {
                triggered = true;
                a->trigger();
            }
        }
        popup->close();
    });
    emit tree->customContextMenuRequested(tree->visualRect(index).center());
    QVERIFY(triggered);
    auto* dialog = m_window->findChild<ContextMappingDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->table()->currentRow(), dialog->rowOf(env));
    QComboBox* combo = dialog->contextCombo(env);
    QCOMPARE(combo->currentData().toString(), u"driftline-sandbox"_s);
    combo->setCurrentIndex(combo->findData(u"lab"_s));
    dialog->accept();

    // The summary follows the new mapping once the kubeconfig is read again off
    // the UI thread, and flags the insecure cluster.
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->summary()->plainText().contains(
                                  u"lab (chosen instead of “driftline-sandbox” from driftline.yaml)"_s),
        qPrintable(m_window->summary()->plainText()), Timeout);
    const QString after = m_window->summary()->plainText();
    QVERIFY2(after.contains(u"https://10.1.1.1:6443 (TLS verification is off)"_s), qPrintable(after));
    QCOMPARE(ClusterSettings(m_demo).savedContext(env).value_or(QString()), u"lab"_s);
    ClusterSettings(m_demo).clear();
}

void TestMainWindow::welcomePageShowsRecentWorkspaces()
{
    const QString missing = m_home.filePath(u"gone-repository"_s);
    RecentWorkspaces::add(missing);
    QCOMPARE(RecentWorkspaces::list().value(1), QDir::cleanPath(m_demo));

    m_window->showWelcome();
    QVERIFY(!m_window->isShowingWorkspace());
    QVERIFY(!m_window->clustersAction()->isEnabled());
    QListWidget* list = m_window->welcomePage()->recentList();
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->data(WelcomePage::PathRole).toString(), missing);
    QVERIFY(list->item(0)->toolTip().contains(u"no longer exists"_s));
    QCOMPARE(list->item(1)->data(WelcomePage::PathRole).toString(), QDir::cleanPath(m_demo));
    QVERIFY(list->item(1)->text().contains(u"demo"_s));

    // Activating the missing one does nothing; the existing one opens the workspace again.
    QSignalSpy started(m_window->loader(), &workspace::WorkspaceLoader::loadStarted);
    Q_EMIT list->itemActivated(list->item(0));
    QVERIFY(!m_window->isShowingWorkspace());
    QCOMPARE(started.size(), 0);
    Q_EMIT list->itemActivated(list->item(1));
    QVERIFY(m_window->isShowingWorkspace());
    QCOMPARE(started.size(), 1);
    QVERIFY(waitForLoad(*m_window));
    QVERIFY(m_window->clustersAction()->isEnabled());

    // Recent entries are bounded and deduplicated.
    for (int i = 0; i < RecentWorkspaces::MaxCount + 3; ++i)
        RecentWorkspaces::add(m_home.filePath(u"repo-%1"_s.arg(i % (RecentWorkspaces::MaxCount + 1))));
    QCOMPARE(RecentWorkspaces::list().size(), RecentWorkspaces::MaxCount);
    QCOMPARE(RecentWorkspaces::list().removeDuplicates(), 0);
}

void TestMainWindow::f5Reloads()
{
    QVERIFY(m_window->isShowingWorkspace());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(m_window->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));

    const QAbstractItemModel& model = *m_window->treeView()->model();
    const QModelIndex deployment = resourcesOfKind(model, u"Deployment"_s).value(0);
    const QString id = deployment.data(EnvironmentTreeModel::ItemIdRole).toString();
    QVERIFY(m_window->selectItem(id));

    QSignalSpy started(m_window->loader(), &workspace::WorkspaceLoader::loadStarted);
    QSignalSpy finished(m_window->loader(), &workspace::WorkspaceLoader::loadFinished);
    QSignalSpy resets(m_window->treeModel(), &QAbstractItemModel::modelReset);
    QTest::keyClick(m_window->windowHandle(), Qt::Key_F5);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toString(), m_window->loader()->workspace().repositoryPath);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), Timeout);
    QCOMPARE(resets.size(), 0);
    // The selection and its YAML survive the reload.
    QCOMPARE(m_window->currentItemId(), id);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->yamlDiffView()->paneText(engine::LeftSide).contains(u"kind: Deployment"_s), Timeout);
}

void TestMainWindow::errorsLeadToTheirApplication()
{
    test::TestRepo repo;
    repo.write(u"driftline.yaml"_s, "environments:\n  - name: dev\n"
                                    "applications:\n  - name: good\n    path: good\n  - name: bad\n    path: bad\n");
    repo.write(u"good/cm.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n");
    repo.write(u"bad/broken.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: [oops\n");
    repo.commit(u"one good, one bad"_s);

    QSignalSpy resets(m_window->treeModel(), &QAbstractItemModel::modelReset);
    m_window->openWorkspace(repo.path());
    QVERIFY(waitForLoad(*m_window));
    QCOMPARE(resets.size(), 1); // another repository: a fresh tree

    QTreeWidget* errors = m_window->activityPanel()->errorList();
    QTRY_VERIFY(errors->isVisible());
    QCOMPARE(errors->topLevelItemCount(), 1);
    QTreeWidgetItem* item = errors->topLevelItem(0);
    QVERIFY2(item->text(ActivityPanel::LocationColumn).startsWith(u"bad/broken.yaml:"_s),
             qPrintable(item->text(ActivityPanel::LocationColumn)));
    QCOMPARE(item->text(ActivityPanel::ApplicationColumn), u"dev/bad"_s);
    QVERIFY(!item->text(ActivityPanel::MessageColumn).isEmpty());

    m_window->treeView()->setCurrentIndex({});
    const QRect rect = errors->visualItemRect(item);
    QSignalSpy activated(errors, &QTreeWidget::itemActivated);
    QTest::mouseClick(errors->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(errors->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(m_window->currentItemId(), u"dev/bad"_s);
    QCOMPARE(m_window->summary()->subjectId(), u"dev/bad"_s);
}

void TestMainWindow::cloneDialog()
{
    test::TestRepo origin(true);
    {
        test::TestRepo work;
        work.write(u"app/cm.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cloned\n");
        work.commit(u"first"_s);
        work.git({u"push"_s, u"-q"_s, origin.path(), u"main"_s});
    }
    const QString url = QUrl::fromLocalFile(origin.path()).toString();

    // The destination proposed lives in the user's cache, named after the repository.
    QCOMPARE(CloneDialog::repositoryName(u"https://example.com/org/shop-gitops.git"_s), u"shop-gitops"_s);
    QCOMPARE(CloneDialog::repositoryName(u"git@example.com:org/infra.git"_s), u"infra"_s);
    QVERIFY(CloneDialog::defaultDestination(u"https://example.com/org/shop.git"_s)
                .startsWith(m_home.filePath(u"cache/driftline/clones/"_s)));

    CloneDialog dialog;
    QSignalSpy cloned(&dialog, &CloneDialog::cloned);
    dialog.setUrl(url);
    const QString destination = m_home.filePath(u"clones/shop"_s);
    dialog.setDestination(destination);
    dialog.show();
    dialog.startClone();
    QVERIFY(dialog.isCloning());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isCloning(), Timeout);
    QCOMPARE(cloned.size(), 1);
    QCOMPARE(QDir(cloned.first().first().toString()).canonicalPath(), QDir(destination).canonicalPath());
    QVERIFY(QFileInfo::exists(destination + u"/app/cm.yaml"_s));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    // Cloning into a folder that is not empty fails with a message, and nothing is emitted.
    CloneDialog again;
    QSignalSpy clonedAgain(&again, &CloneDialog::cloned);
    again.setUrl(url);
    again.setDestination(destination);
    again.show();
    again.startClone();
    QTRY_VERIFY_WITH_TIMEOUT(!again.isCloning(), Timeout);
    QCOMPARE(clonedAgain.size(), 0);
    QVERIFY2(again.errorText().contains(QDir::toNativeSeparators(destination)), qPrintable(again.errorText()));
    QVERIFY(again.isVisible());

    // A URL that does not exist: libgit2's message is shown.
    CloneDialog bad;
    bad.setUrl(QUrl::fromLocalFile(m_home.filePath(u"no-such-repository"_s)).toString());
    bad.setDestination(m_home.filePath(u"clones/bad"_s));
    bad.show();
    bad.startClone();
    QTRY_VERIFY_WITH_TIMEOUT(!bad.isCloning(), Timeout);
    QVERIFY2(bad.errorText().startsWith(CloneDialog::tr("Could not clone: %1").arg(QString()).trimmed()),
             qPrintable(bad.errorText()));
    QVERIFY(bad.errorText().size() > 20);
}

void TestMainWindow::yamlThemeFollowsThePalette()
{
    YamlView view;
    QPalette light = view.palette();
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Text, Qt::black);
    light.setColor(QPalette::WindowText, Qt::black);
    view.setPalette(light);
    const auto background = [&] {
        return QColor::fromRgba(view.highlighter()->theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
    };
    QVERIFY(background().lightness() > 128);

    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    view.setPalette(dark);
    QVERIFY(background().lightness() < 128);
    // The editor takes the theme's background, so the colours stay readable.
    QVERIFY(view.editor()->palette().color(QPalette::Base).lightness() < 128);
}

void TestMainWindow::layoutIsRestored()
{
    QList<int> sizes;
    {
        MainWindow window;
        window.resize(760, 560); // within the offscreen screen, which restoreGeometry clamps to
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openWorkspace(m_demo);
        auto* splitter = window.findChild<QSplitter*>(u"horizontalSplitter"_s);
        QVERIFY(splitter);
        splitter->setSizes({300, 460});
        sizes = splitter->sizes();
        window.close(); // saves the layout
        QVERIFY(waitForLoad(window));
    }
    MainWindow restored;
    restored.restoreLayout();
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    restored.openWorkspace(m_demo);
    QVERIFY(waitForLoad(restored));
    auto* splitter = restored.findChild<QSplitter*>(u"horizontalSplitter"_s);
    QTRY_COMPARE(splitter->sizes().value(0), sizes.value(0));
    QCOMPARE(restored.size(), QSize(760, 560));
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
