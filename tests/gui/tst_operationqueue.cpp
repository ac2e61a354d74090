// The operation queue against a sandbox on its own thread over real HTTPS (with
// added latency, so operations take long enough to overlap): two operations on
// one environment run one after the other, the second "Queued behind" the first;
// two environments run at once; a queued operation is cancelled without running,
// a running one stops between resources; the hooks run before and after on the
// worker; retry-failed re-runs only what the server refused; and the operations
// panel shows progress and a 400-resource result table while the UI thread's
// longest stall, measured by a 5 ms timer, stays under 100 ms.
#include "engine/syncoperation.h"
#include "engine/syncplan.h"
#include "gui/operationqueue.h"
#include "gui/operationspanel.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/faultinjection.h"
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace std::chrono_literals;
using driftline::gui::OperationQueue;
using driftline::gui::OperationsPanel;
using State = OperationQueue::State;

namespace {

QJsonObject configMap(const QString& ns, const QString& name)
{
    return {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, ns}}},
        {u"data"_s, QJsonObject {{u"value"_s, name}}}};
}

// A plan that creates `count` ConfigMaps named `prefix`-N in namespace `ns` (which
// exists) of `environment`. Built by hand: the queue runs plans, it does not make them.
engine::SyncPlan createPlan(const QString& environment, const QString& ns, const QString& prefix, int count)
{
    engine::SyncPlan plan;
    plan.environment = environment;
    for (int i = 0; i < count; ++i) {
        engine::SyncStep step;
        step.manifest = configMap(ns, u"%1-%2"_s.arg(prefix).arg(i));
        step.key = kube::LiveSnapshot::keyOf(step.manifest);
        step.applicationId = environment + u"/app"_s;
        step.applicationName = u"app"_s;
        step.action = engine::SyncAction::Create;
        step.status = engine::SyncStatus::Missing;
        plan.steps << step;
    }
    return plan;
}

} // namespace

class TestOperationQueue : public QObject
{
    Q_OBJECT

    std::unique_ptr<sandbox::SandboxHost> m_host;
    std::shared_ptr<kube::KubeClient> m_client;

    void setLatency(std::chrono::milliseconds latency, int failEveryNth = 0)
    {
        sandbox::FaultInjection faults;
        faults.latency = latency;
        faults.failEveryNth = failEveryNth;
        m_host->run([&](sandbox::SandboxServer& server) { server.setFaults(faults); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_host = std::make_unique<sandbox::SandboxHost>();
        sandbox::SandboxHost::Options options;
        options.controllers = false;
        m_host->setOptions(options);
        const Result<void> started = m_host->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        auto config = kube::Kubeconfig::parse(m_host->kubeconfigYaml(), u"sandbox"_s);
        QVERIFY(config.has_value());
        m_client = std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
        for (const QString& ns : {u"a"_s, u"b"_s}) {
            engine::SyncPlan plan;
            plan.environment = u"setup"_s;
            engine::SyncStep step;
            step.manifest = {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                {u"metadata"_s, QJsonObject {{u"name"_s, ns}}}};
            step.key = kube::LiveSnapshot::keyOf(step.manifest);
            step.action = engine::SyncAction::Create;
            plan.steps << step;
            OperationQueue queue;
            const int id = queue.enqueue(u"setup"_s, plan, m_client);
            QTRY_VERIFY_WITH_TIMEOUT(queue.operation(id)->state == State::Done, 10'000);
        }
    }

    void cleanupTestCase()
    {
        m_client.reset(); // its I/O thread goes before the sandbox it talks to
        m_host.reset();
    }

    void oneEnvironmentRunsOneAtATime()
    {
        setLatency(20ms);
        OperationQueue queue;
        OperationsPanel panel;
        panel.setQueue(&queue);
        QStringList events; // in the order the UI thread saw them
        connect(&queue, &OperationQueue::operationChanged, this, [&](int id) {
            const QString event = u"%1:%2"_s.arg(id).arg(OperationQueue::stateName(queue.operation(id)->state));
            if (events.isEmpty() || events.constLast() != event)
                events << event;
        });
        QMutex mutex;
        QStringList hooks; // on the workers
        OperationQueue::Hooks h;
        h.started = [&](const QString& uid, const engine::SyncPlan& plan) {
            QMutexLocker lock(&mutex);
            hooks << u"started %1 %2"_s.arg(uid.size() > 8).arg(plan.runCount());
        };
        h.finished = [&](const QString&, const engine::SyncPlan&, const engine::SyncReport& report) {
            QMutexLocker lock(&mutex);
            hooks << u"finished %1"_s.arg(report.count(engine::ResourceOutcome::Created));
        };
        const int first = queue.enqueue(u"Sync staging / one"_s, createPlan(u"staging"_s, u"a"_s, u"one"_s, 5),
            m_client, h);
        const int second = queue.enqueue(u"Sync staging / two"_s, createPlan(u"staging"_s, u"a"_s, u"two"_s, 4),
            m_client, h);
        QCOMPARE(queue.operation(first)->state, State::Running);
        QCOMPARE(queue.operation(second)->state, State::Queued);
        QCOMPARE(queue.waitingBehind(second), first);
        QCOMPARE(queue.runningId(u"staging"_s), first);
        QCOMPARE(panel.statusText(second), u"Queued behind Sync staging / one"_s);
        QCOMPARE(panel.operationList()->topLevelItemCount(), 2);

        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 15'000);
        QCOMPARE(queue.operation(first)->state, State::Done);
        QCOMPARE(queue.operation(second)->state, State::Done);
        // The second started only once the first had finished.
        const qsizetype firstDone = events.indexOf(u"%1:Done"_s.arg(first));
        const qsizetype secondRunning = events.indexOf(u"%1:Running"_s.arg(second));
        QVERIFY2(firstDone >= 0 && secondRunning > firstDone, qPrintable(events.join(u", "_s)));
        QCOMPARE(queue.operation(first)->report->count(engine::ResourceOutcome::Created), 5);
        QCOMPARE(queue.operation(second)->report->count(engine::ResourceOutcome::Created), 4);
        QCOMPARE(hooks, (QStringList {u"started 1 5"_s, u"finished 5"_s, u"started 1 4"_s, u"finished 4"_s}));
        QVERIFY(panel.statusText(first).startsWith(u"Done · 5 created"_s));
    }

    void twoEnvironmentsRunAtOnce()
    {
        setLatency(20ms);
        OperationQueue queue;
        const int staging = queue.enqueue(u"Sync staging"_s, createPlan(u"staging"_s, u"a"_s, u"par"_s, 6), m_client);
        const int production
            = queue.enqueue(u"Sync production"_s, createPlan(u"production"_s, u"b"_s, u"par"_s, 6), m_client);
        QCOMPARE(queue.operation(staging)->state, State::Running);
        QCOMPARE(queue.operation(production)->state, State::Running);
        QCOMPARE(queue.runningCount(), 2);
        QCOMPARE(queue.waitingBehind(production), 0);
        // Both make progress before either finishes.
        QTRY_VERIFY_WITH_TIMEOUT(queue.operation(staging)->position >= 2 && queue.operation(production)->position >= 2,
            10'000);
        QVERIFY(queue.operation(staging)->state == State::Running || queue.operation(production)->state == State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 15'000);
        QCOMPARE(queue.operation(staging)->state, State::Done);
        QCOMPARE(queue.operation(production)->state, State::Done);
    }

    void cancelQueuedAndRunning()
    {
        setLatency(40ms);
        OperationQueue queue;
        QSignalSpy finished(&queue, &OperationQueue::operationFinished);
        const int running = queue.enqueue(u"long"_s, createPlan(u"staging"_s, u"a"_s, u"long"_s, 40), m_client);
        const int queued = queue.enqueue(u"never"_s, createPlan(u"staging"_s, u"a"_s, u"never"_s, 3), m_client);
        QVERIFY(queue.cancel(queued));
        QCOMPARE(queue.operation(queued)->state, State::Cancelled);
        QVERIFY(!queue.operation(queued)->report);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!queue.cancel(queued)); // already finished

        QTRY_VERIFY_WITH_TIMEOUT(queue.operation(running)->position >= 2, 10'000);
        QVERIFY(queue.cancel(running));
        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 10'000);
        const OperationQueue::Operation* op = queue.operation(running);
        QCOMPARE(op->state, State::Cancelled);
        QVERIFY(op->report && op->report->cancelled);
        QVERIFY(op->report->count(engine::ResourceOutcome::NotRun) > 0);
        QVERIFY(op->report->count(engine::ResourceOutcome::Created) >= 2);
        QCOMPARE(finished.count(), 2);
    }

    void retryRunsOnlyTheFailed()
    {
        setLatency(0ms, 3); // every third request fails with a 500
        OperationQueue queue;
        OperationsPanel panel;
        panel.setQueue(&queue);
        const int id = queue.enqueue(u"flaky"_s, createPlan(u"staging"_s, u"a"_s, u"flaky"_s, 9), m_client);
        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 10'000);
        const OperationQueue::Operation* op = queue.operation(id);
        QCOMPARE(op->state, State::Failed);
        const int failed = op->report->failed();
        QVERIFY(failed > 0 && failed < 9);
        panel.showOperation(id);
        QVERIFY(!panel.retryButton()->isHidden());
        setLatency(0ms);
        panel.retryButton()->click();
        QCOMPARE(queue.ids().size(), 2);
        const int retry = queue.ids().constLast();
        QCOMPARE(queue.operation(retry)->retryOf, id);
        QCOMPARE(queue.operation(retry)->plan.runCount(), failed);
        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 10'000);
        QCOMPARE(queue.operation(retry)->state, State::Done);
        QCOMPARE(queue.operation(retry)->report->count(engine::ResourceOutcome::Created), failed);
        QCOMPARE(queue.retryFailed(retry), 0); // nothing failed
    }

    void panelStaysResponsiveDuringALargeSync()
    {
        setLatency(0ms);
        OperationQueue queue;
        OperationsPanel panel;
        panel.setQueue(&queue);
        panel.resize(1000, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        qint64 longest = 0;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            longest = std::max(longest, sinceTick.restart());
        });
        const int count = 400;
        bool sawProgress = false;
        connect(&queue, &OperationQueue::operationChanged, this, [&](int id) {
            const OperationQueue::Operation* op = queue.operation(id);
            if (op->state == State::Running && op->position > 0 && !panel.progressBar()->isHidden()
                && panel.statusLabel()->text().contains(u" of %1 · apply ConfigMap/a/big-"_s.arg(count)))
                sawProgress = true;
        });
        sinceTick.start();
        probe.start();
        const int id = queue.enqueue(u"big"_s, createPlan(u"staging"_s, u"a"_s, u"big"_s, count), m_client);
        QTRY_VERIFY_WITH_TIMEOUT(queue.isIdle(), 25'000);
        QTest::qWait(20); // a last probe tick after the table filled
        probe.stop();
        QCOMPARE(queue.operation(id)->state, State::Done);
        QVERIFY(sawProgress);
        QCOMPARE(panel.resultTable()->topLevelItemCount(), count);
        QCOMPARE(panel.resultTable()->topLevelItem(0)->text(OperationsPanel::OutcomeColumn), u"created"_s);
        QCOMPARE(panel.resultTable()->topLevelItem(0)->text(OperationsPanel::ResourceColumn), u"ConfigMap/a/big-0"_s);
        QVERIFY(panel.progressBar()->isHidden());
        QVERIFY(panel.cancelButton()->isHidden());
        qInfo("longest UI-thread stall during a %d-resource sync: %lld ms", count, longest);
        QVERIFY2(longest < 100, qPrintable(u"the UI thread stalled for %1 ms"_s.arg(longest)));
    }
};

QTEST_MAIN(TestOperationQueue)
#include "tst_operationqueue.moc"
