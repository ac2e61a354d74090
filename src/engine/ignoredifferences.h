// IgnoreDifferences: applies an application's ignoreDifferences rules (from driftline.yaml
// or an Argo CD Application) to an object, removing exactly the fields the rules name,
// so both sides of a comparison lose them alike.
#pragma once

#include "workspace/workspace.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace driftline::engine {

class IgnoreDifferences
{
public:
    // True when the rule's group/kind/name/namespace filter (empty = any) selects `object`.
    static bool matches(const workspace::IgnoreDifference& rule, const QJsonObject& object);
    // `object` without every field named by a rule that matches `selector` (the rules are
    // selected by `selector`, normally the desired object, so a renamed live object cannot
    // escape them).
    static QJsonObject apply(
        const QJsonObject& object, const QList<workspace::IgnoreDifference>& rules, const QJsonObject& selector);
    // Removes the field at an RFC 6901 JSON pointer ("/spec/replicas",
    // "/metadata/annotations/example.com~1note", "/spec/containers/0/image").
    // Returns false when nothing is there.
    static bool removePointer(QJsonObject& object, const QString& pointer);
    // The pointer's reference tokens with ~1 and ~0 unescaped.
    static QStringList pointerTokens(const QString& pointer);
    // One token escaped for a pointer.
    static QString escapeToken(const QString& token);
};

} // namespace driftline::engine
