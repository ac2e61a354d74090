// The identity of a Kubernetes object: group, version, kind, namespace, name.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <compare>

namespace driftline {

struct ResourceKey {
    QString group;     // "" for the core group
    QString version;   // "v1"
    QString kind;      // "Deployment"
    QString namespace_; // "" for cluster-scoped (or not yet defaulted) objects
    QString name;

    // Splits an apiVersion ("apps/v1" or "v1") into group and version.
    static ResourceKey fromApiVersion(const QString& apiVersion, const QString& kind,
                                      const QString& namespace_, const QString& name);

    QString apiVersion() const;
    // "apps/Deployment" or "Service": group and kind, without the version.
    QString groupKind() const;
    // "Deployment/shop/web" or "Namespace/shop": how people name a resource.
    QString displayName() const;
    // Identity ignores the version: apps/v1 and apps/v1beta1 Deployments are one object.
    bool sameObject(const ResourceKey& other) const
    {
        return group == other.group && kind == other.kind && namespace_ == other.namespace_
            && name == other.name;
    }

    friend bool operator==(const ResourceKey&, const ResourceKey&) = default;
    friend std::strong_ordering operator<=>(const ResourceKey& a, const ResourceKey& b);
};

size_t qHash(const ResourceKey& key, size_t seed = 0) noexcept;

} // namespace driftline

Q_DECLARE_METATYPE(driftline::ResourceKey)
