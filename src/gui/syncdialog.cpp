#include "gui/syncdialog.h"

#include "engine/driftstatus.h"
#include "gui/icons.h"
#include "gui/yamldiffview.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using engine::SyncAction;

namespace {

constexpr SyncAction GroupOrder[] = {
    SyncAction::Create, SyncAction::Update, SyncAction::Prune, SyncAction::Reapply, SyncAction::Unchanged};

QString groupTitle(SyncAction action, int count)
{
    switch (action) {
    case SyncAction::Create:
        return SyncDialog::tr("Create (%1)").arg(count);
    case SyncAction::Update:
        return SyncDialog::tr("Update (%1)").arg(count);
    case SyncAction::Reapply:
        return SyncDialog::tr("Already in sync, applied again (%1)").arg(count);
    case SyncAction::Prune:
        return SyncDialog::tr("Prune (%1)").arg(count);
    case SyncAction::Unchanged:
        return SyncDialog::tr("Left alone (%1)").arg(count);
    }
    return {};
}

} // namespace

SyncDialog::SyncDialog(const Target& target, engine::SyncPlan plan, Planner planner, QWidget* parent)
    : QDialog(parent)
    , m_target(target)
    , m_plan(std::move(plan))
    , m_planner(std::move(planner))
{
    setObjectName(u"syncDialog"_s);
    setWindowTitle(target.what.isEmpty() ? tr("Sync %1").arg(target.environment)
                                         : tr("Sync %1 / %2").arg(target.environment, target.what));
    setModal(true);
    resize(1100, 720);

    auto* layout = new QVBoxLayout(this);
    m_counts = new QLabel(this);
    m_counts->setObjectName(u"syncCounts"_s);
    QFont bold = m_counts->font();
    bold.setBold(true);
    m_counts->setFont(bold);
    layout->addWidget(m_counts);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_tree = new QTreeWidget(splitter);
    m_tree->setObjectName(u"syncPlanTree"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Resource"), tr("Application"), tr("Status")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ResourceColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(ApplicationColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_diffView = new YamlDiffView(splitter);
    m_diffView->setObjectName(u"syncDiffView"_s);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_diffView);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({480, 620});
    layout->addWidget(splitter, 1);

    auto* optionsRow = new QHBoxLayout;
    m_dryRun = new QCheckBox(tr("&Dry run (checked by the server, nothing changes)"), this);
    m_dryRun->setObjectName(u"dryRunOption"_s);
    m_prune = new QCheckBox(tr("&Prune"), this);
    m_prune->setObjectName(u"pruneOption"_s);
    m_prune->setToolTip(tr("Delete the objects the cluster tracks for these applications that Git no longer has."));
    m_force = new QCheckBox(tr("&Force conflicts"), this);
    m_force->setObjectName(u"forceOption"_s);
    m_force->setToolTip(tr("Take over fields other field managers own."));
    m_onlyOutOfSync = new QCheckBox(tr("&Only out-of-sync"), this);
    m_onlyOutOfSync->setObjectName(u"onlyOutOfSyncOption"_s);
    m_onlyOutOfSync->setToolTip(tr("Leave resources that are already synced alone instead of applying them again."));
    for (QCheckBox* box : {m_dryRun, m_prune, m_force, m_onlyOutOfSync})
        optionsRow->addWidget(box);
    optionsRow->addStretch(1);
    layout->addLayout(optionsRow);
    m_dryRun->setChecked(m_plan.options.dryRun);
    m_prune->setChecked(m_plan.options.prune);
    m_force->setChecked(m_plan.options.force);
    m_onlyOutOfSync->setChecked(m_plan.options.onlyOutOfSync);
    if (!m_planner) {
        // The plan came ready (a rollback): which steps run is fixed.
        m_prune->setEnabled(false);
        m_onlyOutOfSync->setEnabled(false);
    }

    m_pruneConfirm = new QCheckBox(this);
    m_pruneConfirm->setObjectName(u"pruneConfirmation"_s);
    layout->addWidget(m_pruneConfirm);

    m_productionLabel = new QLabel(
        tr("%1 is a production environment. Type its name to confirm:").arg(target.environment), this);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(u"environmentConfirmation"_s);
    m_confirm->setPlaceholderText(target.environment);
    auto* confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_productionLabel);
    confirmRow->addWidget(m_confirm, 1);
    layout->addLayout(confirmRow);
    m_productionLabel->setVisible(target.production);
    m_confirm->setVisible(target.production);

    auto* buttons = new QDialogButtonBox(this);
    m_sync = buttons->addButton(tr("Sync"), QDialogButtonBox::AcceptRole);
    m_sync->setObjectName(u"syncButton"_s);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (QCheckBox* box : {m_dryRun, m_prune, m_force, m_onlyOutOfSync})
        connect(box, &QCheckBox::toggled, this, &SyncDialog::onOptionToggled);
    connect(m_pruneConfirm, &QCheckBox::toggled, this, &SyncDialog::updateState);
    connect(m_confirm, &QLineEdit::textChanged, this, &SyncDialog::updateState);
    connect(m_tree, &QTreeWidget::itemChanged, this, &SyncDialog::onItemChanged);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &SyncDialog::showCurrentDiff);

    fillTree();
    updateState();
    m_diffView->showMessage(tr("Select a resource to see what the sync changes."));
}

SyncDialog::~SyncDialog() = default;

QString SyncDialog::stepId(const engine::SyncStep& step)
{
    return step.applicationId + u'\n' + step.key.groupKind() + u'/' + step.key.namespace_ + u'/' + step.key.name;
}

engine::SyncOptions SyncDialog::options() const
{
    engine::SyncOptions o;
    o.dryRun = m_dryRun->isChecked();
    o.prune = m_prune->isChecked();
    o.force = m_force->isChecked();
    o.onlyOutOfSync = m_onlyOutOfSync->isChecked();
    return o;
}

void SyncDialog::setOptions(const engine::SyncOptions& options)
{
    const QSignalBlocker a(m_dryRun), b(m_prune), c(m_force), d(m_onlyOutOfSync);
    m_dryRun->setChecked(options.dryRun);
    m_prune->setChecked(options.prune && m_prune->isEnabled());
    m_force->setChecked(options.force);
    m_onlyOutOfSync->setChecked(options.onlyOutOfSync && m_onlyOutOfSync->isEnabled());
    onOptionToggled();
}

engine::SyncPlan SyncDialog::selectedPlan() const
{
    engine::SyncPlan selected = m_plan;
    selected.options = options();
    selected.steps.removeIf([this](const engine::SyncStep& step) { return m_excluded.contains(stepId(step)); });
    return selected;
}

void SyncDialog::onOptionToggled()
{
    const engine::SyncOptions wanted = options();
    engine::SyncOptions current = m_plan.options;
    // Dry run and force change how steps are sent, not which: no new plan needed.
    current.dryRun = wanted.dryRun;
    current.force = wanted.force;
    if (current == wanted || !m_planner) {
        m_plan.options.dryRun = wanted.dryRun;
        m_plan.options.force = wanted.force;
        updateState();
        return;
    }
    const quint64 generation = ++m_generation;
    m_planning = true;
    updateState();
    QtConcurrent::run([planner = m_planner, wanted] { return planner(wanted); })
        .then(this, [this, generation](engine::SyncPlan plan) {
            if (generation != m_generation)
                return;
            m_planning = false;
            plan.options = options();
            setPlan(std::move(plan));
        });
}

void SyncDialog::setPlan(engine::SyncPlan plan)
{
    m_plan = std::move(plan);
    // A new set of prunes is a new question.
    const QSignalBlocker blocker(m_pruneConfirm);
    m_pruneConfirm->setChecked(false);
    fillTree();
    updateState();
    Q_EMIT planChanged();
}

void SyncDialog::fillTree()
{
    m_filling = true;
    const QString previous = m_tree->currentItem() && m_tree->currentItem()->data(0, StepIndexRole).isValid()
        ? stepId(m_plan.steps.value(m_tree->currentItem()->data(0, StepIndexRole).toInt()))
        : QString();
    m_tree->clear();
    QHash<int, QTreeWidgetItem*> groups;
    for (const SyncAction action : GroupOrder) {
        const int count = m_plan.count(action);
        if (count == 0)
            continue;
        auto* group = new QTreeWidgetItem(m_tree);
        group->setText(ResourceColumn, groupTitle(action, count));
        group->setData(ResourceColumn, ActionRole, int(action));
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(ResourceColumn);
        bold.setBold(true);
        group->setFont(ResourceColumn, bold);
        groups.insert(int(action), group);
    }
    QTreeWidgetItem* current = nullptr;
    for (qsizetype i = 0; i < m_plan.steps.size(); ++i) {
        const engine::SyncStep& step = m_plan.steps.at(i);
        QTreeWidgetItem* group = groups.value(int(step.action));
        if (!group)
            continue;
        auto* item = new QTreeWidgetItem(group);
        item->setText(ResourceColumn, step.key.displayName());
        item->setIcon(ResourceColumn, Icons::kind(step.key.kind));
        item->setText(ApplicationColumn, step.applicationName);
        item->setToolTip(ApplicationColumn, step.applicationId);
        item->setText(StatusColumn, engine::DriftStatus::syncName(step.status));
        item->setData(ResourceColumn, StepIndexRole, int(i));
        Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (step.runs()) {
            flags |= Qt::ItemIsUserCheckable;
            item->setCheckState(ResourceColumn, m_excluded.contains(stepId(step)) ? Qt::Unchecked : Qt::Checked);
        }
        item->setFlags(flags);
        if (stepId(step) == previous)
            current = item;
    }
    for (QTreeWidgetItem* group : std::as_const(groups)) {
        const int groupAction = group->data(ResourceColumn, ActionRole).toInt();
        group->setExpanded(groupAction != int(SyncAction::Unchanged) && groupAction != int(SyncAction::Reapply));
    }
    m_filling = false;
    if (current)
        m_tree->setCurrentItem(current);
}

void SyncDialog::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_filling || column != ResourceColumn || !item->data(ResourceColumn, StepIndexRole).isValid())
        return;
    const engine::SyncStep& step = m_plan.steps.value(item->data(ResourceColumn, StepIndexRole).toInt());
    if (item->checkState(ResourceColumn) == Qt::Checked)
        m_excluded.remove(stepId(step));
    else
        m_excluded.insert(stepId(step));
    updateState();
}

bool SyncDialog::setStepChecked(const QString& applicationId, const ResourceKey& key, bool checked)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QTreeWidgetItem* item = *it;
        const QVariant index = item->data(ResourceColumn, StepIndexRole);
        if (!index.isValid())
            continue;
        const engine::SyncStep& step = m_plan.steps.at(index.toInt());
        if (step.applicationId == applicationId && step.key.sameObject(key) && step.runs()) {
            item->setCheckState(ResourceColumn, checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

QTreeWidgetItem* SyncDialog::groupItem(SyncAction action) const
{
    for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
        QTreeWidgetItem* group = m_tree->topLevelItem(row);
        if (group->data(ResourceColumn, ActionRole).toInt() == int(action))
            return group;
    }
    return nullptr;
}

QString SyncDialog::countsText() const
{
    const engine::SyncPlan selected = selectedPlan();
    QStringList parts;
    if (const int n = selected.count(SyncAction::Create))
        parts << tr("%n to create", nullptr, n);
    if (const int n = selected.count(SyncAction::Update))
        parts << tr("%n to update", nullptr, n);
    if (const int n = selected.count(SyncAction::Prune))
        parts << tr("%n to prune", nullptr, n);
    if (const int n = selected.count(SyncAction::Reapply) + selected.count(SyncAction::Unchanged))
        parts << tr("%n unchanged", nullptr, n);
    if (const int n = int(m_plan.steps.size() - selected.steps.size()))
        parts << tr("%n left out", nullptr, n);
    if (parts.isEmpty())
        return tr("Nothing to sync");
    return parts.join(u" · "_s);
}

void SyncDialog::showCurrentDiff()
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (m_filling || !item || !item->data(ResourceColumn, StepIndexRole).isValid())
        return;
    const engine::SyncStep& step = m_plan.steps.at(item->data(ResourceColumn, StepIndexRole).toInt());
    YamlDiffView::Item diff;
    diff.key = step.key;
    diff.request.source = engine::ResourceDiffRequest::Source::GitVsLive;
    diff.request.leftTitle = step.action == SyncAction::Prune ? tr("Git · not in Git (pruned)") : tr("Git · to apply");
    diff.request.rightTitle = tr("Live · %1").arg(m_plan.environment);
    // A prune's manifest is the live object itself: Git has nothing.
    if (step.action != SyncAction::Prune)
        diff.request.left = step.manifest;
    diff.request.right = step.live;
    diff.status = engine::DriftStatus::syncName(step.status);
    m_diffView->setItem(diff);
}

void SyncDialog::updateState()
{
    const engine::SyncPlan selected = selectedPlan();
    m_counts->setText(m_planning ? tr("Planning…") : countsText());

    const QList<engine::SyncStep> prunes = selected.toPrune();
    const bool needsPruneConfirmation = !m_planning && selected.options.prune && !prunes.isEmpty();
    if (needsPruneConfirmation) {
        QStringList names;
        for (const engine::SyncStep& step : prunes.mid(0, 8))
            names << step.key.displayName();
        QString list = names.join(u", "_s);
        if (prunes.size() > names.size())
            list = tr("%1 and %n more", nullptr, int(prunes.size() - names.size())).arg(list);
        m_pruneConfirm->setText(prunes.size() == 1 ? tr("Delete this object: %1").arg(list)
                                                   : tr("Delete these %n objects: %1", nullptr, int(prunes.size())).arg(list));
    }
    m_pruneConfirm->setVisible(needsPruneConfirmation);

    const bool dryRun = m_dryRun->isChecked();
    m_sync->setText(dryRun ? tr("Dry Run") : tr("Sync"));
    bool enabled = !m_planning && selected.runCount() > 0;
    if (needsPruneConfirmation && !m_pruneConfirm->isChecked())
        enabled = false;
    if (m_target.production && m_confirm->text().trimmed() != m_target.environment)
        enabled = false;
    m_sync->setEnabled(enabled);
    m_sync->setDefault(enabled);
}

} // namespace driftline::gui
