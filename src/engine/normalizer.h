// Normalizer: what a comparison must not see. It strips the fields the API server
// owns (status, uid, resourceVersion, managedFields, tool annotations, Driftline's own
// tracking annotation) and knows the values the server fills in when a manifest leaves
// a field out (Kubernetes 1.31 defaults), for judging live-only fields of objects that
// carry no managedFields.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace driftline::engine {

class Normalizer
{
public:
    // Either side without status, server-set metadata and tool annotations; a Secret's
    // write-only stringData folded into base64 data as the server does.
    static QJsonObject normalize(const QJsonObject& object);

    // The schema-ish pattern of a field: object keys joined by '/', list elements as '*',
    // and the pod spec of any workload written as "POD" ("POD/containers/*/imagePullPolicy"),
    // a Job spec (also inside a CronJob) as "JOB".
    static QString pattern(const QString& kind, const QStringList& keys);

    // True when `value` at `pattern` of `kind` is what the server fills in (or allocates)
    // when the manifest does not set the field. `parent` is the object holding the field,
    // for defaults that depend on a sibling (imagePullPolicy on image, targetPort on port).
    static bool isServerDefault(
        const QString& kind, const QString& pattern, const QJsonValue& value, const QJsonObject& parent);

    // True for managers that are the cluster itself (controllers, kubelet, scheduler, k3s)
    // rather than a person or a tool: what they own is never drift.
    static bool isClusterManager(const QString& manager, const QString& subresource);
};

} // namespace driftline::engine
