// Which application a live object belongs to. Driftline marks what it applies
// with `driftline.io/tracking-id: <app>:<group>/<kind>:<namespace>/<name>`; to
// read clusters run by other GitOps tools it also understands Argo CD's
// tracking-id annotation (same format) and app.kubernetes.io/instance label,
// and Flux's kustomize.toolkit.fluxcd.io/{name,namespace} labels.
// A tracking id names one object. Controllers copy annotations to what they
// create (a Deployment's onto its ReplicaSets), so an id that names another
// object is a copy and, as in Argo CD, not ownership.
#pragma once

#include "core/resourcekey.h"

#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>

#include <optional>

namespace driftline::kube {

struct Ownership {
    enum class Tool {
        Driftline, // driftline.io/tracking-id
        ArgoCd,    // argocd.argoproj.io/tracking-id
        Flux,      // kustomize.toolkit.fluxcd.io/name + /namespace labels
        Label,     // app.kubernetes.io/instance (Argo CD's label tracking, Helm)
    };

    QString application;
    // Where the Argo CD Application or Flux Kustomization lives, when the marker says
    // (Argo CD's "<namespace>_<app>" for applications outside its own namespace).
    QString applicationNamespace;
    Tool tool = Tool::Driftline;
    // False when a tracking id names some other object: a copied annotation, not ownership.
    bool matchesObject = true;

    friend bool operator==(const Ownership&, const Ownership&) = default;
};

class TrackingId
{
public:
    static constexpr QLatin1StringView DriftlineAnnotation{"driftline.io/tracking-id"};
    static constexpr QLatin1StringView ArgoCdAnnotation{"argocd.argoproj.io/tracking-id"};
    static constexpr QLatin1StringView InstanceLabel{"app.kubernetes.io/instance"};
    static constexpr QLatin1StringView FluxNameLabel{"kustomize.toolkit.fluxcd.io/name"};
    static constexpr QLatin1StringView FluxNamespaceLabel{"kustomize.toolkit.fluxcd.io/namespace"};

    QString application;
    QString group; // empty for the core group
    QString kind;
    QString namespace_; // empty for cluster-scoped objects
    QString name;

    // The id of `key` (its version is not part of an id) in `application`.
    static TrackingId forResource(const QString& application, const ResourceKey& key);
    // `object` carrying Driftline's annotation with the id of `key` in `application`:
    // what every apply of Driftline's sends, so the cluster says who owns the object.
    static QJsonObject annotated(QJsonObject object, const QString& application, const ResourceKey& key);
    // "web:/Service:shop/web", "web:apps/Deployment:shop/web", "web:rbac.authorization.k8s.io/ClusterRole:/reader".
    QString toString() const;
    // nullopt unless `value` has the three parts of the format and an application and kind.
    static std::optional<TrackingId> parse(const QString& value);

    // The object the id names, without a version.
    ResourceKey key() const;
    // Whether the id names `object` itself (group, kind, namespace and name). A
    // cluster-scoped object accepts any namespace: Argo CD writes its destination
    // namespace into the ids of cluster-scoped objects.
    bool matches(const QJsonObject& object) const;

    // Who owns `object`, by the strongest marker it carries: a Driftline id, an Argo CD
    // id, Flux's labels; then an id that names another object (matchesObject false);
    // then the instance label, which charts also set on objects no tool owns.
    // nullopt: no marker at all.
    static std::optional<Ownership> ownerOf(const QJsonObject& object);

    friend bool operator==(const TrackingId&, const TrackingId&) = default;
};

} // namespace driftline::kube
