// The defaults a Kubernetes 1.31 API server fills into built-in objects on every
// write (pod templates, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, Pod, Service, PersistentVolumeClaim), so sandbox objects have the shapes
// of a real cluster's (see the fixtures' cluster dump).
#pragma once

#include "sandbox/resourcetype.h"

#include <QJsonObject>
#include <QString>
#include <functional>

namespace driftline::sandbox
{

class ServerDefaults
{
public:
    // Defaulting. `previous` is the stored object on an update (empty on create):
    // what was allocated (Service clusterIP, ipFamilies, nodePorts) carries over from it.
    static void apply(const ResourceType& type, QJsonObject& object, const QJsonObject& previous);
    // What the server allocates after field management ran, so no manager owns it:
    // a Service's clusterIP/clusterIPs (from `allocateClusterIp`), ipFamilies,
    // nodePorts; a Job's generated selector and the template labels matching it.
    static void allocate(
        const ResourceType& type, QJsonObject& object, const std::function<QString()>& allocateClusterIp);

    // The pod spec defaults alone (also used for templates).
    static void applyPodSpec(QJsonObject& spec);
    // "Always" for :latest or untagged images, else "IfNotPresent".
    static QString imagePullPolicy(const QString& image);
};

} // namespace driftline::sandbox
