// SyncAudit: turns a sync (or rollback, or prune) into the audit journal's
// entries, so the window and the CLI record an operation the same way: the
// "started" line before anything changes (the plan in a sentence) and the
// finished line with one record per resource and the outcome.
#pragma once

#include "engine/auditlog.h"
#include "engine/syncoperation.h"
#include "engine/syncplan.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace driftline::engine {

// Who ran what where; everything the entries carry besides the plan and report.
struct SyncContext {
    QString kind = QStringLiteral("sync"); // sync|rollback|prune
    QString user;     // "name <email>"
    QString context;  // kubeconfig context
    QString cluster;
    QString revision; // the commit synced
    QString revisionSummary; // its summary line (what a rollback's pin shows)
    QStringList applications;
};

class SyncAudit
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::SyncAudit)

public:
    // The entry written before the operation starts: the plan summarised as
    // "3 to create, 2 to update, 1 to prune" (untranslated: the journal is data).
    static AuditEntry started(const SyncPlan& plan, const SyncContext& context, const QString& id);
    // The complete entry: {key, action, outcome, message, manifest} per result,
    // outcome succeeded/failed/cancelled/aborted, the options as JSON.
    static AuditEntry finished(const SyncPlan& plan, const SyncReport& report, const SyncContext& context,
        const QString& id);

    // "3 to create, 2 to update, 1 to prune"; "nothing to do" for an empty plan.
    static QString summary(const SyncPlan& plan);
    // {"dryRun":…, "prune":…, "force":…, "onlyOutOfSync":…}
    static QJsonObject optionsJson(const SyncOptions& options);
    // "succeeded", "failed", "cancelled" or "aborted".
    static QString outcomeOf(const SyncReport& report);
    // Stable (untranslated) names used in the journal.
    static QString actionKey(SyncAction action);        // create, update, prune, unchanged
    static QString outcomeKey(ResourceOutcome outcome); // created, configured, unchanged, pruned, failed, notRun
};

} // namespace driftline::engine
