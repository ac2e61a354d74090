// The History tab of one application: the commits that touched its inputs
// (its folder and what its kustomization pulls in), newest first, with a column
// per environment marking the row that is live there (LiveRevision) and the row
// an environment is pinned to. From a row: preview it against the cluster, roll
// the cluster back to it, or revert the files in Git (RevertDialog). Git and the
// renders run on worker threads; a newer application drops older results.
#pragma once

#include "engine/liverevision.h"
#include "kube/livesnapshot.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace driftline::engine {
class AuditLog;
}

namespace driftline::gui {

class RevertDialog;

class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    // The application in one environment, with that environment's live objects
    // (nullptr or incomplete: its column says the cluster is not read yet).
    struct Instance {
        workspace::Application application;
        std::shared_ptr<const kube::LiveSnapshot> live;
    };

    explicit HistoryPanel(QWidget* parent = nullptr);
    ~HistoryPanel() override;

    // Where renders are cached (the window's render cache folder); empty: memory only.
    void setRenderOptions(const workspace::ApplicationRenderer::Options& options) { m_renderOptions = options; }
    // The journal RevertDialog writes to; unset: the default journal (AuditLog's default path).
    void setAuditLog(engine::AuditLog* log) { m_auditLog = log; }

    // Shows the history of `application` read from `repositoryPath` at `revision`
    // (a commit id; empty: HEAD); `instances` are the application of the same name
    // in each environment, for the live columns. Same arguments again: nothing is redone.
    void setApplication(const QString& repositoryPath, const QString& revision,
        const workspace::Application& application, const QList<Instance>& instances);
    // Only the live snapshots changed: the live columns are recomputed.
    void setInstances(const QList<Instance>& instances);
    // Judges every environment's live revision again (after a sync or a rollback).
    void refreshLiveRevisions();
    // Empty state with `message`; stops pending work.
    void clear(const QString& message = {});
    // Marks `commitId` as the revision `environment` is pinned to (empty: not pinned).
    void setPinned(const QString& environment, const QString& commitId);

    QString applicationId() const { return m_application.name.isEmpty() ? QString() : m_application.id(); }
    bool isBusy() const;
    QString message() const; // the empty-state or error text; empty while the table shows
    QTableView* table() const { return m_table; }
    QStandardItemModel* model() const { return m_model; }
    QString commitAt(int row) const;
    QString selectedCommit() const;
    void selectCommit(const QString& commitId);
    // The live answer of an environment (after liveRevisionsReady), or nullptr.
    const engine::LiveRevisionMatch* liveRevision(const QString& environment) const;
    QPushButton* previewButton() const { return m_preview; }
    QPushButton* rollbackButton() const { return m_rollback; }
    QPushButton* revertButton() const { return m_revert; }
    // Opens "Revert in Git…" for the selected row (non-modal); nullptr without a selection.
    RevertDialog* openRevertDialog();

Q_SIGNALS:
    void historyReady();
    void liveRevisionsReady();
    void previewRequested(const QString& applicationId, const QString& commitId);
    void rollbackRequested(const QString& applicationId, const QString& environment, const QString& commitId);
    void reverted(const QString& newCommitId);

private:
    void showMessage(const QString& text);
    void showHistory(const QList<git::CommitInfo>& commits);
    void startLiveRevisions();
    void updateLiveColumns();
    void updateButtons();
    int environmentColumn(const QString& environment) const;
    QString environmentOfColumn(int column) const;

    QString m_repositoryPath;
    QString m_revision;
    workspace::Application m_application;
    QList<Instance> m_instances;
    workspace::ApplicationRenderer::Options m_renderOptions;
    engine::AuditLog* m_auditLog = nullptr;
    std::unique_ptr<engine::AuditLog> m_defaultAuditLog; // made when a revert runs without setAuditLog()
    QList<git::CommitInfo> m_commits;
    QHash<QString, engine::LiveRevisionMatch> m_live; // by environment
    QHash<QString, QString> m_pinned;                  // environment -> commit id
    quint64 m_generation = 0;
    int m_historyPending = 0;
    int m_livePending = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QTableView* m_table = nullptr;
    QStandardItemModel* m_model = nullptr;
    QPushButton* m_preview = nullptr;
    QPushButton* m_rollback = nullptr;
    QPushButton* m_revert = nullptr;
};

} // namespace driftline::gui
