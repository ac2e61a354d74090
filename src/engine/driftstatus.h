// The drift of one environment: for every resource of its applications, whether the
// cluster matches Git (sync) and how the live object is doing (health), rolled up to
// applications and to the environment with counts. Computed from one render of each
// application and one LiveSnapshot, as a pure function on a worker thread; the
// result is a value the UI thread only reads.
#pragma once

#include "core/resource.h"
#include "engine/comparison.h"
#include "engine/health.h"
#include "kube/connectionstate.h"
#include "kube/livesnapshot.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QSet>
#include <QString>

#include <memory>

namespace driftline::engine {

enum class SyncStatus {
    Synced,     // the live object matches Git
    OutOfSync,  // both exist and differ
    Missing,    // in Git, not in the cluster
    Extraneous, // tracked by the application in the cluster, not in Git
    Unknown,    // cannot tell: unreachable, forbidden, render error (see the reason)
};

struct ResourceDrift {
    ResourceKey key; // version cleared
    SyncStatus sync = SyncStatus::Unknown;
    Health health;
    bool healthChecked = false; // false for kinds without health (ConfigMap…)
    QString reason;             // why Unknown; a summary of the differences when OutOfSync
    QList<Difference> differences;
};

struct ApplicationDrift {
    QString id; // "staging/web"
    SyncStatus sync = SyncStatus::Synced;
    Health::Status health = Health::Status::Healthy;
    QString reason;
    QMap<SyncStatus, int> counts;
    QList<ResourceDrift> resources; // Git's resources first, then the extraneous ones
};

struct EnvironmentDrift {
    QString environment;
    SyncStatus sync = SyncStatus::Synced;
    Health::Status health = Health::Status::Healthy;
    QMap<SyncStatus, int> counts; // over every resource of every application
    QHash<QString, ApplicationDrift> applications; // by application id
    bool connected = false; // the cluster was read completely for this result
    QStringList kindErrors;  // the kinds that could not be read then, sorted

    const ResourceDrift* resource(const QString& applicationId, const ResourceKey& key) const;
};

class DriftStatus
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::DriftStatus)

public:
    struct ApplicationInput {
        workspace::Application application;
        const workspace::RenderResult* render = nullptr; // nullptr while rendering
    };

    // Pure and thread-safe; `inputs` must stay alive for the call. `otherEnvironments`:
    // what the workspace's other environments have in Git. Environments sharing a cluster
    // see each other's cluster-scoped objects (their Namespaces), tracked by an
    // application of the same name: those are not extraneous here.
    static EnvironmentDrift compute(const QString& environment, const QList<ApplicationInput>& inputs,
        const kube::LiveSnapshot& live, const kube::ConnectionState& connection,
        const QSet<ResourceKey>& otherEnvironments = {});

    // The same result as compute(), reusing `previous` for every resource whose live
    // object is not in `changedKeys`: what a watch event costs is one comparison, not
    // the environment's. `inputs` must be the renders `previous` was computed from
    // (after a render changes, call compute()).
    static EnvironmentDrift update(const EnvironmentDrift& previous, const QList<ApplicationInput>& inputs,
        const kube::LiveSnapshot& live, const kube::ConnectionState& connection, const QSet<ResourceKey>& changedKeys,
        const QSet<ResourceKey>& otherEnvironments = {});

    static QString syncName(SyncStatus status); // translated
    // The status's fixed English identifier ("OutOfSync"): JSON, settings, filters. Never translated.
    static QString syncKey(SyncStatus status);
    // Rolls a resource status into an aggregate: Unknown and OutOfSync-like ones win.
    static SyncStatus worse(SyncStatus a, SyncStatus b);

private:
    static EnvironmentDrift build(const QString& environment, const QList<ApplicationInput>& inputs,
        const kube::LiveSnapshot& live, const kube::ConnectionState& connection,
        const QSet<ResourceKey>& otherEnvironments, const EnvironmentDrift* previous,
        const QSet<ResourceKey>& changedKeys);
};

} // namespace driftline::engine

Q_DECLARE_METATYPE(driftline::engine::EnvironmentDrift)
