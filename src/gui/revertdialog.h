// "Revert in Git…": puts an application's files (its inputs: its folder and what
// its kustomization pulls in) back to a chosen commit as one new commit, or
// reverts only that commit, with a generated message the user can edit. Before
// anything is written it shows the files that will change; the write, the
// optional push and the audit log entry run on a worker thread with their own
// repository handle. On success the window reloads and can offer a sync.
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace driftline::engine {
class AuditLog;
}

namespace driftline::gui {

class RevertDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode {
        RestoreFiles, // the inputs as they were at the commit (Repository::restorePaths)
        RevertCommit, // only that commit's changes undone (Repository::revertCommits)
    };

    // `auditLog` may be nullptr (nothing journaled); it must outlive the dialog's work.
    RevertDialog(const QString& repositoryPath, const workspace::Application& application, const QString& commitId,
        engine::AuditLog* auditLog, QWidget* parent = nullptr);
    ~RevertDialog() override;

    // False while the preview (files, message) is being read.
    bool isReady() const { return m_ready; }
    bool isBusy() const { return m_busy; }
    Mode mode() const;
    void setMode(Mode mode);
    void setPush(bool push);
    void setReason(const QString& reason);
    // The commit message as it will be written (generated until the user edits it).
    QString message() const;
    void setMessage(const QString& message);
    // Repository-relative files the new commit will change, with +/-/M markers ("M apps/web/config.yaml").
    QStringList changedFiles() const { return m_mode == Mode::RestoreFiles ? m_restoreFiles : m_revertFiles; }
    QStringList inputPaths() const { return m_paths; }
    // What the last attempt said (the refusal naming the files, the push rejection); empty before.
    QString resultText() const;
    QString newCommitId() const { return m_newCommit; }
    QPushButton* revertButton() const { return m_revert; }

    // Writes the commit (what the Revert button does); returns at once, the work runs on a worker.
    void start();

Q_SIGNALS:
    void ready();
    // The commit is written (and pushed when asked, or the push failed: see resultText()).
    void reverted(const QString& newCommitId);
    void failed(const QString& message);

private:
    struct Preview {
        QString head;
        QString shortId;
        QString summary;
        QStringList paths;
        QStringList restoreFiles;
        QStringList revertFiles;
        QStringList laterSummaries; // commits after the chosen one that touched the inputs, newest first
        QStringList uncommitted;
    };
    struct Outcome {
        QString commitId;
        bool pushed = false;
        QString pushError;
        QString error;
    };
    static Result<Preview> readPreview(const QString& repositoryPath, const workspace::Application& application,
        const QString& commitId);
    static Outcome run(const QString& repositoryPath, const workspace::Application& application,
        const QString& commitId, const QStringList& paths, Mode mode, bool push, const QString& message,
        engine::AuditLog* auditLog);
    void onPreview(const Result<Preview>& preview);
    void onFinished(const Outcome& outcome);
    void regenerateMessage();
    void updateFiles();

    QString m_repositoryPath;
    workspace::Application m_application;
    QString m_commitId;
    engine::AuditLog* m_auditLog = nullptr;
    Mode m_mode = Mode::RestoreFiles;
    bool m_ready = false;
    bool m_busy = false;
    bool m_messageEdited = false;
    bool m_settingMessage = false;
    QString m_shortId;
    QString m_summary;
    QStringList m_paths;
    QStringList m_restoreFiles;
    QStringList m_revertFiles;
    QStringList m_laterSummaries;
    QString m_newCommit;

    QLabel* m_header = nullptr;
    QCheckBox* m_onlyThisCommit = nullptr;
    QLabel* m_files = nullptr;
    QLineEdit* m_reason = nullptr;
    QPlainTextEdit* m_message = nullptr;
    QCheckBox* m_push = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_revert = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace driftline::gui
