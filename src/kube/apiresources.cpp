#include "kube/apiresources.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace driftline::kube {

void ApiResources::setPreferredVersion(const QString& group, const QString& version)
{
    m_preferred.insert(group, version);
}

void ApiResources::addResourceList(const QString& group, const QString& version, const QJsonObject& document)
{
    const QJsonArray resources = document.value(u"resources"_s).toArray();
    for (const QJsonValue& value : resources) {
        const QJsonObject r = value.toObject();
        const QString name = r.value(u"name"_s).toString();
        if (name.isEmpty() || name.contains(u'/'))
            continue;
        ApiResource resource;
        // A resource may live in another group than the list it appears in (rare, but allowed).
        resource.group = r.contains(u"group"_s) ? r.value(u"group"_s).toString() : group;
        resource.version = r.contains(u"version"_s) ? r.value(u"version"_s).toString() : version;
        resource.kind = r.value(u"kind"_s).toString();
        resource.plural = name;
        resource.namespaced = r.value(u"namespaced"_s).toBool();
        for (const QJsonValue& v : r.value(u"verbs"_s).toArray())
            resource.verbs.append(v.toString());
        for (const QJsonValue& v : r.value(u"shortNames"_s).toArray())
            resource.shortNames.append(v.toString());
        m_resources.append(std::move(resource));
    }
    if (!m_preferred.contains(group))
        m_preferred.insert(group, version);
}

std::optional<ApiResource> ApiResources::pick(const QList<const ApiResource*>& matches, const QString& group) const
{
    if (matches.isEmpty())
        return std::nullopt;
    const QString preferred = m_preferred.value(group);
    for (const ApiResource* r : matches) {
        if (r->version == preferred)
            return *r;
    }
    return *matches.first();
}

std::optional<ApiResource> ApiResources::find(const QString& group, const QString& kind, const QString& version) const
{
    QList<const ApiResource*> matches;
    for (const ApiResource& r : m_resources) {
        if (r.group == group && r.kind == kind && (version.isEmpty() || r.version == version))
            matches.append(&r);
    }
    return pick(matches, group);
}

std::optional<ApiResource> ApiResources::findByPlural(
    const QString& group, const QString& plural, const QString& version) const
{
    QList<const ApiResource*> matches;
    for (const ApiResource& r : m_resources) {
        if (r.group == group && r.plural == plural && (version.isEmpty() || r.version == version))
            matches.append(&r);
    }
    return pick(matches, group);
}

} // namespace driftline::kube
