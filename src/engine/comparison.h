// Comparison: the desired object (rendered from Git) against the live one, by meaning.
// Server noise is stripped, values are compared as Kubernetes reads them (quantities,
// int-or-string fields, empty vs absent), and a field that only the live object has is
// judged by who set it: the server or a controller (not drift) or a person or tool
// (kubectl edit/scale/patch, any unknown manager: drift), read from managedFields and,
// where an object has none, from the table of server defaults.
#pragma once

#include "workspace/workspace.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace driftline::engine {

struct Difference {
    enum Kind {
        Changed, // both sides have the field, with different values
        Added,   // only the live object has it (someone set it in the cluster)
        Removed, // only the desired object has it
    };
    QString path; // JSON pointer into normalizedDesired / normalizedLive, e.g. /spec/replicas
    QJsonValue desired; // undefined when Added
    QJsonValue live;    // undefined when Removed
    QString manager;    // the field manager owning the live value, when known (kubectl-edit, driftline…)
    Kind kind = Changed;
};

struct ComparisonResult {
    bool equal = true;
    QList<Difference> differences;
    // Both sides trimmed the same way (server noise, ignored fields, server-set fields
    // removed; values equal by meaning written as in the desired object), so their
    // canonical YAML differs only where the differences are.
    QJsonObject normalizedDesired;
    QJsonObject normalizedLive;
};

class Comparison
{
public:
    // Pure and thread-safe. `ignore` rules are selected by the desired object's
    // group/kind/name/namespace and remove their fields from both sides.
    static ComparisonResult compare(const QJsonObject& desired, const QJsonObject& live,
        const QList<workspace::IgnoreDifference>& ignore = {});

    // compare()'s differences alone, without building the trimmed sides: what the
    // drift status of a whole environment needs, at a fraction of the cost.
    static QList<Difference> differences(const QJsonObject& desired, const QJsonObject& live,
        const QList<workspace::IgnoreDifference>& ignore = {});

    // Two renders from Git (two revisions, two environments): every field counts,
    // values compare as written (no normalization, defaults or ignore rules), lists
    // element by element; `path`s point into `left` and `right` themselves, which
    // the result returns unchanged as normalizedDesired / normalizedLive. Kinds:
    // Added = only `right` has it, Removed = only `left`. Managers are empty.
    static ComparisonResult compareStructurally(const QJsonObject& left, const QJsonObject& right);

    // The manager name Driftline applies with.
    static constexpr QLatin1StringView FieldManager{"driftline"};

private:
    static ComparisonResult run(const QJsonObject& desired, const QJsonObject& live,
        const QList<workspace::IgnoreDifference>& ignore, bool buildOutput);
};

} // namespace driftline::engine
