// HistoryPanel and RevertDialog on a real repository (three commits of a plain
// application) and a real sandbox read over HTTPS: the table lists the commits
// with the live one marked, read without stalling the UI thread; the buttons ask
// for a preview or a rollback; a revert restores the files' tree exactly, is
// refused on a dirty working tree naming the file, pushes to a bare remote and
// is journaled in the audit log.
#include "engine/auditlog.h"
#include "engine/driftcheck.h"
#include "git/repository.h"
#include "gui/clusterconnections.h"
#include "gui/environmenttreemodel.h"
#include "gui/historypanel.h"
#include "gui/mainwindow.h"
#include "gui/yamldiffview.h"
#include "gui/revertdialog.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::gui::HistoryPanel;
using driftline::gui::RevertDialog;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::SandboxServer;
using driftline::test::why;

namespace {

QByteArray configMap(const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  value: \"" + value + "\"\n";
}

// Measures the longest gap between timer ticks on this thread while it is alive.
class StallProbe
{
public:
    StallProbe()
    {
        m_clock.start();
        m_last = 0;
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_timer.start(5);
    }
    qint64 longest() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

} // namespace

class TestHistoryPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SandboxServer m_server;
    test::TestRepo m_repo;
    test::TestRepo m_remote {true};
    QStringList m_commits; // oldest first
    workspace::Application m_app;
    std::shared_ptr<const kube::LiveSnapshot> m_live;

    QString head()
    {
        auto repo = git::Repository::open(m_repo.path());
        auto id = repo ? repo->resolve(u"HEAD"_s) : Result<QString>(QString());
        return id ? *id : QString();
    }

    QString treeOf(const QString& commitId)
    {
        auto repo = git::Repository::open(m_repo.path());
        auto id = repo ? repo->treeId(commitId, u"apps/web"_s) : Result<QString>(QString());
        return id ? *id : QString();
    }

    // A dialog for the revert of `commitId`, once its preview is read.
    std::unique_ptr<RevertDialog> dialogFor(const QString& commitId, engine::AuditLog* log)
    {
        auto dialog = std::make_unique<RevertDialog>(m_repo.path(), m_app, commitId, log);
        QSignalSpy ready(dialog.get(), &RevertDialog::ready);
        if (!dialog->isReady() && !ready.wait(10000))
            return {};
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_repo.isValid());
        QVERIFY(m_remote.isValid());
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().message));
        const QString kubeconfig = m_dir.filePath(u"kubeconfig"_s);
        QVERIFY(m_server.kubeconfig(kubeconfig));

        m_repo.write(u"driftline.yaml"_s,
            "version: 1\n"
            "environments:\n"
            "  - name: staging\n"
            "    context: driftline-sandbox\n"
            "applications:\n"
            "  - name: web\n"
            "    path: apps/web\n"
            "    namespace: shop\n");
        m_repo.write(u"apps/web/config.yaml"_s, configMap("1"));
        m_commits << m_repo.commit(u"web: value 1\n\nThe first value, with a body."_s);
        m_repo.write(u"apps/web/config.yaml"_s, configMap("2"));
        m_commits << m_repo.commit(u"web: value 2"_s);
        m_repo.write(u"apps/web/config.yaml"_s, configMap("3"));
        m_repo.write(u"apps/web/extra.yaml"_s,
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-extra\ndata:\n  a: b\n");
        m_commits << m_repo.commit(u"web: value 3 and an extra map"_s);
        m_repo.git({u"remote"_s, u"add"_s, u"origin"_s, u"file://"_s + m_remote.path()});
        m_repo.git({u"push"_s, u"-q"_s, u"origin"_s, u"main"_s});

        // The cluster runs the 2nd commit (applied as a sync applies).
        sandbox::ResourceType configMapType;
        sandbox::ResourceType namespaceType;
        for (const sandbox::ResourceType& t : m_server.store().types()) {
            if (t.group.isEmpty() && t.kind == u"ConfigMap")
                configMapType = t;
            if (t.group.isEmpty() && t.kind == u"Namespace")
                namespaceType = t;
        }
        QVERIFY(m_server.store().create(namespaceType, {},
            QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                {u"metadata"_s, QJsonObject {{u"name"_s, u"shop"_s}}}}));
        ObjectStore::ApplyOptions options;
        options.fieldManager = u"driftline"_s;
        options.force = true;
        QVERIFY(m_server.store().apply(configMapType, u"shop"_s, u"web"_s,
            QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                {u"metadata"_s, QJsonObject {{u"name"_s, u"web"_s}, {u"namespace"_s, u"shop"_s}}},
                {u"data"_s, QJsonObject {{u"value"_s, u"2"_s}}}},
            options));

        engine::DriftCheck::Options check;
        check.workspace = m_repo.path();
        check.kubeconfig = kubeconfig;
        check.cacheDir = m_dir.filePath(u"renders"_s);
        const auto report = engine::DriftCheck::run(check);
        QVERIFY2(report, qPrintable(why(report)));
        QCOMPARE(report->workspace.applications.size(), 1);
        m_app = report->workspace.applications.constFirst();
        QVERIFY(!report->environments.isEmpty());
        m_live = report->environments.constFirst().live;
        QVERIFY(m_live && m_live->isComplete());
    }

    void historyWithTheLiveRow()
    {
        HistoryPanel panel;
        panel.setRenderOptions({m_dir.filePath(u"renders"_s)});
        panel.resize(800, 400);
        panel.show();
        QSignalSpy history(&panel, &HistoryPanel::historyReady);
        QSignalSpy live(&panel, &HistoryPanel::liveRevisionsReady);
        StallProbe probe;
        panel.setApplication(m_repo.path(), {}, m_app, {{m_app, m_live}});
        QTRY_VERIFY_WITH_TIMEOUT(history.count() == 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(live.count() > 0, 15000);
        QVERIFY(!panel.isBusy());
        QVERIFY2(probe.longest() < 100, qPrintable(QString::number(probe.longest())));

        QCOMPARE(panel.message(), QString());
        QStandardItemModel* model = panel.model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->columnCount(), 5);
        QCOMPARE(model->horizontalHeaderItem(4)->text(), u"staging"_s);
        QCOMPARE(panel.commitAt(0), m_commits.at(2));
        QCOMPARE(panel.commitAt(2), m_commits.at(0));
        QCOMPARE(model->item(2, 3)->text(), u"web: value 1"_s);
        QVERIFY2(model->item(2, 3)->toolTip().contains(u"with a body"_s), qPrintable(model->item(2, 3)->toolTip()));

        const engine::LiveRevisionMatch* match = panel.liveRevision(u"staging"_s);
        QVERIFY(match);
        QCOMPARE(match->commitId, m_commits.at(1));
        QVERIFY(match->exact);
        QVERIFY2(model->item(1, 4)->text().contains(u"live"_s), qPrintable(model->item(1, 4)->text()));
        QCOMPARE(model->item(0, 4)->text(), QString());

        panel.setPinned(u"staging"_s, m_commits.at(0));
        QVERIFY(model->item(2, 4)->text().contains(u"pinned"_s));
        panel.setPinned(u"staging"_s, {});
        QCOMPARE(model->item(2, 4)->text(), QString());

        // The same application again: nothing is read again.
        panel.setApplication(m_repo.path(), {}, m_app, {{m_app, m_live}});
        QVERIFY(!panel.isBusy());
        // A new snapshot from a watch event: no new round either.
        panel.setInstances({{m_app, std::make_shared<const kube::LiveSnapshot>(*m_live)}});
        QVERIFY(!panel.isBusy());
        QVERIFY(panel.liveRevision(u"staging"_s));
        // The cluster no longer read completely: the column says so instead of keeping an old answer.
        panel.setInstances({{m_app, std::make_shared<const kube::LiveSnapshot>()}});
        QCOMPARE(panel.liveRevision(u"staging"_s), nullptr);
        QCOMPARE(model->item(1, 4)->text(), QString());
        QVERIFY(model->horizontalHeaderItem(4)->toolTip().contains(u"not been read"_s));
        // Asked again with the full snapshot: the answer comes back.
        panel.setInstances({{m_app, m_live}});
        QTRY_VERIFY_WITH_TIMEOUT(panel.liveRevision(u"staging"_s) && !panel.isBusy(), 10000);
        QCOMPARE(panel.liveRevision(u"staging"_s)->commitId, m_commits.at(1));
    }

    void buttonsAskForPreviewAndRollback()
    {
        HistoryPanel panel;
        QSignalSpy history(&panel, &HistoryPanel::historyReady);
        panel.setApplication(m_repo.path(), {}, m_app, {});
        QTRY_VERIFY_WITH_TIMEOUT(history.count() == 1, 10000);
        QVERIFY(!panel.previewButton()->isEnabled());
        panel.selectCommit(m_commits.at(1));
        QVERIFY(panel.previewButton()->isEnabled());
        QSignalSpy preview(&panel, &HistoryPanel::previewRequested);
        QSignalSpy rollback(&panel, &HistoryPanel::rollbackRequested);
        panel.previewButton()->click();
        QCOMPARE(preview.count(), 1);
        QCOMPARE(preview.at(0).at(0).toString(), u"staging/web"_s);
        QCOMPARE(preview.at(0).at(1).toString(), m_commits.at(1));
        panel.rollbackButton()->click();
        QCOMPARE(rollback.count(), 1);
        QCOMPARE(rollback.at(0).at(1).toString(), u"staging"_s);
        QCOMPARE(rollback.at(0).at(2).toString(), m_commits.at(1));
        // Without a live snapshot the column says so instead of guessing.
        QCOMPARE(panel.liveRevision(u"staging"_s), nullptr);
    }

    void errorsAndEmptyStateInThePanel()
    {
        HistoryPanel panel;
        QVERIFY(!panel.message().isEmpty()); // nothing selected yet
        QSignalSpy history(&panel, &HistoryPanel::historyReady);
        workspace::Application gone = m_app;
        gone.path = u"apps/nowhere"_s;
        panel.setApplication(m_repo.path(), {}, gone, {});
        QTRY_VERIFY_WITH_TIMEOUT(history.count() == 1, 10000);
        QVERIFY2(panel.message().contains(u"could not be read"_s), qPrintable(panel.message()));
        QCOMPARE(panel.openRevertDialog(), nullptr);

        panel.setApplication(m_dir.filePath(u"not-a-repository"_s), {}, m_app, {});
        QTRY_VERIFY_WITH_TIMEOUT(history.count() == 2, 10000);
        QVERIFY(!panel.message().isEmpty());
        panel.clear();
        QVERIFY(!panel.message().isEmpty());
    }

    void refusedOnADirtyWorkingTree()
    {
        const QString before = head();
        m_repo.write(u"apps/web/config.yaml"_s, configMap("edited, not committed"));
        engine::AuditLog log(m_dir.filePath(u"refused.jsonl"_s));
        auto dialog = dialogFor(m_commits.at(0), &log);
        QVERIFY(dialog);
        QSignalSpy failed(dialog.get(), &RevertDialog::failed);
        dialog->start();
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 10000);
        QVERIFY2(dialog->resultText().contains(u"config.yaml"_s), qPrintable(dialog->resultText()));
        QCOMPARE(head(), before);
        const auto journal = log.read();
        QVERIFY2(journal, qPrintable(why(journal)));
        QCOMPARE(journal->entries.size(), 1);
        QCOMPARE(journal->entries.constFirst().outcome, u"failed"_s);
        m_repo.git({u"checkout"_s, u"--"_s, u"apps/web/config.yaml"_s});
    }

    void revertRestoresTheTreeAndPushes()
    {
        engine::AuditLog log(m_dir.filePath(u"audit.jsonl"_s));
        auto dialog = dialogFor(m_commits.at(0), &log);
        QVERIFY(dialog);
        // The files that will change, before anything is written.
        QCOMPARE(dialog->changedFiles(), QStringList({u"M apps/web/config.yaml"_s, u"D apps/web/extra.yaml"_s}));
        QCOMPARE(dialog->inputPaths(), QStringList {u"apps/web"_s});
        dialog->setReason(u"value 3 broke checkout"_s);
        const QString message = dialog->message();
        QVERIFY2(message.startsWith(u"Revert staging/web to "_s + m_commits.at(0).left(8) + u" (web: value 1)"_s),
            qPrintable(message));
        QVERIFY2(message.contains(u"undoing: web: value 3 and an extra map; web: value 2"_s), qPrintable(message));
        QVERIFY2(message.contains(u"Why: value 3 broke checkout"_s), qPrintable(message));
        QVERIFY(dialog->revertButton()->isEnabled());

        dialog->setPush(true);
        QSignalSpy reverted(dialog.get(), &RevertDialog::reverted);
        StallProbe probe;
        dialog->revertButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(reverted.count() == 1, 15000);
        QVERIFY2(probe.longest() < 100, qPrintable(QString::number(probe.longest())));
        const QString commit = reverted.at(0).at(0).toString();
        QCOMPARE(commit, head());
        QCOMPARE(treeOf(commit), treeOf(m_commits.at(0)));
        QVERIFY2(dialog->resultText().contains(u"Pushed"_s), qPrintable(dialog->resultText()));
        QCOMPARE(m_remote.git({u"rev-parse"_s, u"main"_s}), commit);
        auto repo = git::Repository::open(m_repo.path());
        QVERIFY2(repo, qPrintable(why(repo)));
        const auto info = repo->commit(commit);
        QVERIFY2(info, qPrintable(why(info)));
        QCOMPARE(info->message.trimmed(), message.trimmed());

        const auto journal = log.read();
        QVERIFY2(journal, qPrintable(why(journal)));
        QCOMPARE(journal->entries.size(), 1);
        const engine::AuditEntry& entry = journal->entries.constFirst();
        QCOMPARE(entry.kind, u"revert"_s);
        QCOMPARE(entry.revision, commit);
        QCOMPARE(entry.outcome, u"succeeded"_s);
        QCOMPARE(entry.applications, QStringList {u"staging/web"_s});
        QCOMPARE(entry.options.value(u"push"_s).toBool(), true);
        QCOMPARE(entry.options.value(u"mode"_s).toString(), u"restore"_s);
        QVERIFY(!entry.user.isEmpty());
    }

    void revertOnlyOneCommit()
    {
        // HEAD holds value 1 now; reverting only the restore commit brings value 3 back.
        const QString restore = head();
        const QString before = treeOf(m_commits.at(2));
        auto dialog = dialogFor(restore, nullptr);
        QVERIFY(dialog);
        dialog->setMode(RevertDialog::Mode::RevertCommit);
        QCOMPARE(dialog->mode(), RevertDialog::Mode::RevertCommit);
        QVERIFY2(dialog->message().startsWith(u"Revert \"Revert staging/web"_s), qPrintable(dialog->message()));
        QCOMPARE(dialog->changedFiles(), QStringList({u"M apps/web/config.yaml"_s, u"A apps/web/extra.yaml"_s}));
        QSignalSpy reverted(dialog.get(), &RevertDialog::reverted);
        dialog->start();
        QTRY_VERIFY_WITH_TIMEOUT(reverted.count() == 1, 15000);
        QCOMPARE(treeOf(reverted.at(0).at(0).toString()), before);
    }

    void rejectedPushKeepsTheCommitLocal()
    {
        // Someone else pushed first: the remote has a commit this clone lacks.
        const QString other = m_dir.filePath(u"other-clone"_s);
        m_repo.git({u"clone"_s, u"-q"_s, u"file://"_s + m_remote.path(), other});
        m_repo.git({u"-C"_s, other, u"-c"_s, u"user.name=Other"_s, u"-c"_s, u"user.email=other@example.com"_s,
            u"commit"_s, u"-q"_s, u"--allow-empty"_s, u"-m"_s, u"elsewhere"_s});
        m_repo.git({u"-C"_s, other, u"push"_s, u"-q"_s, u"origin"_s, u"main"_s});
        const QString remoteBefore = m_remote.git({u"rev-parse"_s, u"main"_s});

        auto dialog = dialogFor(m_commits.at(1), nullptr);
        QVERIFY(dialog);
        dialog->setPush(true);
        QSignalSpy reverted(dialog.get(), &RevertDialog::reverted);
        dialog->start();
        QTRY_VERIFY_WITH_TIMEOUT(reverted.count() == 1, 15000);
        QCOMPARE(head(), reverted.at(0).at(0).toString());
        QCOMPARE(treeOf(head()), treeOf(m_commits.at(1)));
        QVERIFY2(dialog->resultText().contains(u"stays local"_s), qPrintable(dialog->resultText()));
        QCOMPARE(m_remote.git({u"rev-parse"_s, u"main"_s}), remoteBefore);
    }

    // The window on the demo: the History tab follows the tree, marks the live row and previews against live.
    void windowHistoryTab()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toLocal8Bit());
        qputenv("XDG_CACHE_HOME", home.filePath(u"cache"_s).toLocal8Bit());
        qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toLocal8Bit());
        qputenv("KUBECONFIG", home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
        QCoreApplication::setApplicationName(u"tst_historypanel"_s);
        gui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openDemo(home.filePath(u"demo"_s));
        QTRY_VERIFY_WITH_TIMEOUT(window.isShowingWorkspace(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.treeModel()->drift(u"staging"_s) != nullptr, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.clusters()->snapshot(u"staging"_s)
                && window.clusters()->snapshot(u"staging"_s)->isComplete(), 20'000);
        HistoryPanel* panel = window.historyPanel();
        QVERIFY(panel);
        QSignalSpy live(panel, &HistoryPanel::liveRevisionsReady);
        QVERIFY(window.selectItem(u"staging/api"_s));
        QCOMPARE(panel->applicationId(), QString()); // not computed while hidden
        QVERIFY(window.setDetailsTab(u"history"_s));
        QCOMPARE(window.detailsTabs()->currentWidget(), panel);
        QTRY_COMPARE_WITH_TIMEOUT(panel->applicationId(), u"staging/api"_s, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(live.count() > 0 && !panel->isBusy(), 20'000);
        QVERIFY2(panel->model()->rowCount() > 0, qPrintable(panel->message()));
        const engine::LiveRevisionMatch* staging = panel->liveRevision(u"staging"_s);
        QVERIFY(staging);
        QVERIFY2(!staging->commitId.isEmpty(), qPrintable(staging->renderErrors.join(u'\n')));

        panel->selectCommit(staging->commitId);
        panel->previewButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.yamlDiffView()->isComparison() && window.yamlDiffView()->itemCount() > 0, 10'000);
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
