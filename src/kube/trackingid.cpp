#include "kube/trackingid.h"

#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline::kube {

namespace {

// Argo CD names applications outside its control-plane namespace "<namespace>_<app>".
// Kubernetes names cannot hold '_', so the first one is the separator.
void splitArgoName(const QString& value, Ownership& ownership)
{
    const qsizetype underscore = value.indexOf(u'_');
    if (underscore > 0 && underscore + 1 < value.size()) {
        ownership.applicationNamespace = value.left(underscore);
        ownership.application = value.mid(underscore + 1);
    } else {
        ownership.application = value;
    }
}

QString groupOf(const QJsonObject& object)
{
    const QString apiVersion = object.value("apiVersion"_L1).toString();
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

} // namespace

TrackingId TrackingId::forResource(const QString& application, const ResourceKey& key)
{
    return TrackingId{application, key.group, key.kind, key.namespace_, key.name};
}

QJsonObject TrackingId::annotated(QJsonObject object, const QString& application, const ResourceKey& key)
{
    QJsonObject metadata = object.value(u"metadata"_s).toObject();
    QJsonObject annotations = metadata.value(u"annotations"_s).toObject();
    annotations.insert(QString(DriftlineAnnotation), forResource(application, key).toString());
    metadata.insert(u"annotations"_s, annotations);
    object.insert(u"metadata"_s, metadata);
    return object;
}

QString TrackingId::toString() const
{
    return application % u':' % group % u'/' % kind % u':' % namespace_ % u'/' % name;
}

std::optional<TrackingId> TrackingId::parse(const QString& value)
{
    // Neither application, group, kind, namespace nor name may hold ':' or '/'
    // beyond the separators, so a strict split rejects anything else.
    const QStringList parts = value.trimmed().split(u':');
    if (parts.size() != 3)
        return std::nullopt;
    const QStringList groupKind = parts[1].split(u'/');
    const QStringList namespaceName = parts[2].split(u'/');
    if (groupKind.size() != 2 || namespaceName.size() != 2)
        return std::nullopt;
    TrackingId id{parts[0], groupKind[0], groupKind[1], namespaceName[0], namespaceName[1]};
    if (id.application.isEmpty() || id.kind.isEmpty() || id.name.isEmpty())
        return std::nullopt;
    return id;
}

ResourceKey TrackingId::key() const
{
    return ResourceKey{group, {}, kind, namespace_, name};
}

bool TrackingId::matches(const QJsonObject& object) const
{
    const QJsonObject metadata = object.value("metadata"_L1).toObject();
    const QString objectNamespace = metadata.value("namespace"_L1).toString();
    if (object.value("kind"_L1).toString() != kind || groupOf(object) != group
        || metadata.value("name"_L1).toString() != name)
        return false;
    return objectNamespace.isEmpty() || objectNamespace == namespace_;
}

std::optional<Ownership> TrackingId::ownerOf(const QJsonObject& object)
{
    const QJsonObject metadata = object.value("metadata"_L1).toObject();
    const QJsonObject annotations = metadata.value("annotations"_L1).toObject();
    const QJsonObject labels = metadata.value("labels"_L1).toObject();

    std::optional<Ownership> copied;
    auto fromAnnotation = [&](QLatin1StringView annotation, Ownership::Tool tool) -> std::optional<Ownership> {
        const auto id = parse(annotations.value(annotation).toString());
        if (!id)
            return std::nullopt;
        Ownership ownership;
        ownership.tool = tool;
        if (tool == Ownership::Tool::ArgoCd)
            splitArgoName(id->application, ownership);
        else
            ownership.application = id->application;
        ownership.matchesObject = id->matches(object);
        if (ownership.matchesObject)
            return ownership;
        if (!copied)
            copied = ownership;
        return std::nullopt;
    };

    if (auto owner = fromAnnotation(DriftlineAnnotation, Ownership::Tool::Driftline))
        return owner;
    if (auto owner = fromAnnotation(ArgoCdAnnotation, Ownership::Tool::ArgoCd))
        return owner;

    if (const QString fluxName = labels.value(FluxNameLabel).toString(); !fluxName.isEmpty()) {
        Ownership ownership;
        ownership.tool = Ownership::Tool::Flux;
        ownership.application = fluxName;
        ownership.applicationNamespace = labels.value(FluxNamespaceLabel).toString();
        return ownership;
    }
    // A copied tracking id says more than the instance label: Argo CD, tracking by
    // annotation, ignores the label, and charts set the label for their own reasons.
    if (copied)
        return copied;
    if (const QString instance = labels.value(InstanceLabel).toString(); !instance.isEmpty()) {
        Ownership ownership;
        ownership.tool = Ownership::Tool::Label;
        splitArgoName(instance, ownership);
        return ownership;
    }
    return std::nullopt;
}

} // namespace driftline::kube
