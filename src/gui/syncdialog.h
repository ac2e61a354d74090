// SyncDialog: the preview of a sync before anything changes. It shows a plan
// that was computed before it opened: the counts ("2 to create · 3 to update ·
// 1 to prune · 30 unchanged"), every resource grouped by what will happen to it
// (each can be unchecked to leave it out of this sync) and, for the selected
// one, Git against the live object in an embedded YAML diff panel. The options
// (dry run, prune, force conflicts, only out-of-sync) rebuild the plan on a
// worker thread. Prunes must be confirmed by name, and a production
// environment's name must be typed before the Sync button enables.
#pragma once

#include "engine/syncplan.h"

#include <QDialog>
#include <QSet>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace driftline::gui {

class YamlDiffView;

class SyncDialog : public QDialog
{
    Q_OBJECT
public:
    // Builds the plan for other options. Pure and thread-safe: it runs on a worker.
    using Planner = std::function<engine::SyncPlan(const engine::SyncOptions& options)>;

    struct Target {
        QString environment;
        QString what; // "api", "3 resources"; empty: the whole environment
        bool production = false; // the environment's name must be typed to sync
    };

    enum Column { ResourceColumn, ApplicationColumn, StatusColumn, ColumnCount };
    static constexpr int StepIndexRole = Qt::UserRole + 1; // int: the step's index in plan().steps
    static constexpr int ActionRole = Qt::UserRole + 2;    // int(engine::SyncAction) of group rows

    // `plan` is shown as it is; without a planner the options that change which
    // steps run (prune, only out-of-sync) cannot be toggled.
    SyncDialog(const Target& target, engine::SyncPlan plan, Planner planner = {}, QWidget* parent = nullptr);
    ~SyncDialog() override;

    const Target& target() const { return m_target; }
    // The plan as built for the current options.
    const engine::SyncPlan& plan() const { return m_plan; }
    // What Sync runs: the plan without the unchecked resources.
    engine::SyncPlan selectedPlan() const;
    engine::SyncOptions options() const;
    // Sets the checkboxes; a change of steps rebuilds the plan (planChanged() follows).
    void setOptions(const engine::SyncOptions& options);
    bool isPlanning() const { return m_planning; }

    // Leaves a resource out of (or back into) this sync; false when the plan has no such step.
    bool setStepChecked(const QString& applicationId, const ResourceKey& key, bool checked);
    // "2 to create · 3 to update · 1 to prune · 30 unchanged" for what Sync runs.
    QString countsText() const;
    // The group row of `action` (Create, Update, Prune, Unchanged = "Left alone"); null when empty.
    QTreeWidgetItem* groupItem(engine::SyncAction action) const;

    QTreeWidget* planTree() const { return m_tree; }
    QPushButton* syncButton() const { return m_sync; }
    QCheckBox* dryRunBox() const { return m_dryRun; }
    QCheckBox* pruneBox() const { return m_prune; }
    QCheckBox* forceBox() const { return m_force; }
    QCheckBox* onlyOutOfSyncBox() const { return m_onlyOutOfSync; }
    QCheckBox* pruneConfirmation() const { return m_pruneConfirm; }
    QLineEdit* confirmationEdit() const { return m_confirm; }
    YamlDiffView* diffView() const { return m_diffView; }

Q_SIGNALS:
    // A rebuilt plan is shown.
    void planChanged();

private:
    static QString stepId(const engine::SyncStep& step);
    void setPlan(engine::SyncPlan plan);
    void fillTree();
    void onOptionToggled();
    void onItemChanged(QTreeWidgetItem* item, int column);
    void showCurrentDiff();
    void updateState();

    Target m_target;
    engine::SyncPlan m_plan;
    Planner m_planner;
    QSet<QString> m_excluded; // stepId()s the user unchecked; kept across rebuilds
    bool m_planning = false;
    bool m_filling = false;
    quint64 m_generation = 0; // a newer rebuild drops an older one

    QLabel* m_counts = nullptr;
    QTreeWidget* m_tree = nullptr;
    YamlDiffView* m_diffView = nullptr;
    QCheckBox* m_dryRun = nullptr;
    QCheckBox* m_prune = nullptr;
    QCheckBox* m_force = nullptr;
    QCheckBox* m_onlyOutOfSync = nullptr;
    QCheckBox* m_pruneConfirm = nullptr;
    QLabel* m_productionLabel = nullptr;
    QLineEdit* m_confirm = nullptr;
    QPushButton* m_sync = nullptr;
};

} // namespace driftline::gui
