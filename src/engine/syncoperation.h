// Runs a SyncPlan against a cluster, one resource at a time, after the idea of
// gitops-engine's pkg/sync: a step-wise state machine (step(), terminate(),
// report()) rather than one long blocking function, so it can be driven on a
// worker thread with progress and stopped between resources. Applies are
// server-side applies by field manager "driftline" carrying the tracking
// annotation; prunes delete with Background propagation. A failing resource is
// recorded and the others go on; an unreachable cluster stops the run and the
// report says what was not done.
#pragma once

#include "engine/syncplan.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>

namespace driftline::kube {
class KubeClient;
}

namespace driftline::engine {

enum class ResourceOutcome {
    Created,    // did not exist, now does
    Configured, // existed and changed
    Unchanged,  // applied, and the server changed nothing (or left alone by the plan)
    Pruned,     // deleted
    Failed,     // the server refused it (see message)
    NotRun,     // not attempted: cancelled, or the cluster became unreachable
};

struct ResourceResult {
    ResourceKey key;
    QString applicationId;
    SyncAction action = SyncAction::Unchanged;
    ResourceOutcome outcome = ResourceOutcome::NotRun;
    QString message;      // the server's message on failure; never Secret data
    QJsonObject manifest; // exactly what was sent (applied) or deleted, for the audit log
    qint64 ms = 0;
};

struct SyncReport {
    QString environment;
    SyncOptions options;
    QList<ResourceResult> results; // one per planned step, in plan order
    bool cancelled = false;
    bool aborted = false; // the cluster became unreachable mid-way
    QString error;        // why it aborted
    qint64 durationMs = 0;

    int count(ResourceOutcome outcome) const;
    int failed() const { return count(ResourceOutcome::Failed); }
    bool succeeded() const { return !cancelled && !aborted && failed() == 0; }
    const ResourceResult* result(const ResourceKey& key) const; // version ignored
};

class SyncOperation
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::SyncOperation)

public:
    SyncOperation(SyncPlan plan, std::shared_ptr<kube::KubeClient> client);
    ~SyncOperation();
    SyncOperation(const SyncOperation&) = delete;
    SyncOperation& operator=(const SyncOperation&) = delete;

    // Runs the next step that sends something and blocks until the server answered
    // (call it on a worker thread). False when nothing is left to do (finished,
    // terminated or aborted); the report is then complete.
    bool step();
    // Stops before the next resource; thread-safe. What did not run is NotRun.
    void terminate();
    bool isTerminated() const { return m_terminate.load(); }
    bool isFinished() const { return m_finished; }

    int total() const { return m_total; }       // steps that send something
    int position() const { return m_position; } // of those, how many have started
    // "apply Deployment/shop/web (3 of 12)" for the step about to run; empty when done.
    QString nextText() const;
    // Complete once step() returned false; read it from the thread that drives step().
    SyncReport report() const { return m_report; }

    // How long to wait for an applied CustomResourceDefinition to be established.
    void setEstablishTimeout(std::chrono::milliseconds timeout) { m_establishTimeout = timeout; }

    // Runs every step on the global thread pool. Progress: range 0..total(), the value
    // and text of the resource about to run. Stops between resources when the future
    // is cancelled or the operation terminated; the future's result is the report
    // (after QFuture::cancel() only `operation->report()` holds it).
    static QFuture<SyncReport> run(std::shared_ptr<SyncOperation> operation);

    static QString outcomeName(ResourceOutcome outcome); // translated

private:
    int nextIndex() const;
    void finish();
    void markRestNotRun();
    ResourceResult apply(const SyncStep& step, bool* unreachable);
    ResourceResult prune(const SyncStep& step, bool* unreachable);
    // Empty when established; else why not.
    QString waitEstablished(const SyncStep& step, bool* unreachable);
    QString describe(const SyncStep& step) const;

    SyncPlan m_plan;
    std::shared_ptr<kube::KubeClient> m_client;
    SyncReport m_report;
    std::atomic<bool> m_terminate{false};
    int m_index = 0; // next plan step to look at
    int m_total = 0;
    int m_position = 0;
    bool m_finished = false;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_establishTimeout{30'000};
    // On a dry run nothing is stored, so the server cannot check what goes into a
    // Namespace or is of a kind this run would create: "Namespace" names and
    // "group/Kind" of custom resources whose definitions it would create.
    QSet<QString> m_dryRunNamespaces;
    QSet<QString> m_dryRunKinds;
};

} // namespace driftline::engine
