// ResourceDiff: everything the YAML diff panel and `driftline diff` show for one
// resource: both sides as canonical YAML (Secrets masked unless revealed), the
// side-by-side text diff, the JSON pointer of every line, the field manager that
// owns each live field, and the structural summary (spec.replicas: 3 → 5), each
// change linked to its row. Three sources: Git vs live (compared by meaning
// through Comparison, so normalized text differs only where the differences are),
// and Git vs Git (two revisions, or one application in two environments). Pure;
// run it on a worker thread.
#pragma once

#include "core/error.h"
#include "engine/comparison.h"
#include "engine/textdiff.h"
#include "workspace/workspace.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>

namespace driftline::engine {

struct ResourceDiffRequest {
    enum class Source {
        GitVsLive,    // left: desired (rendered from Git); right: the live object
        Revisions,    // left: the older revision's render; right: the newer one
        Environments, // left: one environment's render; right: another's
    };
    Source source = Source::GitVsLive;
    QString leftTitle;  // "Git · 1a2b3c4", "Live · staging", "production"…
    QString rightTitle;
    QJsonObject left;   // empty: the resource is absent on that side
    QJsonObject right;
    QList<workspace::IgnoreDifference> ignore; // the application's rules (GitVsLive)
    // true: normalized (server noise and defaults dropped, values equal by meaning
    // written alike). false: the full objects (the live one as `kubectl get -o yaml`
    // shows it: everything but managedFields).
    bool normalized = true;
    bool revealSecrets = false;
    bool intraLine = true;
    std::function<bool()> isCanceled; // polled between steps; may be empty
};

// One entry of the structural summary.
struct FieldChange {
    QString pointer;     // JSON pointer, "/spec/replicas"
    QString displayPath; // "spec.replicas", "spec.template.spec.containers[0].image"
    QString oldValue;    // one line, shortened, masked for Secrets; empty when absent
    QString newValue;
    Difference::Kind kind = Difference::Changed;
    QString manager;     // who owns the live value, when known
    int row = -1;        // the diff row holding the field (right side when present there, else left)
};

struct ResourceDiff {
    ResourceDiffRequest::Source source = ResourceDiffRequest::Source::GitVsLive;
    QString leftTitle;
    QString rightTitle;
    QString leftText;  // as shown: canonical YAML, masked unless revealed
    QString rightText;
    TextDiffResult text;
    std::array<QStringList, 2> linePointers; // per side, the JSON pointer of each line ("" for none)
    std::array<QStringList, 2> lineManagers; // per side, the manager owning each line's field ("" unknown)
    QList<FieldChange> changes;
    bool equal = true; // no difference by meaning (the text may still differ in full mode)
    bool masked = false; // Secret values were replaced by masks
    // The resource (from the left object, or the right one when the left is absent):
    // what ignoreRuleFor limits its rule to.
    QString group; // "" for the core group
    QString kind;
    QString name;
    QString namespace_;

    // The rule "Ignore this field" proposes for a line: the line's field pointer (a
    // list item's line names the item), limited to the desired object's group and
    // kind, and to its name when `withName`. Empty jsonPointers: the line names no field.
    workspace::IgnoreDifference ignoreRuleFor(DiffSide side, int line, bool withName) const;
    // The rows whose field lies at or below `pointer`: what a rule would hide.
    QList<int> rowsUnder(const QString& pointer) const;

    // Error::Code::Cancelled when cancelled.
    static Result<ResourceDiff> compute(const ResourceDiffRequest& request);
};

} // namespace driftline::engine
