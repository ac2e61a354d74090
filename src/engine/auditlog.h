// AuditLog: the append-only journal of every operation Driftline ran (sync,
// rollback, revert, prune), one JSON object per line in the user's data folder,
// so anyone can later see who changed what, where, and with which manifests.
// Appends are crash-safe: a process killed mid-write can tear at most its own
// last line, which reading skips; earlier entries are never touched.
#pragma once

#include "core/error.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace driftline::engine {

// One operation. `resources` holds one object per resource:
// {key, action, outcome, message, manifest}; Secret manifests are masked when
// written (keys kept, values never).
struct AuditEntry {
    QString id; // shared by the "started" and the final line of one operation
    QDateTime time;
    QString kind; // sync, rollback, revert, prune
    QString user; // "name <email>" from git's identity
    QString environment;
    QString context; // kubeconfig context
    QString cluster;
    QStringList applications;
    QString revision;
    QJsonObject options;
    QJsonArray resources;
    qint64 durationMs = 0;
    QString outcome; // succeeded, failed, cancelled, aborted; "interrupted" when read back unfinished
    QString error;
    QString summary; // the plan in a sentence ("3 to create, 1 to prune"), mostly for "started"

    // A fresh random id for an operation.
    static QString newId();
    // The entry as written: the time in UTC ISO 8601 with milliseconds, Secret
    // manifests masked.
    QJsonObject toJson() const;
    // An entry without an id, a valid time or a kind is not one (InvalidInput).
    static Result<AuditEntry> fromJson(const QJsonObject& object);
};

bool operator==(const AuditEntry& a, const AuditEntry& b);

class AuditLog
{
public:
    // The journal at `path`; empty: <GenericDataLocation>/driftline/audit.jsonl.
    explicit AuditLog(const QString& path = {});

    static QString defaultPath();
    QString path() const { return m_path; }

    // Appends the finished operation as one line (fsync'ed before returning).
    // Callable from any thread and from several processes at once.
    Result<void> append(const AuditEntry& entry);
    // The two-line form: `started` before the operation changes anything (id,
    // kind, environment, summary...), `finished` with the full entry and the
    // same id. An operation whose process died in between reads as "interrupted".
    Result<void> started(const AuditEntry& entry);
    Result<void> finished(const AuditEntry& entry) { return append(entry); }

    struct Contents {
        QList<AuditEntry> entries; // in the order the operations started
        int skippedLines = 0;      // torn or garbled lines left out
    };
    // Every complete, well-formed entry; a missing file is an empty journal.
    // Torn or garbled lines are skipped and counted, never an error.
    Result<Contents> read() const;

private:
    Result<void> writeLine(QJsonObject line);

    QString m_path;
    QMutex m_mutex;
};

} // namespace driftline::engine
