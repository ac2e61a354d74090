// What a sync of an environment (or of some of its applications or resources) will
// do, decided before anything changes: each resource is created, updated, pruned or
// left alone, in the order the apply runs (sync waves, then kinds in dependency
// order, prunes last in reverse). A pure value built from one drift result and the
// live snapshot it was computed from; the plan dialog shows it, SyncOperation runs it.
#pragma once

#include "core/resourcekey.h"
#include "engine/comparison.h"
#include "engine/driftstatus.h"
#include "kube/livesnapshot.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace driftline::engine {

struct SyncReport;

struct SyncOptions {
    bool dryRun = false;        // the server's dryRun=All: checked by the server, nothing stored
    bool prune = false;         // delete tracked live objects Git no longer has
    bool force = false;         // take fields other field managers own
    bool onlyOutOfSync = false; // leave Synced resources alone instead of re-applying them

    friend bool operator==(const SyncOptions&, const SyncOptions&) = default;
};

enum class SyncAction {
    Create,    // not in the cluster (or unknown and not there)
    Update,    // in the cluster and different (or unknown and there)
    Reapply,   // already matches Git: applied again, a no-op for the server, unless onlyOutOfSync
    Prune,     // tracked in the cluster, not in Git: deleted
    Unchanged, // left alone: Synced with onlyOutOfSync, or Extraneous without prune
};

struct SyncStep {
    ResourceKey key; // version as Git has it (the live one for prunes)
    QString applicationId;   // "staging/web"
    QString applicationName; // "web": the tracking id's application
    SyncAction action = SyncAction::Unchanged;
    SyncStatus status = SyncStatus::Unknown;
    // Create/Update: the desired object carrying the tracking annotation, exactly what
    // is applied. Prune: the live object.
    QJsonObject manifest;
    QJsonObject live; // the live object when the plan was made; empty when absent
    int wave = 0;     // argocd.argoproj.io/sync-wave
    int phase = 0;    // kindPhase()
    QList<Difference> differences;

    // Whether SyncOperation sends anything for this step.
    bool runs() const { return action != SyncAction::Unchanged; }
};

// Which part of an environment to sync; empty lists mean everything.
struct SyncSelection {
    QStringList applicationIds;
    QSet<ResourceKey> keys; // version ignored
};

class SyncPlan
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::SyncPlan)

public:
    static constexpr QLatin1StringView SyncWaveAnnotation{"argocd.argoproj.io/sync-wave"};

    QString environment;
    SyncOptions options;
    QList<SyncStep> steps; // in the order they run; prunes last; Unchanged ones where they would run

    // `drift` must have been computed from `inputs` and `live`.
    static SyncPlan build(const QString& environment, const EnvironmentDrift& drift,
        const QList<DriftStatus::ApplicationInput>& inputs, const kube::LiveSnapshot& live,
        const SyncSelection& selection = {}, const SyncOptions& options = {});
    // The steps of `plan` whose result in `report` is Failed, in the same order.
    static SyncPlan retryOf(const SyncPlan& plan, const SyncReport& report);

    // Dependency order of kinds: Namespace and CustomResourceDefinition 0, then
    // ServiceAccount, Secret, ConfigMap, storage, RBAC, Service, workloads, HPA/PDB,
    // Ingress; anything else (custom resources) last.
    static int kindPhase(const QString& kind);
    // The sync-wave annotation of `object` (0 when absent or not an integer).
    static int waveOf(const QJsonObject& object);

    int count(SyncAction action) const;
    int runCount() const; // steps that send something
    QList<SyncStep> toPrune() const;
    bool isEmpty() const { return runCount() == 0; }

    static QString actionName(SyncAction action); // translated
};

} // namespace driftline::engine
