#include "engine/syncoperation.h"

#include "kube/kubeclient.h"
#include "kube/kubeerror.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QPromise>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// The result of `step` before it ran: what it is and exactly what it sends.
ResourceResult resultFor(const SyncStep& step)
{
    ResourceResult r;
    r.key = step.key;
    r.applicationId = step.applicationId;
    r.action = step.action;
    r.manifest = step.manifest;
    return r;
}

const QString CrdGroup = u"apiextensions.k8s.io"_s;
const QString CrdKind = u"CustomResourceDefinition"_s;

bool isCrd(const ResourceKey& key)
{
    return key.group == CrdGroup && key.kind == CrdKind;
}

// The cluster could not be reached at all (no HTTP answer): what follows would fail alike.
bool isUnreachable(const Error& error)
{
    return error.httpStatus == 0 && (error.code == Error::Code::Io || error.code == Error::Code::Timeout);
}

template<typename T>
Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    if (future.isCanceled() || future.resultCount() == 0)
        return fail(Error::Code::Cancelled, SyncOperation::tr("The request was cancelled."));
    return future.result();
}

// A server message may quote what it rejected; for a Secret that could be a value.
QString scrubSecret(QString text, const SyncStep& step)
{
    if (step.key.kind != u"Secret"_s || !step.key.group.isEmpty())
        return text;
    QStringList values;
    const auto collect = [&](const QJsonObject& object) {
        for (const QJsonValue& v : object.value(u"data"_s).toObject()) {
            values.append(v.toString());
            values.append(QString::fromUtf8(QByteArray::fromBase64(v.toString().toLatin1())));
        }
        for (const QJsonValue& v : object.value(u"stringData"_s).toObject()) {
            values.append(v.toString());
            values.append(QString::fromLatin1(v.toString().toUtf8().toBase64()));
        }
    };
    collect(step.manifest);
    collect(step.live);
    // Longest first, so a value containing another is replaced whole.
    std::sort(values.begin(), values.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& v : std::as_const(values)) {
        if (v.size() >= 4)
            text.replace(v, u"‹redacted›"_s);
    }
    return text;
}

QString messageOf(const Error& error, const SyncStep& step)
{
    QString text = error.message;
    // KubeError keeps the Status reason as "reason: X" in the detail; the causes (422,
    // 409 conflicts) are what people need to read.
    QStringList extra;
    for (const QString& line : error.detail.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.startsWith(u"reason: "_s))
            extra.append(line);
    }
    if (!extra.isEmpty())
        text += u'\n' + extra.join(u'\n');
    return scrubSecret(text, step);
}

// The object without what the server changes on every write, for a dry run's verdict.
QJsonObject comparable(QJsonObject object)
{
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    meta.remove(u"resourceVersion"_s);
    meta.remove(u"managedFields"_s);
    meta.remove(u"generation"_s);
    object.insert(u"metadata"_s, meta);
    return object;
}

QString resourceVersionOf(const QJsonObject& object)
{
    return object.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
}

} // namespace

int SyncReport::count(ResourceOutcome outcome) const
{
    return int(std::count_if(
        results.cbegin(), results.cend(), [&](const ResourceResult& r) { return r.outcome == outcome; }));
}

const ResourceResult* SyncReport::result(const ResourceKey& key) const
{
    for (const ResourceResult& r : results) {
        if (r.key.sameObject(key))
            return &r;
    }
    return nullptr;
}

SyncOperation::SyncOperation(SyncPlan plan, std::shared_ptr<kube::KubeClient> client)
    : m_plan(std::move(plan))
    , m_client(std::move(client))
{
    m_report.environment = m_plan.environment;
    m_report.options = m_plan.options;
    m_report.results.reserve(m_plan.steps.size());
    for (const SyncStep& s : std::as_const(m_plan.steps)) {
        ResourceResult r;
        r.key = s.key;
        r.applicationId = s.applicationId;
        r.action = s.action;
        r.outcome = s.runs() ? ResourceOutcome::NotRun : ResourceOutcome::Unchanged;
        m_report.results.append(r);
    }
    m_total = m_plan.runCount();
}

SyncOperation::~SyncOperation() = default;

void SyncOperation::terminate()
{
    m_terminate.store(true);
}

int SyncOperation::nextIndex() const
{
    for (int i = m_index; i < m_plan.steps.size(); ++i) {
        if (m_plan.steps.at(i).runs())
            return i;
    }
    return -1;
}

QString SyncOperation::describe(const SyncStep& step) const
{
    const QString what = step.key.displayName();
    return step.action == SyncAction::Prune ? tr("prune %1 (%2 of %3)").arg(what).arg(m_position + 1).arg(m_total)
                                            : tr("apply %1 (%2 of %3)").arg(what).arg(m_position + 1).arg(m_total);
}

QString SyncOperation::nextText() const
{
    if (m_finished || isTerminated())
        return {};
    const int i = nextIndex();
    return i < 0 ? QString() : describe(m_plan.steps.at(i));
}

void SyncOperation::finish()
{
    m_finished = true;
    m_report.durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
}

void SyncOperation::markRestNotRun()
{
    // Results start as NotRun; nothing to change, but nothing after this point runs.
    m_index = int(m_plan.steps.size());
}

bool SyncOperation::step()
{
    if (m_finished)
        return false;
    if (!m_clock.isValid())
        m_clock.start();
    const int i = nextIndex();
    if (i < 0) {
        finish();
        return false;
    }
    if (isTerminated()) {
        m_report.cancelled = true;
        markRestNotRun();
        finish();
        return false;
    }
    const SyncStep& s = m_plan.steps.at(i);
    bool unreachable = false;
    ResourceResult r = s.action == SyncAction::Prune ? prune(s, &unreachable) : apply(s, &unreachable);
    m_report.results[i] = std::move(r);
    ++m_position;
    m_index = i + 1;
    if (unreachable) {
        m_report.aborted = true;
        m_report.error = m_report.results.at(i).message;
        markRestNotRun();
        finish();
        return false;
    }
    if (nextIndex() < 0) {
        finish();
        return false;
    }
    return true;
}

ResourceResult SyncOperation::apply(const SyncStep& step, bool* unreachable)
{
    QElapsedTimer clock;
    clock.start();
    ResourceResult r = resultFor(step);
    kube::ApplyOptions options;
    options.force = m_plan.options.force;
    options.dryRun = m_plan.options.dryRun;
    options.fieldManager = u"driftline"_s;
    if (m_plan.options.dryRun) {
        // As gitops-engine does, leave to the real run what the server cannot check yet.
        const QString ns = step.key.namespace_;
        const bool newNamespace = !ns.isEmpty() && m_dryRunNamespaces.contains(ns);
        const bool newKind = m_dryRunKinds.contains(step.key.groupKind());
        if (newNamespace || newKind) {
            r.outcome = ResourceOutcome::Created;
            r.message = newNamespace ? tr("Not checked by the server: Namespace %1 does not exist yet.").arg(ns)
                                     : tr("Not checked by the server: its CustomResourceDefinition does not exist yet.");
            r.ms = clock.elapsed();
            return r;
        }
    }
    const Result<kube::ApplyResult> applied = wait(m_client->apply(step.manifest, options));
    if (!applied) {
        r.outcome = ResourceOutcome::Failed;
        r.message = messageOf(applied.error(), step);
        *unreachable = isUnreachable(applied.error());
    } else if (applied->created) {
        r.outcome = ResourceOutcome::Created;
    } else if (m_plan.options.dryRun) {
        // Nothing was stored, so the resourceVersion cannot tell: compare what would be.
        r.outcome = comparable(applied->object) == comparable(step.live) ? ResourceOutcome::Unchanged
                                                                         : ResourceOutcome::Configured;
    } else {
        r.outcome = resourceVersionOf(applied->object) == resourceVersionOf(step.live) ? ResourceOutcome::Unchanged
                                                                                     : ResourceOutcome::Configured;
    }
    if (applied && m_plan.options.dryRun && r.outcome == ResourceOutcome::Created) {
        if (step.key.kind == u"Namespace"_s && step.key.group.isEmpty())
            m_dryRunNamespaces.insert(step.key.name);
        if (isCrd(step.key)) {
            const QJsonObject spec = step.manifest.value(u"spec"_s).toObject();
            m_dryRunKinds.insert(kube::LiveSnapshot::groupKind(
                spec.value(u"group"_s).toString(), spec.value(u"names"_s).toObject().value(u"kind"_s).toString()));
        }
    }
    if (applied && isCrd(step.key) && !m_plan.options.dryRun) {
        const QString notEstablished = waitEstablished(step, unreachable);
        if (!notEstablished.isEmpty()) {
            r.outcome = ResourceOutcome::Failed;
            r.message = notEstablished;
        }
    }
    r.ms = clock.elapsed();
    return r;
}

QString SyncOperation::waitEstablished(const SyncStep& step, bool* unreachable)
{
    const QJsonObject spec = step.manifest.value(u"spec"_s).toObject();
    const QString group = spec.value(u"group"_s).toString();
    const QString kind = spec.value(u"names"_s).toObject().value(u"kind"_s).toString();
    const QDeadlineTimer deadline(m_establishTimeout);
    for (;;) {
        // Stopping here is fine: the next step, which would need the definition, never runs.
        if (isTerminated())
            return {};
        const Result<QJsonObject> crd = wait(m_client->get(CrdGroup, {}, CrdKind, {}, step.key.name));
        if (!crd && isUnreachable(crd.error())) {
            *unreachable = true;
            return messageOf(crd.error(), step);
        }
        if (crd) {
            const QJsonArray conditions =
                crd->value(u"status"_s).toObject().value(u"conditions"_s).toArray();
            for (const QJsonValue& c : conditions) {
                const QJsonObject condition = c.toObject();
                if (condition.value(u"type"_s).toString() == u"Established"_s
                    && condition.value(u"status"_s).toString() == u"True"_s)
                    return {};
            }
            // A server that reports no conditions at all (the sandbox) serves the kind as
            // soon as it lists it in discovery, as a real one does once it is established.
            if (conditions.isEmpty()) {
                const Result<kube::ApiResources> served = wait(m_client->refreshDiscovery());
                if (served && served->find(group, kind))
                    return {};
            }
        }
        if (deadline.hasExpired())
            return tr("%1 was applied but not established within %2 s.")
                .arg(step.key.displayName())
                .arg(std::chrono::duration_cast<std::chrono::seconds>(m_establishTimeout).count());
        QThread::msleep(100);
    }
}

ResourceResult SyncOperation::prune(const SyncStep& step, bool* unreachable)
{
    QElapsedTimer clock;
    clock.start();
    ResourceResult r = resultFor(step);
    const Result<void> removed = wait(m_client->remove(step.key.group, step.key.version, step.key.kind,
        step.key.namespace_, step.key.name, kube::Propagation::Background, m_plan.options.dryRun));
    if (removed) {
        r.outcome = ResourceOutcome::Pruned;
    } else if (removed.error().code == Error::Code::NotFound) {
        r.outcome = ResourceOutcome::Pruned; // someone was quicker: what was asked holds
        r.message = tr("Already gone.");
    } else {
        r.outcome = ResourceOutcome::Failed;
        r.message = messageOf(removed.error(), step);
        *unreachable = isUnreachable(removed.error());
    }
    r.ms = clock.elapsed();
    return r;
}

QFuture<SyncReport> SyncOperation::run(std::shared_ptr<SyncOperation> operation)
{
    return QtConcurrent::run([operation](QPromise<SyncReport>& promise) {
        promise.setProgressRange(0, operation->total());
        for (;;) {
            if (promise.isCanceled())
                operation->terminate();
            const QString text = operation->nextText();
            if (!text.isEmpty())
                promise.setProgressValueAndText(operation->position() + 1, text);
            if (!operation->step())
                break;
        }
        promise.setProgressValue(operation->total());
        promise.addResult(operation->report());
    });
}

QString SyncOperation::outcomeName(ResourceOutcome outcome)
{
    switch (outcome) {
    case ResourceOutcome::Created:
        return tr("created");
    case ResourceOutcome::Configured:
        return tr("configured");
    case ResourceOutcome::Unchanged:
        return tr("unchanged");
    case ResourceOutcome::Pruned:
        return tr("pruned");
    case ResourceOutcome::Failed:
        return tr("failed");
    case ResourceOutcome::NotRun:
        return tr("not run");
    }
    return {};
}

} // namespace driftline::engine
