// The three non-apply PATCH formats: JSON merge patch (RFC 7386), JSON patch
// (RFC 6902) and Kubernetes' strategic merge patch (lists merged by the same keys
// server-side apply uses, with the $patch / $deleteFromPrimitiveList directives).
#pragma once

#include "sandbox/apistatus.h"

#include <QByteArray>
#include <QJsonObject>

namespace driftline::sandbox
{

class PatchApplier
{
public:
    static StoreResult<QJsonObject> mergePatch(const QJsonObject& target, const QByteArray& body);
    static StoreResult<QJsonObject> jsonPatch(const QJsonObject& target, const QByteArray& body);
    // `builtin` false (custom resources): the real server refuses strategic merge patch (415).
    static StoreResult<QJsonObject> strategicMergePatch(
        const QJsonObject& target, const QByteArray& body, bool builtin);
};

} // namespace driftline::sandbox
