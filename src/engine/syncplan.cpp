#include "engine/syncplan.h"

#include "engine/syncoperation.h"
#include "kube/trackingid.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

bool selected(const SyncSelection& selection, const QString& applicationId, const ResourceKey& key)
{
    if (!selection.applicationIds.isEmpty() && !selection.applicationIds.contains(applicationId))
        return false;
    return selection.keys.isEmpty() || selection.keys.contains(kube::LiveSnapshot::withoutVersion(key));
}

// Apply order: waves ascending, then kinds in dependency order, then by place and name.
bool applyBefore(const SyncStep& a, const SyncStep& b)
{
    if (a.wave != b.wave)
        return a.wave < b.wave;
    if (a.phase != b.phase)
        return a.phase < b.phase;
    if (a.key.namespace_ != b.key.namespace_)
        return a.key.namespace_ < b.key.namespace_;
    if (a.key.name != b.key.name)
        return a.key.name < b.key.name;
    return a.key.groupKind() < b.key.groupKind();
}

} // namespace

int SyncPlan::kindPhase(const QString& kind)
{
    static const QHash<QString, int> phases {
        {u"Namespace"_s, 0},
        {u"CustomResourceDefinition"_s, 0},
        {u"ResourceQuota"_s, 1},
        {u"LimitRange"_s, 1},
        {u"ServiceAccount"_s, 1},
        {u"Secret"_s, 2},
        {u"ConfigMap"_s, 3},
        {u"StorageClass"_s, 4},
        {u"PersistentVolume"_s, 4},
        {u"PersistentVolumeClaim"_s, 4},
        {u"ClusterRole"_s, 5},
        {u"Role"_s, 5},
        {u"ClusterRoleBinding"_s, 5},
        {u"RoleBinding"_s, 5},
        {u"Service"_s, 6},
        {u"Deployment"_s, 7},
        {u"StatefulSet"_s, 7},
        {u"DaemonSet"_s, 7},
        {u"Job"_s, 7},
        {u"CronJob"_s, 7},
        {u"ReplicaSet"_s, 7},
        {u"Pod"_s, 7},
        {u"HorizontalPodAutoscaler"_s, 8},
        {u"PodDisruptionBudget"_s, 8},
        {u"Ingress"_s, 9},
    };
    return phases.value(kind, 10);
}

int SyncPlan::waveOf(const QJsonObject& object)
{
    const QString value = object.value(u"metadata"_s)
                              .toObject()
                              .value(u"annotations"_s)
                              .toObject()
                              .value(QString(SyncWaveAnnotation))
                              .toString()
                              .trimmed();
    bool ok = false;
    const int wave = value.toInt(&ok);
    return ok ? wave : 0;
}

SyncPlan SyncPlan::build(const QString& environment, const EnvironmentDrift& drift,
    const QList<DriftStatus::ApplicationInput>& inputs, const kube::LiveSnapshot& live,
    const SyncSelection& selection, const SyncOptions& options)
{
    SyncPlan plan;
    plan.environment = environment;
    plan.options = options;
    QList<SyncStep> applies;
    QList<SyncStep> prunes;

    for (const DriftStatus::ApplicationInput& input : inputs) {
        const QString appId = input.application.id();
        if (!selection.applicationIds.isEmpty() && !selection.applicationIds.contains(appId))
            continue;
        if (input.render) {
            for (const Resource& resource : input.render->resources) {
                if (!selected(selection, appId, resource.key()))
                    continue;
                const ResourceKey key = kube::LiveSnapshot::withoutVersion(resource.key());
                SyncStep step;
                step.key = resource.key();
                step.applicationId = appId;
                step.applicationName = input.application.name;
                const ResourceDrift* r = drift.resource(appId, key);
                step.status = r ? r->sync : SyncStatus::Unknown;
                if (r)
                    step.differences = r->differences;
                step.live = live.object(key).value_or(QJsonObject());
                step.manifest = kube::TrackingId::annotated(resource.object(), input.application.name, key);
                step.wave = waveOf(resource.object());
                step.phase = kindPhase(key.kind);
                switch (step.status) {
                case SyncStatus::Missing:
                    step.action = SyncAction::Create;
                    break;
                case SyncStatus::OutOfSync:
                    step.action = SyncAction::Update;
                    break;
                case SyncStatus::Synced:
                    // A server-side apply of an unchanged object is a no-op, so re-applying is
                    // safe and catches drift the last comparison did not see yet.
                    step.action = options.onlyOutOfSync ? SyncAction::Unchanged : SyncAction::Reapply;
                    break;
                case SyncStatus::Unknown:
                case SyncStatus::Extraneous:
                    step.action = step.live.isEmpty() ? SyncAction::Create : SyncAction::Update;
                    break;
                }
                applies.append(std::move(step));
            }
        }
        const auto app = drift.applications.constFind(appId);
        if (app == drift.applications.cend())
            continue;
        for (const ResourceDrift& r : app->resources) {
            if (r.sync != SyncStatus::Extraneous || !selected(selection, appId, r.key))
                continue;
            SyncStep step;
            step.key = r.key;
            step.applicationId = appId;
            step.applicationName = input.application.name;
            step.status = r.sync;
            step.live = live.object(r.key).value_or(QJsonObject());
            if (step.live.isEmpty())
                continue; // gone since the comparison: nothing to prune
            step.key = kube::LiveSnapshot::keyOf(step.live);
            step.manifest = step.live;
            step.wave = waveOf(step.live);
            step.phase = kindPhase(r.key.kind);
            step.action = options.prune ? SyncAction::Prune : SyncAction::Unchanged;
            prunes.append(std::move(step));
        }
    }

    std::stable_sort(applies.begin(), applies.end(), applyBefore);
    // Dependents go before what they depend on: reverse wave and phase order.
    std::stable_sort(prunes.begin(), prunes.end(), [](const SyncStep& a, const SyncStep& b) {
        if (a.wave != b.wave)
            return a.wave > b.wave;
        if (a.phase != b.phase)
            return a.phase > b.phase;
        return applyBefore(a, b);
    });
    plan.steps = applies + prunes;
    return plan;
}

SyncPlan SyncPlan::retryOf(const SyncPlan& plan, const SyncReport& report)
{
    SyncPlan retry;
    retry.environment = plan.environment;
    retry.options = plan.options;
    for (const SyncStep& step : plan.steps) {
        const ResourceResult* r = report.result(step.key);
        if (r && r->outcome == ResourceOutcome::Failed)
            retry.steps.append(step);
    }
    return retry;
}

int SyncPlan::count(SyncAction action) const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [&](const SyncStep& s) { return s.action == action; }));
}

int SyncPlan::runCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [](const SyncStep& s) { return s.runs(); }));
}

QList<SyncStep> SyncPlan::toPrune() const
{
    QList<SyncStep> out;
    for (const SyncStep& s : steps) {
        if (s.action == SyncAction::Prune)
            out.append(s);
    }
    return out;
}

QString SyncPlan::actionName(SyncAction action)
{
    switch (action) {
    case SyncAction::Create:
        return tr("create");
    case SyncAction::Update:
        return tr("update");
    case SyncAction::Reapply:
        return tr("re-apply");
    case SyncAction::Prune:
        return tr("prune");
    case SyncAction::Unchanged:
        return tr("leave alone");
    }
    return {};
}

} // namespace driftline::engine
