#include "engine/syncaudit.h"

#include <QDateTime>
#include <QJsonArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

AuditEntry base(const SyncPlan& plan, const SyncContext& context, const QString& id)
{
    AuditEntry entry;
    entry.id = id;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.kind = context.kind.isEmpty() ? u"sync"_s : context.kind;
    entry.user = context.user;
    entry.environment = plan.environment;
    entry.context = context.context;
    entry.cluster = context.cluster;
    entry.revision = context.revision;
    entry.applications = context.applications;
    if (entry.applications.isEmpty()) {
        // The plan knows which applications it touches; the journal should too.
        for (const SyncStep& step : plan.steps) {
            if (step.runs() && !entry.applications.contains(step.applicationName))
                entry.applications.append(step.applicationName);
        }
    }
    entry.options = SyncAudit::optionsJson(plan.options);
    entry.summary = SyncAudit::summary(plan);
    return entry;
}

} // namespace

QString SyncAudit::summary(const SyncPlan& plan)
{
    // English on purpose: the journal is data read by people of any locale and by scripts.
    QStringList parts;
    const auto add = [&](SyncAction action, QLatin1StringView what) {
        if (const int n = plan.count(action); n > 0)
            parts.append(QString::number(n) + u' ' + what);
    };
    add(SyncAction::Create, "to create"_L1);
    add(SyncAction::Update, "to update"_L1);
    add(SyncAction::Prune, "to prune"_L1);
    add(SyncAction::Reapply, "already in sync"_L1);
    return parts.isEmpty() ? u"nothing to do"_s : parts.join(u", "_s);
}

QJsonObject SyncAudit::optionsJson(const SyncOptions& options)
{
    return QJsonObject{
        {"dryRun"_L1, options.dryRun},
        {"prune"_L1, options.prune},
        {"force"_L1, options.force},
        {"onlyOutOfSync"_L1, options.onlyOutOfSync},
    };
}

QString SyncAudit::outcomeOf(const SyncReport& report)
{
    if (report.aborted)
        return u"aborted"_s;
    if (report.cancelled)
        return u"cancelled"_s;
    return report.failed() > 0 ? u"failed"_s : u"succeeded"_s;
}

QString SyncAudit::actionKey(SyncAction action)
{
    switch (action) {
    case SyncAction::Create:
        return u"create"_s;
    case SyncAction::Update:
        return u"update"_s;
    case SyncAction::Reapply:
        return u"reapply"_s;
    case SyncAction::Prune:
        return u"prune"_s;
    case SyncAction::Unchanged:
        break;
    }
    return u"unchanged"_s;
}

QString SyncAudit::outcomeKey(ResourceOutcome outcome)
{
    switch (outcome) {
    case ResourceOutcome::Created:
        return u"created"_s;
    case ResourceOutcome::Configured:
        return u"configured"_s;
    case ResourceOutcome::Unchanged:
        return u"unchanged"_s;
    case ResourceOutcome::Pruned:
        return u"pruned"_s;
    case ResourceOutcome::Failed:
        return u"failed"_s;
    case ResourceOutcome::NotRun:
        break;
    }
    return u"notRun"_s;
}

AuditEntry SyncAudit::started(const SyncPlan& plan, const SyncContext& context, const QString& id)
{
    return base(plan, context, id);
}

AuditEntry SyncAudit::finished(const SyncPlan& plan, const SyncReport& report, const SyncContext& context,
    const QString& id)
{
    AuditEntry entry = base(plan, context, id);
    entry.options = optionsJson(report.options);
    entry.durationMs = report.durationMs;
    entry.outcome = outcomeOf(report);
    entry.error = report.error;
    for (const ResourceResult& result : report.results) {
        // Left-alone steps changed nothing and would only bloat the journal.
        if (result.action == SyncAction::Unchanged)
            continue;
        entry.resources.append(QJsonObject{
            {"key"_L1, result.key.displayName()},
            {"apiVersion"_L1, result.key.apiVersion()},
            {"application"_L1, result.applicationId},
            {"action"_L1, actionKey(result.action)},
            {"outcome"_L1, outcomeKey(result.outcome)},
            {"message"_L1, result.message},
            {"manifest"_L1, result.manifest}, // AuditLog masks Secrets when writing
        });
    }
    return entry;
}

} // namespace driftline::engine
