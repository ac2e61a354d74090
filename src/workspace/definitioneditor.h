// DefinitionEditor: the one place Driftline writes driftline.yaml, for
// "Ignore this field": it adds an ignoreDifferences rule to one application's
// entry, as a text edit that keeps every other byte (comments, order, style),
// and checks that the result parses back to the same workspace plus that rule.
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace driftline::workspace {

class DefinitionEditor
{
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::DefinitionEditor)

public:
    // `current` with `rule` added to the entry of `application` (found by the
    // line in Application::origin, "driftline.yaml:12"). When the entry has an
    // ignoreDifferences list the rule is appended to it as a flow mapping in the
    // list's style; else the key is added at the end of the entry. Error when the
    // application is not declared in driftline.yaml, the result would not parse,
    // or an identical rule is there already.
    static Result<QByteArray> withIgnoreDifference(
        const QByteArray& current, const Application& application, const IgnoreDifference& rule);

    // Reads <workingTree>/driftline.yaml, edits it as above and writes it back
    // atomically (QSaveFile). Returns the file's absolute path.
    static Result<QString> addIgnoreDifference(
        const QString& workingTree, const Application& application, const IgnoreDifference& rule);

    // The rule as the line it adds: "{ kind: Deployment, name: web, jsonPointers: [/spec/replicas] }".
    static QString flowText(const IgnoreDifference& rule);
};

} // namespace driftline::workspace
