// OperationQueue: the window's sync operations, one at a time per environment.
// Operations on one environment wait in FIFO order behind the running one;
// different environments run in parallel. Each runs a SyncOperation step by
// step on a worker thread of the queue's own pool (a step blocks on the
// network, so running them on the global pool could starve the diff, drift and
// layout work the window needs meanwhile), with progress, cancel between
// resources and the complete SyncReport at the end. Nothing here blocks the UI
// thread: progress and results come back through QFutureWatcher.
#pragma once

#include "engine/syncoperation.h"
#include "engine/syncplan.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace driftline::kube {
class KubeClient;
}

namespace driftline::gui {

class OperationQueue : public QObject
{
    Q_OBJECT
public:
    enum class State { Queued, Running, Done, Failed, Cancelled };

    // Called on the operation's worker thread, so they may touch the disk (the audit
    // log, the pins): `started` before anything is sent, `finished` once the report is
    // complete, before the operation reads as finished. `uid` is unique per operation.
    struct Hooks {
        std::function<void(const QString& uid, const engine::SyncPlan& plan)> started;
        std::function<void(const QString& uid, const engine::SyncPlan& plan, const engine::SyncReport& report)>
            finished;
    };

    struct Operation {
        int id = 0;
        QString uid;
        QString title; // "Sync staging / api"
        QString environment;
        State state = State::Queued;
        int position = 0; // resources started, of `total`
        int total = 0;
        QString text; // what runs now ("apply Deployment/shop/web (3 of 12)")
        engine::SyncPlan plan;
        std::optional<engine::SyncReport> report; // once finished (not for a cancelled queued one)
        int retryOf = 0; // the operation this one retries, 0 for none
    };

    explicit OperationQueue(QObject* parent = nullptr);
    // Stops the running operations between resources and waits for their workers.
    ~OperationQueue() override;

    // Queues `plan` against `client`; it starts at once when its environment is idle.
    // Returns the operation's id.
    int enqueue(const QString& title, const engine::SyncPlan& plan, std::shared_ptr<kube::KubeClient> client,
        Hooks hooks = {});
    // A queued operation is removed (Cancelled, no report); a running one stops before
    // its next resource and finishes Cancelled with what it did. False when finished.
    bool cancel(int id);
    // Queues the failed resources of a finished operation again (SyncPlan::retryOf) with
    // the same cluster and hooks; the new id, or 0 when nothing failed.
    int retryFailed(int id);

    const Operation* operation(int id) const;
    QList<int> ids() const { return m_order; } // every operation, in the order queued
    int runningId(const QString& environment) const; // 0 when idle
    // The operation `id` waits behind (the last one ahead of it on its environment); 0 for none.
    int waitingBehind(int id) const;
    bool isIdle() const; // nothing running or queued
    int runningCount() const;

    static QString stateName(State state); // translated

Q_SIGNALS:
    void operationAdded(int id);
    void operationChanged(int id); // state or progress
    void operationFinished(int id); // Done, Failed or Cancelled (with its report when it ran)

private:
    struct Entry;
    void startNext(const QString& environment);
    void start(Entry& entry);
    void onFinished(int id);
    Entry* entry(int id);

    QThreadPool m_pool;
    QHash<int, std::shared_ptr<Entry>> m_entries;
    QList<int> m_order;
    QHash<QString, QList<int>> m_waiting; // by environment, FIFO
    QHash<QString, int> m_running;        // by environment
    int m_nextId = 1;
};

} // namespace driftline::gui
