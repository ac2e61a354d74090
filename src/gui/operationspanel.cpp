#include "gui/operationspanel.h"

#include "gui/icons.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

using State = OperationQueue::State;

// The report in a few words: "2 created · 1 configured · 1 failed".
QString outcomeSummary(const engine::SyncReport& report)
{
    using engine::ResourceOutcome;
    QStringList parts;
    for (const ResourceOutcome outcome : {ResourceOutcome::Created, ResourceOutcome::Configured,
             ResourceOutcome::Unchanged, ResourceOutcome::Pruned, ResourceOutcome::Failed, ResourceOutcome::NotRun}) {
        if (const int n = report.count(outcome))
            parts << u"%1 %2"_s.arg(n).arg(engine::SyncOperation::outcomeName(outcome));
    }
    return parts.join(u" · "_s);
}

} // namespace

OperationsPanel::OperationsPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    m_list = new QTreeWidget(splitter);
    m_list->setObjectName(u"operationList"_s);
    m_list->setColumnCount(ListColumnCount);
    m_list->setHeaderLabels({tr("Operation"), tr("Environment"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->header()->resizeSection(TitleColumn, 200);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            showOperation(item->data(TitleColumn, OperationIdRole).toInt());
    });

    auto* details = new QWidget(splitter);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(8, 4, 8, 4);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(details);
    m_title->setObjectName(u"operationTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(details);
    m_status->setObjectName(u"operationStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(details);
    m_progress->setObjectName(u"operationProgress"_s);
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), details);
    m_cancel->setObjectName(u"cancelOperationButton"_s);
    m_retry = new QPushButton(tr("Retry Failed"), details);
    m_retry->setObjectName(u"retryFailedButton"_s);
    top->addWidget(m_title);
    top->addWidget(m_status, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    top->addWidget(m_retry);
    detailsLayout->addLayout(top);

    m_results = new QTreeWidget(details);
    m_results->setObjectName(u"operationResults"_s);
    m_results->setColumnCount(ResultColumnCount);
    m_results->setHeaderLabels({tr("Resource"), tr("Action"), tr("Outcome"), tr("Message")});
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->setAlternatingRowColors(true);
    m_results->header()->resizeSection(ResourceColumn, 280);
    m_results->header()->setStretchLastSection(true);
    detailsLayout->addWidget(m_results, 1);

    splitter->addWidget(m_list);
    splitter->addWidget(details);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 700});

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_queue && m_current)
            m_queue->cancel(m_current);
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_queue && m_current)
            m_queue->retryFailed(m_current);
    });
    updateDetails();
}

void OperationsPanel::setQueue(OperationQueue* queue)
{
    if (m_queue)
        m_queue->disconnect(this);
    m_queue = queue;
    m_list->clear();
    m_current = 0;
    m_resultsOf = 0;
    if (queue) {
        connect(queue, &OperationQueue::operationAdded, this, &OperationsPanel::onAdded);
        connect(queue, &OperationQueue::operationChanged, this, &OperationsPanel::onChanged);
        for (const int id : queue->ids())
            onAdded(id);
    }
    updateDetails();
}

QTreeWidgetItem* OperationsPanel::itemFor(int id) const
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem* item = m_list->topLevelItem(row);
        if (item->data(TitleColumn, OperationIdRole).toInt() == id)
            return item;
    }
    return nullptr;
}

void OperationsPanel::onAdded(int id)
{
    auto* item = new QTreeWidgetItem;
    item->setData(TitleColumn, OperationIdRole, id);
    m_list->insertTopLevelItem(0, item); // newest first
    updateItem(item, id);
    // A new operation is what the user just asked for: show it.
    m_list->setCurrentItem(item);
}

void OperationsPanel::onChanged(int id)
{
    if (QTreeWidgetItem* item = itemFor(id))
        updateItem(item, id);
    // A queued operation's "behind" changes when the one ahead of it finishes.
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem* item = m_list->topLevelItem(row);
        const int other = item->data(TitleColumn, OperationIdRole).toInt();
        if (other != id && m_queue && m_queue->operation(other)
            && m_queue->operation(other)->state == State::Queued)
            updateItem(item, other);
    }
    if (id == m_current || (m_queue && m_queue->operation(m_current)
                               && m_queue->operation(m_current)->state == State::Queued))
        updateDetails();
}

void OperationsPanel::updateItem(QTreeWidgetItem* item, int id)
{
    const OperationQueue::Operation* op = m_queue ? m_queue->operation(id) : nullptr;
    if (!op)
        return;
    item->setText(TitleColumn, op->title);
    item->setText(EnvironmentColumn, op->environment);
    item->setText(StateColumn, statusText(id));
    Icons::Status icon = Icons::Status::Pending;
    switch (op->state) {
    case State::Queued:
    case State::Running:
        icon = Icons::Status::Pending;
        break;
    case State::Done:
        icon = Icons::Status::Ok;
        break;
    case State::Failed:
        icon = Icons::Status::Error;
        break;
    case State::Cancelled:
        icon = Icons::Status::Warning;
        break;
    }
    item->setIcon(TitleColumn, Icons::status(icon));
}

QString OperationsPanel::statusText(int id) const
{
    const OperationQueue::Operation* op = m_queue ? m_queue->operation(id) : nullptr;
    if (!op)
        return {};
    switch (op->state) {
    case State::Queued: {
        const OperationQueue::Operation* ahead = m_queue->operation(m_queue->waitingBehind(id));
        return ahead ? tr("Queued behind %1").arg(ahead->title) : tr("Queued");
    }
    case State::Running: {
        // The engine's text ends in its own "(3 of 12)": the count is said first here.
        static const QRegularExpression trailingCount(u"\\s*\\([^()]*\\)$"_s);
        QString text = op->text;
        text.remove(trailingCount);
        if (text.isEmpty())
            return tr("%1 of %2").arg(op->position).arg(op->total);
        return tr("%1 of %2 · %3").arg(op->position).arg(op->total).arg(text);
    }
    case State::Done:
    case State::Failed:
    case State::Cancelled: {
        QString text = OperationQueue::stateName(op->state);
        if (op->report) {
            if (op->report->options.dryRun)
                text = tr("%1 (dry run)").arg(text);
            if (const QString summary = outcomeSummary(*op->report); !summary.isEmpty())
                text += u" · "_s + summary;
            if (op->report->aborted && !op->report->error.isEmpty())
                text += u" · "_s + op->report->error;
        }
        return text;
    }
    }
    return {};
}

void OperationsPanel::showOperation(int id)
{
    m_current = id;
    if (QTreeWidgetItem* item = itemFor(id); item && m_list->currentItem() != item)
        m_list->setCurrentItem(item);
    updateDetails();
}

void OperationsPanel::updateDetails()
{
    const OperationQueue::Operation* op = m_queue ? m_queue->operation(m_current) : nullptr;
    if (!op) {
        m_title->setText(tr("No operations yet"));
        m_status->setText(tr("Sync an environment, an application or a resource (Ctrl+Shift+S)."));
        m_progress->hide();
        m_cancel->hide();
        m_retry->hide();
        m_results->clear();
        m_resultsOf = 0;
        return;
    }
    m_title->setText(op->title);
    m_status->setText(statusText(m_current));
    const bool running = op->state == State::Running;
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, qMax(1, op->total));
        m_progress->setValue(op->position);
    }
    m_cancel->setVisible(running || op->state == State::Queued);
    m_retry->setVisible(op->report && op->report->failed() > 0);
    m_retry->setEnabled(op->report && op->report->failed() > 0);
    if (m_resultsOf != m_current || op->report.has_value() != m_resultsAreReport)
        fillResults();
}

void OperationsPanel::fillResults()
{
    m_results->clear();
    m_resultsOf = m_current;
    const OperationQueue::Operation* op = m_queue ? m_queue->operation(m_current) : nullptr;
    m_resultsAreReport = op && op->report;
    if (!op)
        return;
    QList<QTreeWidgetItem*> items;
    if (op->report) {
        for (const engine::ResourceResult& r : op->report->results) {
            auto* item = new QTreeWidgetItem;
            item->setText(ResourceColumn, r.key.displayName());
            item->setIcon(ResourceColumn, Icons::kind(r.key.kind));
            item->setToolTip(ResourceColumn, r.applicationId);
            item->setText(ActionColumn, engine::SyncPlan::actionName(r.action));
            item->setText(OutcomeColumn, engine::SyncOperation::outcomeName(r.outcome));
            if (r.outcome == engine::ResourceOutcome::Failed)
                item->setIcon(OutcomeColumn, Icons::status(Icons::Status::Error));
            item->setText(MessageColumn, r.message);
            item->setToolTip(MessageColumn, r.message);
            items << item;
        }
    } else {
        // Not run yet: what it will do.
        for (const engine::SyncStep& step : op->plan.steps) {
            if (!step.runs())
                continue;
            auto* item = new QTreeWidgetItem;
            item->setText(ResourceColumn, step.key.displayName());
            item->setIcon(ResourceColumn, Icons::kind(step.key.kind));
            item->setToolTip(ResourceColumn, step.applicationId);
            item->setText(ActionColumn, engine::SyncPlan::actionName(step.action));
            items << item;
        }
    }
    m_results->addTopLevelItems(items);
}

} // namespace driftline::gui
