// A Kubernetes object as Driftline sees it: identity, an immutable JSON object
// tree (implicitly shared, cheap to copy across threads) and where it came from.
#pragma once

#include "core/resourcekey.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace driftline {

struct SourceLocation {
    QString file; // repository-relative path of the manifest, or a description ("kustomize build apps/web")
    int line = 0; // 1-based line of the document's first line, 0 when unknown
    int document = 0; // 0-based index of the YAML document in the file

    QString toString() const;
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

class Resource
{
public:
    Resource() = default;
    Resource(ResourceKey key, QJsonObject object, SourceLocation source = {});

    const ResourceKey& key() const { return m_key; }
    const QJsonObject& object() const { return m_object; }
    const SourceLocation& source() const { return m_source; }

    QString kind() const { return m_key.kind; }
    QString name() const { return m_key.name; }
    QString namespace_() const { return m_key.namespace_; }

    QJsonObject metadata() const;
    QString annotation(const QString& name) const;
    QString label(const QString& name) const;

    // The same object with a namespace filled in (for namespaced kinds without one).
    Resource withNamespace(const QString& ns) const;

    // Canonical YAML (see CanonicalYaml), the way every panel shows a resource.
    QString toYaml() const;

    friend bool operator==(const Resource&, const Resource&) = default;

private:
    ResourceKey m_key;
    QJsonObject m_object;
    SourceLocation m_source;
};

using ResourceList = QList<Resource>;

} // namespace driftline

Q_DECLARE_METATYPE(driftline::Resource)
