// The activity panel: the work running now (discovery, renders N of M),
// every problem of the last load, each naming its file, line and application,
// and (the Journal tab) the audit journal of sync, rollback and revert operations.
#pragma once

#include "core/error.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace driftline::workspace {
class WorkspaceLoader;
struct Workspace;
}

namespace driftline::gui {

class AuditView;

class ActivityPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { MessageColumn, LocationColumn, ApplicationColumn, ColumnCount };
    static constexpr int ApplicationIdRole = Qt::UserRole + 1;

    explicit ActivityPanel(QWidget* parent = nullptr);

    void setLoader(workspace::WorkspaceLoader* loader);

    void clearErrors();
    void addError(const Error& error, const QString& applicationId = {});
    int errorCount() const;
    QTreeWidget* errorList() const { return m_errors; }
    QString activityText() const;
    // The Journal tab; the window points it at the journal with setLog().
    AuditView* auditView() const { return m_auditView; }
    QTabWidget* tabs() const { return m_tabs; }
    void showJournal();

Q_SIGNALS:
    // The user asked to see the application an error belongs to.
    void applicationActivated(const QString& applicationId);
    void errorCountChanged(int count);

private:
    void onLoadStarted();
    void onDiscovered(const workspace::Workspace& workspace);
    void onRendered(const QString& applicationId);
    void onProgress(int done, int total);
    void onFinished();
    void onFailed(const Error& error);
    void setBusy(bool busy);
    void updateEmptyState();

    QPointer<workspace::WorkspaceLoader> m_loader;
    QLabel* m_activityIcon = nullptr;
    QLabel* m_activity = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_problems = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTreeWidget* m_errors = nullptr;
    QTabWidget* m_tabs = nullptr;
    AuditView* m_auditView = nullptr;
    QElapsedTimer m_timer;
    int m_total = 0;
};

} // namespace driftline::gui
