// OperationsPanel: the window's sync operations as they queue, run and finish.
// A list of every operation of the session (newest selected as it is queued)
// beside the chosen one's details: a progress bar with "n of N · apply
// Deployment/web" and Cancel while it runs, "Queued behind <title>" while it
// waits, and once finished a table of each resource's action, outcome and the
// server's message, with "Retry failed" queuing only the failed ones again.
#pragma once

#include "gui/operationqueue.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace driftline::gui {

class OperationsPanel : public QWidget
{
    Q_OBJECT
public:
    enum ListColumn { TitleColumn, EnvironmentColumn, StateColumn, ListColumnCount };
    enum ResultColumn { ResourceColumn, ActionColumn, OutcomeColumn, MessageColumn, ResultColumnCount };
    static constexpr int OperationIdRole = Qt::UserRole + 1;

    explicit OperationsPanel(QWidget* parent = nullptr);

    void setQueue(OperationQueue* queue);
    OperationQueue* queue() const { return m_queue; }

    // Shows operation `id` in the details.
    void showOperation(int id);
    int currentOperation() const { return m_current; }

    // "3 of 12 · apply Deployment/shop/web", "Queued behind Sync staging / api", "Done · 2 created · 1 failed".
    QString statusText(int id) const;

    QTreeWidget* operationList() const { return m_list; }
    QTreeWidget* resultTable() const { return m_results; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* retryButton() const { return m_retry; }

private:
    void onAdded(int id);
    void onChanged(int id);
    QTreeWidgetItem* itemFor(int id) const;
    void updateItem(QTreeWidgetItem* item, int id);
    void updateDetails();
    void fillResults();

    QPointer<OperationQueue> m_queue;
    int m_current = 0;
    int m_resultsOf = 0; // whose results the table shows
    bool m_resultsAreReport = false; // the table shows the report, not the plan
    QTreeWidget* m_list = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_retry = nullptr;
    QTreeWidget* m_results = nullptr;
};

} // namespace driftline::gui
