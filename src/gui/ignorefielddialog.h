// "Ignore this field": proposes the ignoreDifferences rule for a changed line of
// the diff panel (JSON pointer, group/kind, optionally the name), lists the lines
// the rule would hide, names the file it will write (the workspace's
// driftline.yaml, nothing else) and, on confirmation, adds the rule to the
// application's entry there, optionally committing that one file so the rule
// takes effect (renders read committed trees).
#pragma once

#include "engine/resourcediff.h"
#include "workspace/workspace.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace driftline::gui {

class IgnoreFieldDialog : public QDialog
{
    Q_OBJECT
public:
    // `line` (0-based) on `side` of `diff`; `repositoryPath` is the working tree.
    IgnoreFieldDialog(const engine::ResourceDiff& diff, engine::DiffSide side, int line,
        const workspace::Application& application, const QString& repositoryPath, QWidget* parent = nullptr);
    ~IgnoreFieldDialog() override;

    // The rule as currently proposed (the "only this name" choice applied).
    workspace::IgnoreDifference rule() const;
    // False (with the reason in the dialog, the write button disabled) when no rule
    // can be written: no driftline.yaml, the application is not declared in it, the
    // line names no field.
    bool canWrite() const;
    QString refusal() const;
    // After acceptance: the file written and whether it was committed.
    QString writtenFile() const { return m_writtenFile; }
    bool committed() const { return m_committed; }

    QCheckBox* nameCheckBox() const { return m_withName; }
    QCheckBox* commitCheckBox() const { return m_commit; }
    QPushButton* writeButton() const { return m_write; }
    QString hiddenLinesText() const; // the lines the rule would hide, as listed
    // The commit message used when committing: "driftline.yaml: ignore /spec/replicas
    // of Deployment web in shop" (English: it goes into the shared history).
    QString commitMessage() const;
    // The environments the application's entry covers, where the rule applies.
    QStringList environments() const { return m_environments; }

private:
    void updateProposal();
    void write();

    engine::ResourceDiff m_diff;
    engine::DiffSide m_side;
    int m_line;
    workspace::Application m_application;
    QString m_repositoryPath;
    QString m_refusal;
    QString m_writtenFile;
    bool m_committed = false;
    QLabel* m_ruleLabel = nullptr;
    QLabel* m_fileLabel = nullptr;
    QLabel* m_refusalLabel = nullptr;
    QPlainTextEdit* m_hidden = nullptr;
    QCheckBox* m_withName = nullptr;
    QCheckBox* m_commit = nullptr;
    QPushButton* m_write = nullptr;
    // Added by the implementation: the scope note, why committing is off, Cancel/Close.
    QLabel* m_scopeLabel = nullptr;
    QLabel* m_commitNote = nullptr;
    QLabel* m_hiddenTitle = nullptr;
    QPushButton* m_cancel = nullptr;
    QStringList m_environments;
    QString m_commitBlocked; // why the commit checkbox is disabled; empty when it is not
    void showError(const QString& text);
};

} // namespace driftline::gui
