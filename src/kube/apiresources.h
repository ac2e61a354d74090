// What a cluster serves, read from its discovery documents (/api, /apis and
// each group version): for every kind its plural resource name, version,
// scope and verbs. Lookups prefer the group's preferred version, as kubectl does.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace driftline::kube {

struct ApiResource {
    QString group; // empty for the core group
    QString version;
    QString kind;
    QString plural; // the resource name in URLs ("deployments")
    bool namespaced = false;
    QStringList verbs;
    QStringList shortNames;

    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    bool supports(const QString& verb) const { return verbs.contains(verb); }
};

class ApiResources
{
public:
    // Records the group's preferred version (used when a lookup names no version).
    void setPreferredVersion(const QString& group, const QString& version);
    // Adds the resources of one APIResourceList document; subresources ("pods/log") are skipped.
    void addResourceList(const QString& group, const QString& version, const QJsonObject& document);

    // `version` empty: the preferred version, else the first served one.
    std::optional<ApiResource> find(const QString& group, const QString& kind, const QString& version = {}) const;
    std::optional<ApiResource> findByPlural(const QString& group, const QString& plural, const QString& version = {}) const;

    const QList<ApiResource>& all() const { return m_resources; }
    QStringList groups() const { return m_preferred.keys(); }
    bool isEmpty() const { return m_resources.isEmpty(); }

private:
    std::optional<ApiResource> pick(const QList<const ApiResource*>& matches, const QString& group) const;

    QList<ApiResource> m_resources;
    QMap<QString, QString> m_preferred; // group -> preferred version
};

} // namespace driftline::kube
