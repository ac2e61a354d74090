#include "gui/operationqueue.h"

#include "kube/kubeclient.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace driftline::gui {

struct OperationQueue::Entry {
    Operation operation;
    std::shared_ptr<kube::KubeClient> client;
    Hooks hooks;
    std::shared_ptr<engine::SyncOperation> sync;
    QFutureWatcher<engine::SyncReport>* watcher = nullptr;
};

OperationQueue::OperationQueue(QObject* parent)
    : QObject(parent)
{
    // Operations mostly wait for the server; a few threads of their own keep them from
    // taking the global pool's (as many as there are cores) from the computations.
    m_pool.setMaxThreadCount(8);
}

OperationQueue::~OperationQueue()
{
    for (const auto& e : std::as_const(m_entries)) {
        if (e->sync)
            e->sync->terminate();
        if (e->watcher)
            e->watcher->disconnect(this);
    }
    m_pool.waitForDone();
}

OperationQueue::Entry* OperationQueue::entry(int id)
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.cend() ? nullptr : it->get();
}

const OperationQueue::Operation* OperationQueue::operation(int id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.cend() ? nullptr : &(*it)->operation;
}

int OperationQueue::enqueue(const QString& title, const engine::SyncPlan& plan,
    std::shared_ptr<kube::KubeClient> client, Hooks hooks)
{
    auto e = std::make_shared<Entry>();
    e->operation.id = m_nextId++;
    e->operation.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e->operation.title = title;
    e->operation.environment = plan.environment;
    e->operation.plan = plan;
    e->operation.total = plan.runCount();
    e->client = std::move(client);
    e->hooks = std::move(hooks);
    const int id = e->operation.id;
    m_entries.insert(id, e);
    m_order << id;
    m_waiting[plan.environment] << id;
    Q_EMIT operationAdded(id);
    if (!m_running.contains(plan.environment))
        startNext(plan.environment);
    return id;
}

void OperationQueue::startNext(const QString& environment)
{
    const auto it = m_waiting.find(environment);
    if (it == m_waiting.end() || m_running.contains(environment))
        return;
    Entry* e = entry(it->takeFirst());
    if (it->isEmpty())
        m_waiting.erase(it);
    if (e)
        start(*e);
}

void OperationQueue::start(Entry& e)
{
    Operation& op = e.operation;
    m_running.insert(op.environment, op.id);
    op.state = State::Running;
    e.sync = std::make_shared<engine::SyncOperation>(op.plan, e.client);
    op.total = e.sync->total();

    const auto sync = e.sync;
    const Hooks hooks = e.hooks;
    const QString uid = op.uid;
    const engine::SyncPlan plan = op.plan;
    // SyncOperation::run's loop, on this queue's pool, with the hooks around it.
    QFuture<engine::SyncReport> future
        = QtConcurrent::run(&m_pool, [sync, hooks, uid, plan](QPromise<engine::SyncReport>& promise) {
              if (hooks.started)
                  hooks.started(uid, plan);
              promise.setProgressRange(0, sync->total());
              for (;;) {
                  const QString text = sync->nextText();
                  if (!text.isEmpty())
                      promise.setProgressValueAndText(sync->position() + 1, text);
                  if (!sync->step())
                      break;
              }
              promise.setProgressValueAndText(sync->total(), QString());
              const engine::SyncReport report = sync->report();
              if (hooks.finished)
                  hooks.finished(uid, plan, report);
              promise.addResult(report);
          });

    e.watcher = new QFutureWatcher<engine::SyncReport>(this);
    const int id = op.id;
    connect(e.watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) {
        if (Entry* e = entry(id); e && e->operation.state == State::Running) {
            e->operation.position = value;
            Q_EMIT operationChanged(id);
        }
    });
    connect(e.watcher, &QFutureWatcherBase::progressTextChanged, this, [this, id](const QString& text) {
        if (Entry* e = entry(id); e && e->operation.state == State::Running) {
            e->operation.text = text;
            Q_EMIT operationChanged(id);
        }
    });
    connect(e.watcher, &QFutureWatcherBase::finished, this, [this, id] { onFinished(id); });
    e.watcher->setFuture(future);
    Q_EMIT operationChanged(id);
}

void OperationQueue::onFinished(int id)
{
    Entry* e = entry(id);
    if (!e)
        return;
    Operation& op = e->operation;
    if (e->watcher->future().resultCount() > 0)
        op.report = e->watcher->future().result();
    else if (e->sync)
        op.report = e->sync->report(); // the worker is done with it
    e->watcher->deleteLater();
    e->watcher = nullptr;
    if (op.report && op.report->cancelled)
        op.state = State::Cancelled;
    else if (!op.report || op.report->aborted || op.report->failed() > 0)
        op.state = State::Failed;
    else
        op.state = State::Done;
    op.text.clear();
    op.position = op.total;
    m_running.remove(op.environment);
    Q_EMIT operationChanged(id);
    Q_EMIT operationFinished(id);
    startNext(op.environment);
}

bool OperationQueue::cancel(int id)
{
    Entry* e = entry(id);
    if (!e)
        return false;
    Operation& op = e->operation;
    if (op.state == State::Queued) {
        auto it = m_waiting.find(op.environment);
        if (it != m_waiting.end()) {
            it->removeAll(id);
            if (it->isEmpty())
                m_waiting.erase(it);
        }
        op.state = State::Cancelled;
        Q_EMIT operationChanged(id);
        Q_EMIT operationFinished(id);
        return true;
    }
    if (op.state == State::Running && e->sync) {
        e->sync->terminate();
        op.text = tr("Stopping after the current resource…");
        Q_EMIT operationChanged(id);
        return true;
    }
    return false;
}

int OperationQueue::retryFailed(int id)
{
    Entry* e = entry(id);
    if (!e || !e->operation.report)
        return 0;
    const engine::SyncPlan retry = engine::SyncPlan::retryOf(e->operation.plan, *e->operation.report);
    if (retry.runCount() == 0)
        return 0;
    const int newId = enqueue(tr("Retry: %1").arg(e->operation.title), retry, e->client, e->hooks);
    if (Entry* n = entry(newId))
        n->operation.retryOf = id;
    return newId;
}

int OperationQueue::runningId(const QString& environment) const
{
    return m_running.value(environment, 0);
}

int OperationQueue::waitingBehind(int id) const
{
    const Operation* op = operation(id);
    if (!op || op->state != State::Queued)
        return 0;
    const QList<int> waiting = m_waiting.value(op->environment);
    const qsizetype at = waiting.indexOf(id);
    if (at > 0)
        return waiting.at(at - 1);
    return runningId(op->environment);
}

bool OperationQueue::isIdle() const
{
    return m_running.isEmpty() && m_waiting.isEmpty();
}

int OperationQueue::runningCount() const
{
    return int(m_running.size());
}

QString OperationQueue::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return tr("Queued");
    case State::Running:
        return tr("Running");
    case State::Done:
        return tr("Done");
    case State::Failed:
        return tr("Failed");
    case State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

} // namespace driftline::gui
