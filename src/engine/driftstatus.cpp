#include "engine/driftstatus.h"

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

int rank(SyncStatus s)
{
    switch (s) {
    case SyncStatus::Synced:
        return 0;
    case SyncStatus::Extraneous:
        return 1;
    case SyncStatus::OutOfSync:
        return 2;
    case SyncStatus::Missing:
        return 3;
    case SyncStatus::Unknown:
        return 4;
    }
    return 4;
}

QString differenceSummary(const QList<Difference>& differences)
{
    QStringList paths;
    for (const Difference& d : differences) {
        QString text = d.path;
        if (!d.manager.isEmpty() && d.manager != Comparison::FieldManager)
            text += u" ("_s + d.manager + u')';
        paths << text;
        if (paths.size() == 5)
            break;
    }
    QString summary = paths.join(u", "_s);
    if (differences.size() > paths.size())
        summary += u", …"_s;
    return summary;
}

} // namespace

const ResourceDrift* EnvironmentDrift::resource(const QString& applicationId, const ResourceKey& key) const
{
    const auto app = applications.constFind(applicationId);
    if (app == applications.cend())
        return nullptr;
    const ResourceKey wanted = kube::LiveSnapshot::withoutVersion(key);
    for (const ResourceDrift& r : app->resources) {
        if (r.key == wanted)
            return &r;
    }
    return nullptr;
}

SyncStatus DriftStatus::worse(SyncStatus a, SyncStatus b)
{
    return rank(a) >= rank(b) ? a : b;
}

QString DriftStatus::syncName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return tr("Synced");
    case SyncStatus::OutOfSync:
        return tr("OutOfSync");
    case SyncStatus::Missing:
        return tr("Missing");
    case SyncStatus::Extraneous:
        return tr("Extraneous");
    case SyncStatus::Unknown:
        return tr("Unknown");
    }
    return {};
}

QString DriftStatus::syncKey(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return u"Synced"_s;
    case SyncStatus::OutOfSync:
        return u"OutOfSync"_s;
    case SyncStatus::Missing:
        return u"Missing"_s;
    case SyncStatus::Extraneous:
        return u"Extraneous"_s;
    case SyncStatus::Unknown:
        break;
    }
    return u"Unknown"_s;
}

EnvironmentDrift DriftStatus::compute(const QString& environment, const QList<ApplicationInput>& inputs,
    const kube::LiveSnapshot& live, const kube::ConnectionState& connection, const QSet<ResourceKey>& otherEnvironments)
{
    return build(environment, inputs, live, connection, otherEnvironments, nullptr, {});
}

EnvironmentDrift DriftStatus::update(const EnvironmentDrift& previous, const QList<ApplicationInput>& inputs,
    const kube::LiveSnapshot& live, const kube::ConnectionState& connection, const QSet<ResourceKey>& changedKeys,
    const QSet<ResourceKey>& otherEnvironments)
{
    return build(previous.environment, inputs, live, connection, otherEnvironments, &previous, changedKeys);
}

EnvironmentDrift DriftStatus::build(const QString& environment, const QList<ApplicationInput>& inputs,
    const kube::LiveSnapshot& live, const kube::ConnectionState& connection, const QSet<ResourceKey>& otherEnvironments,
    const EnvironmentDrift* previous, const QSet<ResourceKey>& changedKeys)
{
    EnvironmentDrift env;
    env.environment = environment;
    const bool connected = connection.status == kube::ConnectionState::Status::Connected && live.isComplete();
    env.connected = connected;
    QStringList kindErrors = live.kindErrors().keys();
    kindErrors.sort();
    env.kindErrors = kindErrors;
    // Results of the previous computation stay valid for the objects that did not change,
    // as long as the cluster was readable then as now, kind for kind.
    if (previous && (previous->connected != connected || previous->kindErrors != kindErrors))
        previous = nullptr;
    const QString unknownReason = connection.status == kube::ConnectionState::Status::Connected
        ? tr("The cluster is still being read.")
        : (connection.reason.isEmpty() ? connection.text() : connection.reason);

    for (const ApplicationInput& input : inputs) {
        ApplicationDrift app;
        app.id = input.application.id();
        QSet<ResourceKey> desiredKeys;
        const auto add = [&](ResourceDrift r) {
            app.sync = DriftStatus::worse(app.sync, r.sync);
            if (r.healthChecked)
                app.health = HealthAssessor::worse(app.health, r.health.status);
            ++app.counts[r.sync];
            ++env.counts[r.sync];
            app.resources.append(std::move(r));
        };
        // The previous results of this application, by key.
        const ApplicationDrift* before = nullptr;
        QHash<ResourceKey, qsizetype> beforeIndex;
        if (previous) {
            const auto it = previous->applications.constFind(app.id);
            if (it != previous->applications.cend()) {
                before = &*it;
                beforeIndex.reserve(before->resources.size());
                for (qsizetype i = 0; i < before->resources.size(); ++i)
                    beforeIndex.insert(before->resources.at(i).key, i);
            }
        }
        const auto reusable = [&](const ResourceKey& key) -> const ResourceDrift* {
            if (!before || changedKeys.contains(key))
                return nullptr;
            const auto at = beforeIndex.constFind(key);
            return at == beforeIndex.cend() ? nullptr : &before->resources.at(*at);
        };

        if (!input.render) {
            app.sync = SyncStatus::Unknown;
            app.reason = tr("Still rendering.");
        } else if (input.render->resources.isEmpty() && !input.render->errors.isEmpty()) {
            app.sync = SyncStatus::Unknown;
            app.reason = input.render->errors.first().message;
        }
        if (input.render) {
            for (const Resource& resource : input.render->resources) {
                const ResourceKey key = kube::LiveSnapshot::withoutVersion(resource.key());
                desiredKeys.insert(key);
                // An Extraneous result of the same key came from the cluster alone: judge it anew.
                if (const ResourceDrift* kept = reusable(key); kept && kept->sync != SyncStatus::Extraneous) {
                    add(*kept);
                    continue;
                }
                ResourceDrift r;
                r.key = key;
                const auto object = live.object(r.key);
                if (!connected && !object) {
                    r.sync = SyncStatus::Unknown;
                    r.reason = unknownReason;
                } else if (const auto kindError = live.kindError(r.key.group, r.key.kind); kindError && !object) {
                    r.sync = SyncStatus::Unknown;
                    r.reason = kindError->message;
                } else if (!object) {
                    r.sync = SyncStatus::Missing;
                    r.health = {Health::Status::Missing, tr("Not in the cluster.")};
                    r.healthChecked = true;
                } else {
                    r.differences =
                        Comparison::differences(resource.object(), *object, input.application.ignoreDifferences);
                    r.sync = r.differences.isEmpty() ? SyncStatus::Synced : SyncStatus::OutOfSync;
                    if (!r.differences.isEmpty())
                        r.reason = differenceSummary(r.differences);
                    r.health = HealthAssessor::assess(*object);
                    r.healthChecked = HealthAssessor::hasHealthCheck(*object);
                }
                add(std::move(r));
            }
        }
        // Tracked by this application in the cluster, but not in Git.
        for (const ResourceKey& key : live.applicationKeys(input.application.name)) {
            if (desiredKeys.contains(key) || otherEnvironments.contains(key))
                continue;
            if (const ResourceDrift* kept = reusable(key); kept && kept->sync == SyncStatus::Extraneous) {
                add(*kept);
                continue;
            }
            ResourceDrift r;
            r.key = key;
            r.sync = SyncStatus::Extraneous;
            r.reason = tr("In the cluster, tracked by %1, but not in Git.").arg(input.application.name);
            if (const auto object = live.object(key)) {
                r.health = HealthAssessor::assess(*object);
                r.healthChecked = HealthAssessor::hasHealthCheck(*object);
            }
            add(std::move(r));
        }
        if (app.reason.isEmpty() && app.sync != SyncStatus::Synced) {
            QStringList parts;
            for (auto it = app.counts.cbegin(); it != app.counts.cend(); ++it) {
                if (it.key() != SyncStatus::Synced)
                    parts << u"%1 %2"_s.arg(it.value()).arg(syncName(it.key()));
            }
            app.reason = parts.join(u", "_s);
        }
        env.sync = worse(env.sync, app.sync);
        env.health = HealthAssessor::worse(env.health, app.health);
        env.applications.insert(app.id, std::move(app));
    }
    return env;
}

} // namespace driftline::engine
